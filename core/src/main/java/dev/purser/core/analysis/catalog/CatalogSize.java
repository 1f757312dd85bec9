package dev.purser.core.analysis.catalog;

import dev.purser.core.model.Money;
import java.util.Objects;
import java.util.Optional;

/**
 * One size a provider sells.
 *
 * @param slug         the provider's size slug or instance type ({@code s-2vcpu-4gb}, {@code db.r5.large})
 * @param sizeClass    machine or database node
 * @param engine       for database nodes priced per engine (AWS), the engine; empty when the price
 *                     applies to every engine (DigitalOcean)
 * @param family       the family a resize stays within ({@code s}, {@code s-amd}, {@code c}, {@code db-s},
 *                     {@code t3}, {@code db.r5}); see {@link #familyOf(String)}
 * @param memoryMib    memory in MiB (DigitalOcean's "MB")
 * @param diskGib      local disk in GiB, 0 where storage is bought separately
 * @param monthlyPrice list price per month (per node for database sizes); {@code null} when the
 *                     catalog knows the size but not its price
 * @param hourlyPrice  list price per hour, {@code null} when unknown
 */
public record CatalogSize(
        String slug,
        SizeClass sizeClass,
        String engine,
        String family,
        String description,
        int vcpus,
        long memoryMib,
        int diskGib,
        Money monthlyPrice,
        Money hourlyPrice,
        boolean available) {

    public CatalogSize {
        Objects.requireNonNull(slug, "slug");
        Objects.requireNonNull(sizeClass, "sizeClass");
        engine = engine == null ? "" : engine;
        family = family == null ? familyOf(slug) : family;
        description = description == null ? "" : description;
        if (vcpus <= 0) {
            throw new IllegalArgumentException("vcpus must be positive: " + vcpus + " for " + slug);
        }
        if (memoryMib <= 0) {
            throw new IllegalArgumentException("memoryMib must be positive: " + memoryMib + " for " + slug);
        }
        if (diskGib < 0) {
            throw new IllegalArgumentException("diskGib must not be negative: " + diskGib + " for " + slug);
        }
        if (monthlyPrice != null && monthlyPrice.isNegative()) {
            throw new IllegalArgumentException("monthlyPrice must not be negative: " + monthlyPrice + " for " + slug);
        }
    }

    public long memoryBytes() {
        return memoryMib * 1024L * 1024L;
    }

    public Optional<Money> monthly() {
        return Optional.ofNullable(monthlyPrice);
    }

    public boolean priced() {
        return monthlyPrice != null;
    }

    /**
     * The resize family of a slug. DigitalOcean encodes it in the prefix and the CPU vendor
     * suffix ({@code s-2vcpu-4gb-amd} → {@code s-amd}); AWS in the part before the dot
     * ({@code m5.large} → {@code m5}, {@code db.r5.large} → {@code db.r5}).
     */
    public static String familyOf(String slug) {
        if (slug.contains(".")) {
            int last = slug.lastIndexOf('.');
            return slug.substring(0, last);
        }
        String[] parts = slug.split("-");
        String vendor = "";
        String tail = parts[parts.length - 1];
        if (tail.equals("amd") || tail.equals("intel")) {
            vendor = "-" + tail;
        }
        if (parts.length >= 2 && parts[0].equals("db") && (parts[1].equals("s") || parts[1].equals("amd")
                || parts[1].equals("intel"))) {
            return "db-" + parts[1] + vendor;
        }
        return parts[0] + vendor;
    }
}
