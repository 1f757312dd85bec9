package dev.purser.core.cloud.digitalocean;

import dev.purser.core.model.Money;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A droplet from {@code GET /v2/droplets}, with what costing and right-sizing need.
 *
 * @param status       {@code new}, {@code active}, {@code off} or {@code archive}
 * @param priceMonthly the size's list price per month
 * @param priceHourly  the size's list price per hour (DigitalOcean sends many digits; kept exact)
 * @param publicIpv4   the first public IPv4 address in {@code networks.v4}, or null
 * @param privateIpv4  the first private (VPC) IPv4 address in {@code networks.v4}, or null; how
 *                     a Prometheus scrape target usually names the droplet
 */
public record Droplet(
        long id,
        String name,
        int memoryMb,
        int vcpus,
        int diskGb,
        String status,
        Instant createdAt,
        String sizeSlug,
        Money priceMonthly,
        BigDecimal priceHourly,
        String regionSlug,
        List<String> tags,
        List<String> volumeIds,
        String publicIpv4,
        String privateIpv4) {

    public Droplet {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(sizeSlug, "sizeSlug");
        Objects.requireNonNull(regionSlug, "regionSlug");
        tags = tags == null ? List.of() : List.copyOf(tags);
        volumeIds = volumeIds == null ? List.of() : List.copyOf(volumeIds);
    }
}
