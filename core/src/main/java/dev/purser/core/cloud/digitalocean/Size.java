package dev.purser.core.cloud.digitalocean;

import dev.purser.core.model.Money;
import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

/**
 * A droplet size from {@code GET /v2/sizes}: the price catalog for droplets.
 *
 * @param transferTb  included outbound transfer, in TB
 * @param priceHourly kept as the exact decimal DigitalOcean sent
 */
public record Size(
        String slug,
        int memoryMb,
        int vcpus,
        int diskGb,
        BigDecimal transferTb,
        Money priceMonthly,
        BigDecimal priceHourly,
        List<String> regions,
        boolean available,
        String description) {

    public Size {
        Objects.requireNonNull(slug, "slug");
        Objects.requireNonNull(priceMonthly, "priceMonthly");
        Objects.requireNonNull(priceHourly, "priceHourly");
        regions = regions == null ? List.of() : List.copyOf(regions);
    }
}
