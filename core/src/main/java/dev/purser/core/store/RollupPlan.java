package dev.purser.core.store;

import dev.purser.core.model.Period;
import java.time.LocalDate;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * How to read a current and a previous period (UTC days) from the two rollups with the fewest
 * rows: each month wholly inside a period is one {@code cost_monthly} month; a partial month is
 * either its days inside the period from {@code cost_daily}, or, when fewer days lie outside,
 * the whole month minus those days. Every month and day carries a weight per period, +1 or −1
 * (0 where it does not count; a period never counts a day twice), so one weighted
 * {@code GROUP BY} gives both periods' sums exactly: the rollups are exact sums of the same line items, and subtracting
 * exact sums is exact.
 *
 * <p>Reading cost: a month of {@code cost_monthly} holds about as many rows as one or two days of
 * {@code cost_daily} (the same dimension values recur day after day), so a 90-day breakdown and
 * its previous 90 days read roughly six months of monthly rows and a few days of daily ones
 * instead of 180 days.
 *
 * @param months first of month → {current weight, previous weight}
 * @param days   day → {current weight, previous weight}
 */
record RollupPlan(Map<LocalDate, int[]> months, Map<LocalDate, int[]> days) {

    /** A month of monthly rows costs about this many days of daily rows to read. */
    static final int MONTH_COST_IN_DAYS = 2;

    static RollupPlan of(Period current, Period previous) {
        TreeMap<LocalDate, int[]> months = new TreeMap<>();
        TreeMap<LocalDate, int[]> days = new TreeMap<>();
        add(current, 0, months, days);
        if (previous != null) {
            add(previous, 1, months, days);
        }
        months.values().removeIf(w -> w[0] == 0 && w[1] == 0);
        days.values().removeIf(w -> w[0] == 0 && w[1] == 0);
        return new RollupPlan(Collections.unmodifiableMap(months), Collections.unmodifiableMap(days));
    }

    private static void add(Period p, int which, Map<LocalDate, int[]> months, Map<LocalDate, int[]> days) {
        LocalDate month = p.start().withDayOfMonth(1);
        while (month.isBefore(p.endExclusive())) {
            LocalDate next = month.plusMonths(1);
            LocalDate from = p.start().isAfter(month) ? p.start() : month;
            LocalDate to = p.endExclusive().isBefore(next) ? p.endExclusive() : next;
            long inside = to.toEpochDay() - from.toEpochDay();
            long outside = month.lengthOfMonth() - inside;
            if (outside == 0) {
                months.computeIfAbsent(month, x -> new int[2])[which]++;
            } else if (outside + MONTH_COST_IN_DAYS < inside) {
                months.computeIfAbsent(month, x -> new int[2])[which]++;
                for (LocalDate d = month; d.isBefore(next); d = d.plusDays(1)) {
                    if (d.isBefore(from) || !d.isBefore(to)) {
                        days.computeIfAbsent(d, x -> new int[2])[which]--;
                    }
                }
            } else {
                for (LocalDate d = from; d.isBefore(to); d = d.plusDays(1)) {
                    days.computeIfAbsent(d, x -> new int[2])[which]++;
                }
            }
            month = next;
        }
    }
}
