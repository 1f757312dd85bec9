package dev.purser.core.analysis.dbadvice;

import java.util.Objects;
import java.util.OptionalLong;

/**
 * One row of {@code pg_settings}.
 *
 * @param setting the raw value in {@code unit}s, e.g. {@code 16384} with unit {@code 8kB}
 * @param unit    PostgreSQL's unit: {@code 8kB}, {@code kB}, {@code MB}, {@code B}, {@code ms}, … or empty
 * @param source  where the value came from: {@code default}, {@code configuration file}, …
 */
public record PgSetting(String name, String setting, String unit, String source, boolean pendingRestart) {

    public PgSetting {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(setting, "setting");
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(source, "source");
    }

    /** The value in bytes, for memory settings ({@code 8kB}, {@code kB}, {@code MB}, {@code B} units). */
    public OptionalLong bytes() {
        long multiplier = switch (unit) {
            case "B" -> 1L;
            case "kB" -> 1024L;
            case "8kB" -> 8 * 1024L;
            case "16kB" -> 16 * 1024L;
            case "32kB" -> 32 * 1024L;
            case "MB" -> 1024L * 1024;
            case "16MB" -> 16L * 1024 * 1024;
            case "GB" -> 1024L * 1024 * 1024;
            default -> 0L;
        };
        OptionalLong value = number();
        return multiplier == 0 || value.isEmpty() ? OptionalLong.empty() : OptionalLong.of(value.getAsLong() * multiplier);
    }

    /** The raw value as an integer, if it is one. */
    public OptionalLong number() {
        try {
            return OptionalLong.of(Long.parseLong(setting.strip()));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }
}
