package dev.purser.commands.cost;

import dev.purser.core.analysis.costs.BreakdownRequest;
import dev.purser.core.analysis.costs.CostFilter;
import dev.purser.core.analysis.costs.CostMetric;
import dev.purser.core.analysis.costs.CostQueries;
import dev.purser.core.model.Dimension;
import dev.purser.core.model.Period;
import java.time.LocalDate;
import java.util.Objects;

/**
 * One rule for "today" across {@code cost}, {@code movers}, {@code trend}, {@code budget} and the
 * month-end forecast: bills arrive a day or two late, so a period that runs to today ends, for
 * comparisons and forecasts, on the last complete day the data covers. That day is the latest of
 * the {@value #LOOK_BACK} days before today that has costs under the question's filter (so an
 * account whose bill is two days behind is measured on its own last day), or yesterday when none
 * has; today itself is never complete. Every reply says which day it counted through in
 * {@link #note the same words}.
 */
public final class CompleteDays {

    /** How many days before today are searched for the last one with data. */
    static final int LOOK_BACK = 4;

    private CompleteDays() {
    }

    /** The last complete day with costs under {@code filter}, at most yesterday. */
    public static LocalDate lastComplete(CostQueries costs, CostFilter filter, LocalDate today, java.time.ZoneId zone) {
        Objects.requireNonNull(costs, "costs");
        for (int back = 1; back <= LOOK_BACK; back++) {
            LocalDate day = today.minusDays(back);
            var one = costs.breakdown(new BreakdownRequest(new Period(day, day.plusDays(1), zone),
                    new Dimension(Dimension.Kind.BILLING_ACCOUNT, null), 1, CostMetric.BILLED, filter));
            // a breakdown's sections also carry the day before's amounts: look at this day's own rows
            boolean spent = one.sections().stream().flatMap(sec -> sec.rows().stream())
                    .anyMatch(row -> row.amount().amount().signum() != 0);
            if (spent) {
                return day;
            }
        }
        return today.minusDays(1);
    }

    /**
     * The period, ending on {@code lastComplete} when it ran past it; unchanged when it ends before
     * (a closed month, an explicit range in the past) or starts after (asking about today alone).
     */
    public static Period clip(Period period, LocalDate lastComplete) {
        if (!period.lastDay().isAfter(lastComplete) || period.start().isAfter(lastComplete)) {
            return period;
        }
        return new Period(period.start(), lastComplete.plusDays(1), period.zone());
    }

    /** Whether {@link #clip} shortened the period. */
    public static boolean clipped(Period asked, Period counted) {
        return !asked.equals(counted);
    }

    /** The sentence every reply uses to say where it stopped counting. */
    public static String note(LocalDate lastComplete) {
        return "Counted through " + lastComplete + ", the last complete day of data: later days are still arriving"
                + " and are left out of comparisons and forecasts.";
    }
}
