package dev.purser.core.plan;

import dev.purser.core.error.PurserException;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.TextStyle;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A recurring maintenance window, {@code Sat 02:00-04:00 Europe/Berlin}: a day of the week (or
 * every day), a local start and end time, and the time zone they are read in. An end at or
 * before the start runs past midnight into the next day.
 *
 * <p>Time zones: the times are wall-clock times in {@code zone}, so a window keeps its local hours
 * across daylight-saving changes; {@link #next} resolves a time that a change skips forward, as
 * {@link ZonedDateTime#of} does.
 *
 * @param day   the day it opens; empty for every day
 */
public record MaintenanceWindow(Optional<DayOfWeek> day, LocalTime start, LocalTime end, ZoneId zone) {

    private static final Pattern TEXT = Pattern.compile(
            "(?i)\\s*(mon|tue|wed|thu|fri|sat|sun|monday|tuesday|wednesday|thursday|friday|saturday|sunday|daily)"
                    + "\\s+(\\d{1,2}:\\d{2})\\s*-\\s*(\\d{1,2}:\\d{2})(?:\\s+(\\S+))?\\s*");

    public MaintenanceWindow {
        Objects.requireNonNull(day, "day");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        Objects.requireNonNull(zone, "zone");
    }

    /**
     * Reads {@code Sat 02:00-04:00 Europe/Berlin} or {@code daily 22:00-23:30}; the zone defaults
     * to {@code defaultZone}.
     *
     * @throws PurserException BAD_ARGUMENT naming what is wrong
     */
    public static MaintenanceWindow parse(String text, ZoneId defaultZone) {
        Matcher m = TEXT.matcher(text == null ? "" : text);
        if (!m.matches()) {
            throw PurserException.badArgument("'" + text + "' is not a maintenance window; expected a day, a time "
                    + "range and a time zone, such as \"Sat 02:00-04:00 Europe/Berlin\" or \"daily 22:00-23:30 UTC\"");
        }
        String d = m.group(1).toLowerCase(Locale.ROOT);
        Optional<DayOfWeek> day = d.equals("daily") ? Optional.empty() : Optional.of(dayOf(d));
        LocalTime start = time(m.group(2), text);
        LocalTime end = time(m.group(3), text);
        if (start.equals(end)) {
            throw PurserException.badArgument("maintenance window '" + text + "' starts and ends at " + start);
        }
        ZoneId zone = defaultZone;
        if (m.group(4) != null) {
            try {
                zone = ZoneId.of(m.group(4));
            } catch (DateTimeException e) {
                throw PurserException.badArgument("'" + m.group(4) + "' in maintenance window '" + text
                        + "' is not a time zone; use a region such as Europe/Berlin or UTC");
            }
        }
        return new MaintenanceWindow(day, start, end, zone);
    }

    private static DayOfWeek dayOf(String word) {
        for (DayOfWeek d : DayOfWeek.values()) {
            if (d.name().toLowerCase(Locale.ROOT).startsWith(word.substring(0, 3))) {
                return d;
            }
        }
        throw new IllegalStateException("the pattern let through day " + word);
    }

    private static LocalTime time(String hhmm, String text) {
        try {
            String padded = hhmm.length() == 4 ? "0" + hhmm : hhmm;
            return LocalTime.parse(padded);
        } catch (DateTimeException e) {
            throw PurserException.badArgument("'" + hhmm + "' in maintenance window '" + text + "' is not a time of day");
        }
    }

    /** How long each occurrence lasts on a day without a clock change. */
    public Duration length() {
        Duration d = Duration.between(start, end);
        return d.isNegative() ? d.plusDays(1) : d;
    }

    /** The first occurrence that opens at or after {@code notBefore}. */
    public WindowSlot next(Instant notBefore) {
        LocalDate date = notBefore.atZone(zone).toLocalDate();
        for (int i = 0; i < 9; i++) {
            LocalDate candidate = date.plusDays(i);
            if (day.isPresent() && candidate.getDayOfWeek() != day.get()) {
                continue;
            }
            ZonedDateTime opens = ZonedDateTime.of(candidate, start, zone);
            if (opens.toInstant().isBefore(notBefore)) {
                continue;
            }
            LocalDate endDate = end.isAfter(start) ? candidate : candidate.plusDays(1);
            ZonedDateTime closes = ZonedDateTime.of(endDate, end, zone);
            return new WindowSlot(opens.toInstant(), closes.toInstant(), zone);
        }
        throw new IllegalStateException("no occurrence of " + canonical() + " within nine days of " + notBefore);
    }

    /** {@code Sat 02:00-04:00 Europe/Berlin}; {@code daily ...} for every day. */
    public String canonical() {
        return day.map(d -> d.getDisplayName(TextStyle.SHORT, Locale.ENGLISH)).orElse("daily") + " " + start + "-"
                + end + " " + zone.getId();
    }

    @Override
    public String toString() {
        return canonical();
    }
}
