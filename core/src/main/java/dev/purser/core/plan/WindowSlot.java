package dev.purser.core.plan;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Objects;

/**
 * One occurrence of a {@link MaintenanceWindow}: the phase may start at {@code start} and must be
 * done by {@code end}. {@code zone} is only for showing it in the window's own local time.
 */
public record WindowSlot(Instant start, Instant end, ZoneId zone) {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEE yyyy-MM-dd HH:mm", Locale.ENGLISH);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm", Locale.ENGLISH);

    public WindowSlot {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        Objects.requireNonNull(zone, "zone");
        if (!end.isAfter(start)) {
            throw new IllegalArgumentException("window ends before it starts: " + start + ".." + end);
        }
    }

    /** {@code Sat 2026-12-12 02:00-04:00 Europe/Berlin}. */
    public String label() {
        ZonedDateTime s = start.atZone(zone);
        return DAY.format(s) + "-" + TIME.format(end.atZone(zone)) + " " + zone.getId();
    }

    /** Exact instants and zone: {@code 2026-12-12T01:00:00Z..2026-12-12T03:00:00Z Europe/Berlin}. */
    public String canonical() {
        return start + ".." + end + " " + zone.getId();
    }
}
