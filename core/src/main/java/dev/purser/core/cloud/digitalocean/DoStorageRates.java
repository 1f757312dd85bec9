package dev.purser.core.cloud.digitalocean;

import dev.purser.core.model.Money;
import java.util.Objects;

/**
 * What DigitalOcean charges for block storage, snapshots and reserved IPs. The API publishes none
 * of these rates, so they come from DigitalOcean's public price list, and {@link #source} says
 * from when; inventory prices derived from them name it.
 *
 * @param volumePerGibMonth           Volumes block storage, per GiB-month
 * @param snapshotPerGibMonth         droplet and volume snapshots, per GiB-month stored
 * @param unassignedReservedIpMonthly a reserved IPv4 assigned to no droplet, per month (an assigned one is free)
 * @param source                      where the rates come from, in words
 */
public record DoStorageRates(Money volumePerGibMonth, Money snapshotPerGibMonth, Money unassignedReservedIpMonthly,
        String source) {

    /** DigitalOcean's list rates on the bundled catalog's snapshot date. */
    public static final DoStorageRates PRICE_LIST_2026_11_01 = new DoStorageRates(Money.of("0.10", "USD"),
            Money.of("0.06", "USD"), Money.of("5.00", "USD"),
            "DigitalOcean's public price list as of 2026-11-01 (the API publishes no storage or IP prices)");

    public DoStorageRates {
        Objects.requireNonNull(volumePerGibMonth, "volumePerGibMonth");
        Objects.requireNonNull(snapshotPerGibMonth, "snapshotPerGibMonth");
        Objects.requireNonNull(unassignedReservedIpMonthly, "unassignedReservedIpMonthly");
        Objects.requireNonNull(source, "source");
        for (Money m : new Money[] {volumePerGibMonth, snapshotPerGibMonth, unassignedReservedIpMonthly}) {
            if (m.isNegative()) {
                throw new IllegalArgumentException("storage rates must not be negative: " + m);
            }
        }
    }
}
