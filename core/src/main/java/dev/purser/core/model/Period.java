package dev.purser.core.model;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.Objects;

/**
 * A run of whole days, {@code start} inclusive to {@code end} exclusive, in a given zone (UTC
 * unless configured). Users write periods inclusively ({@code 2026-09-01..2026-09-30}); the
 * half-open form is what queries use.
 */
public record Period(LocalDate start, LocalDate endExclusive, ZoneId zone) {

    public Period {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(endExclusive, "endExclusive");
        Objects.requireNonNull(zone, "zone");
        if (!endExclusive.isAfter(start)) {
            throw new IllegalArgumentException(
                    "period end is before start: " + start + ".." + endExclusive.minusDays(1));
        }
    }

    public static Period ofDays(LocalDate firstDay, LocalDate lastDayInclusive, ZoneId zone) {
        return new Period(firstDay, lastDayInclusive.plusDays(1), zone);
    }

    public static Period ofMonth(int year, int month, ZoneId zone) {
        LocalDate first = LocalDate.of(year, month, 1);
        return new Period(first, first.plusMonths(1), zone);
    }

    public LocalDate lastDay() {
        return endExclusive.minusDays(1);
    }

    public long days() {
        return ChronoUnit.DAYS.between(start, endExclusive);
    }

    public Instant startInstant() {
        return start.atStartOfDay(zone).toInstant();
    }

    public Instant endInstant() {
        return endExclusive.atStartOfDay(zone).toInstant();
    }

    public boolean contains(LocalDate day) {
        return !day.isBefore(start) && day.isBefore(endExclusive);
    }

    /** True when the period starts on a month's first day and ends on a month's last day. */
    public boolean isWholeMonths() {
        return start.getDayOfMonth() == 1 && endExclusive.getDayOfMonth() == 1;
    }

    /**
     * The comparable period just before this one: the same number of whole calendar months for a
     * month-aligned period, the same days of the previous month for a month-to-date period, and
     * otherwise the same number of days immediately before.
     */
    public Period previous() {
        if (isWholeMonths()) {
            long months = ChronoUnit.MONTHS.between(start, endExclusive);
            return new Period(start.minusMonths(months), start, zone);
        }
        if (start.getDayOfMonth() == 1 && start.getMonth() == lastDay().getMonth()) {
            LocalDate previousStart = start.minusMonths(1);
            LocalDate previousLastDay = previousStart.with(TemporalAdjusters.lastDayOfMonth());
            LocalDate wantedLastDay = previousStart.plusDays(days() - 1);
            LocalDate lastDay = wantedLastDay.isAfter(previousLastDay) ? previousLastDay : wantedLastDay;
            return new Period(previousStart, lastDay.plusDays(1), zone);
        }
        return new Period(start.minusDays(days()), start, zone);
    }

    /** Days in this period that fall on a weekday (Monday to Friday). */
    public long weekdays() {
        long count = 0;
        for (LocalDate d = start; d.isBefore(endExclusive); d = d.plusDays(1)) {
            DayOfWeek dow = d.getDayOfWeek();
            if (dow != DayOfWeek.SATURDAY && dow != DayOfWeek.SUNDAY) {
                count++;
            }
        }
        return count;
    }

    /** How users write it: {@code 2026-09-01..2026-09-30}. */
    public String label() {
        return start + ".." + lastDay();
    }

    @Override
    public String toString() {
        return label();
    }
}
