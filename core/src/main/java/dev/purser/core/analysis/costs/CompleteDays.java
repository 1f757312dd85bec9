package dev.purser.core.analysis.costs;

import dev.purser.core.model.Dimension;
import dev.purser.core.model.Period;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * One rule for "today" across {@code cost}, {@code movers}, {@code trend}, {@code budget} and the
 * month-end forecast: bills arrive a day or two late, so a period that runs to today ends, for
 * comparisons and forecasts, on the last complete day the data covers.
 *
 * <p>Completeness belongs to a bill, so it is decided per billing account: an account's last day
 * is the latest of the {@value #LOOK_BACK} days before today on which it has costs (whatever else
 * the question filters on: a service idle yesterday still had its day billed). A question about
 * one account counts through that account's last day; a question across accounts counts through
 * the earliest last day among the accounts billed in those days, so an account whose bill is a
 * day behind is not compared as if it had spent nothing. With no account billed in those days,
 * yesterday. Today itself is never complete. Every reply says which day it counted through in
 * {@link #note the same words}.
 */
public final class CompleteDays {

    /** How many days before today are searched for each account's last day with data. */
    public static final int LOOK_BACK = 4;

    private static final Dimension ACCOUNT = new Dimension(Dimension.Kind.BILLING_ACCOUNT, null);

    /**
     * Where a question stops counting.
     *
     * @param day       the last complete day
     * @param byAccount each account billed in the look-back days and its last day with costs there
     */
    public record Counted(LocalDate day, Map<String, LocalDate> byAccount) {
        public Counted {
            Objects.requireNonNull(day, "day");
            byAccount = Collections.unmodifiableMap(new TreeMap<>(byAccount));
        }

        /**
         * For a question across accounts whose bills end on different days: which are behind and
         * why the count stops there; null when every account reaches the same day.
         */
        public String behindNote() {
            Map<String, LocalDate> behind = byAccount.entrySet().stream().filter(e -> e.getValue().equals(day))
                    .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, TreeMap::new));
            if (behind.size() == byAccount.size()) {
                return null;
            }
            LocalDate latest = byAccount.values().stream().max(LocalDate::compareTo).orElse(day);
            return String.join(", ", behind.keySet()) + (behind.size() == 1 ? "'s bill ends " : "' bills end ") + day
                    + ", behind the other accounts (through " + latest + "): every account is counted through "
                    + day + " so none is compared as if it had spent nothing.";
        }
    }

    private CompleteDays() {
    }

    /**
     * The last complete day for a question with {@code filter}: its billing account's, or the
     * earliest among the billed accounts when it names none.
     */
    public static Counted lastComplete(CostQueries costs, CostFilter filter, LocalDate today, ZoneId zone) {
        Objects.requireNonNull(costs, "costs");
        Objects.requireNonNull(filter, "filter");
        String account = filter.equalTo().get(ACCOUNT);
        CostFilter bills = account == null ? CostFilter.NONE : CostFilter.NONE.and(ACCOUNT, account);
        Period window = new Period(today.minusDays(LOOK_BACK), today, zone);
        DailySeries series = costs.daily(new BreakdownRequest(window, ACCOUNT, Integer.MAX_VALUE, CostMetric.BILLED,
                bills));
        Map<String, LocalDate> last = new TreeMap<>();
        for (DailySeries.Section s : series.sections()) {
            for (DailySeries.Series one : s.series()) {
                for (int i = one.amounts().size() - 1; i >= 0; i--) {
                    if (one.amounts().get(i).amount().signum() != 0) {
                        last.merge(one.key(), window.start().plusDays(i), (a, b) -> a.isAfter(b) ? a : b);
                        break;
                    }
                }
            }
        }
        return new Counted(rule(last, today), last);
    }

    /**
     * The rule itself, over each account's last day with costs: the earliest of those within the
     * {@value #LOOK_BACK} days before today, at most yesterday; yesterday when none is.
     */
    public static LocalDate rule(Map<String, LocalDate> lastDayByAccount, LocalDate today) {
        LocalDate yesterday = today.minusDays(1);
        LocalDate from = today.minusDays(LOOK_BACK);
        return lastDayByAccount.values().stream()
                .filter(d -> !d.isBefore(from))
                .map(d -> d.isAfter(yesterday) ? yesterday : d)
                .min(LocalDate::compareTo)
                .orElse(yesterday);
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
