package dev.purser.core.analysis.costs;

import dev.purser.core.model.Dimension;
import dev.purser.core.model.Period;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Read side of the cost store. Implementations answer from rollups where they can. */
public interface CostQueries {

    /** Costs of the request's period by its dimension, compared with {@link Period#previous()}. */
    CostBreakdown breakdown(BreakdownRequest request);

    /**
     * The {@code limit} values of {@code by} whose cost changed most (by absolute change) from
     * {@code period.previous()} to {@code period}, per currency, largest first.
     */
    List<CostMover> topMovers(Period period, Dimension by, CostMetric metric, CostFilter filter, int limit);

    /**
     * The cost of each day of the request's period by its dimension, per currency: the request's
     * top N keys by period total and one "other" series for the rest (see {@link DailySeries}).
     * The days of a section add up exactly to the section total {@link #breakdown} gives for the
     * same request.
     *
     * <p>This default asks {@link #breakdown} once for the period and once per day, which is
     * correct for any implementation but slow over long periods; a store should answer it in one
     * query.
     */
    default DailySeries daily(BreakdownRequest request) {
        Period period = request.period();
        CostBreakdown whole = breakdown(new BreakdownRequest(period, request.by(), Integer.MAX_VALUE,
                request.metric(), request.filter()));
        int days = (int) period.days();
        Map<Currency, Map<String, BigDecimal[]>> sums = new HashMap<>();
        int index = 0;
        for (LocalDate day = period.start(); day.isBefore(period.endExclusive()); day = day.plusDays(1), index++) {
            CostBreakdown one = breakdown(new BreakdownRequest(new Period(day, day.plusDays(1), period.zone()),
                    request.by(), Integer.MAX_VALUE, request.metric(), request.filter()));
            for (CostBreakdown.Section s : one.sections()) {
                for (CostBreakdown.Row row : s.rows()) {
                    BigDecimal[] daily = sums.computeIfAbsent(s.currency(), c -> new HashMap<>())
                            .computeIfAbsent(row.key(), k -> zeros(days));
                    daily[index] = daily[index].add(row.amount().amount());
                }
            }
        }
        return DailySeries.of(period, request.by(), request.metric(), request.top(), sums, whole.gaps());
    }

    private static BigDecimal[] zeros(int days) {
        BigDecimal[] zeros = new BigDecimal[days];
        Arrays.fill(zeros, BigDecimal.ZERO);
        return zeros;
    }
}
