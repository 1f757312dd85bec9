package dev.purser.core.analysis.costs;

import dev.purser.core.model.Period;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;

/** How a time series is bucketed for display. */
public enum Granularity {
    /** One bucket per day. */
    DAILY,
    /** ISO weeks, Monday to Sunday; the first and last week are cut to the period. */
    WEEKLY,
    /** Calendar months; the first and last month are cut to the period. */
    MONTHLY;

    /**
     * The consecutive buckets that cover {@code period} exactly, in order: no day is in two
     * buckets and none is left out, so bucket sums add up to the period's total.
     */
    public List<Period> buckets(Period period) {
        List<Period> buckets = new ArrayList<>();
        LocalDate start = period.start();
        while (start.isBefore(period.endExclusive())) {
            LocalDate next = next(start);
            LocalDate end = next.isAfter(period.endExclusive()) ? period.endExclusive() : next;
            buckets.add(new Period(start, end, period.zone()));
            start = end;
        }
        return buckets;
    }

    /** The first day of the bucket after the one holding {@code day}. */
    private LocalDate next(LocalDate day) {
        return switch (this) {
            case DAILY -> day.plusDays(1);
            case WEEKLY -> day.with(TemporalAdjusters.next(DayOfWeek.MONDAY));
            case MONTHLY -> day.withDayOfMonth(1).plusMonths(1);
        };
    }
}
