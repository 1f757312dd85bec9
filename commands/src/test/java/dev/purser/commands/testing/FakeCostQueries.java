package dev.purser.commands.testing;

import dev.purser.core.analysis.costs.BreakdownRequest;
import dev.purser.core.analysis.costs.CostBreakdown;
import dev.purser.core.analysis.costs.CostFilter;
import dev.purser.core.analysis.costs.CostMetric;
import dev.purser.core.analysis.costs.CostMover;
import dev.purser.core.analysis.costs.CostQueries;
import dev.purser.core.analysis.costs.DailySeries;
import dev.purser.core.model.Dimension;
import dev.purser.core.model.Money;
import dev.purser.core.model.Period;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An in-memory {@link CostQueries} over hand-added charges: groups, filters, folds the rows
 * below the top N into one "other" row and compares with {@link Period#previous()} the way the
 * real store does, and records every request so tests can assert what a command asked for.
 * Thread-safe, as the store is: trend reads its daily series beside its totals.
 */
public final class FakeCostQueries implements CostQueries {

    /** One charge on one day; {@code dimensions} holds the values it can be grouped by. */
    public record Charge(LocalDate day, Map<Dimension, String> dimensions, Money amount) {
        public Charge {
            dimensions = Map.copyOf(dimensions);
        }
    }

    public static final String OTHER = "(other)";

    private final List<Charge> charges = new ArrayList<>();
    private final List<String> gaps = new ArrayList<>();
    private final List<BreakdownRequest> breakdownRequests = new ArrayList<>();
    private final List<String> moverRequests = new ArrayList<>();
    private final List<BreakdownRequest> dailyRequests = new ArrayList<>();
    private RuntimeException failure;

    /** Adds a charge by service only. */
    public synchronized FakeCostQueries charge(String day, String service, String amount, String currency) {
        return charge(day, Map.of(Dimension.SERVICE, service), amount, currency);
    }

    public synchronized FakeCostQueries charge(String day, Map<Dimension, String> dimensions, String amount, String currency) {
        charges.add(new Charge(LocalDate.parse(day), dimensions, Money.of(amount, currency)));
        return this;
    }

    public synchronized FakeCostQueries gap(String gap) {
        gaps.add(gap);
        return this;
    }

    /** Makes every query throw this, as a broken store would. */
    public synchronized FakeCostQueries failWith(RuntimeException failure) {
        this.failure = failure;
        return this;
    }

    public synchronized List<BreakdownRequest> breakdownRequests() {
        return List.copyOf(breakdownRequests);
    }

    /** {@code period by metric filter limit} per call of {@link #topMovers}. */
    public synchronized List<String> moverRequests() {
        return List.copyOf(moverRequests);
    }

    public synchronized List<BreakdownRequest> dailyRequests() {
        return List.copyOf(dailyRequests);
    }

    @Override
    public synchronized CostBreakdown breakdown(BreakdownRequest request) {
        breakdownRequests.add(request);
        if (failure != null) {
            throw failure;
        }
        Period period = request.period();
        Period previous = period.previous();
        Map<Currency, Map<String, BigDecimal[]>> byCurrency = group(period, previous, request.by(), request.filter());
        List<CostBreakdown.Section> sections = new ArrayList<>();
        for (Map.Entry<Currency, Map<String, BigDecimal[]>> e : byCurrency.entrySet()) {
            Currency currency = e.getKey();
            List<Map.Entry<String, BigDecimal[]>> entries = new ArrayList<>(e.getValue().entrySet());
            entries.sort(Comparator.comparing((Map.Entry<String, BigDecimal[]> x) -> x.getValue()[0]).reversed()
                    .thenComparing(Map.Entry::getKey));
            List<CostBreakdown.Row> rows = new ArrayList<>();
            BigDecimal total = BigDecimal.ZERO;
            BigDecimal previousTotal = BigDecimal.ZERO;
            BigDecimal otherNow = BigDecimal.ZERO;
            BigDecimal otherBefore = BigDecimal.ZERO;
            for (int i = 0; i < entries.size(); i++) {
                BigDecimal[] v = entries.get(i).getValue();
                total = total.add(v[0]);
                previousTotal = previousTotal.add(v[1]);
                if (i < request.top()) {
                    rows.add(new CostBreakdown.Row(entries.get(i).getKey(), new Money(v[0], currency),
                            new Money(v[1], currency), false));
                } else {
                    otherNow = otherNow.add(v[0]);
                    otherBefore = otherBefore.add(v[1]);
                }
            }
            if (entries.size() > request.top()) {
                rows.add(new CostBreakdown.Row(OTHER, new Money(otherNow, currency), new Money(otherBefore, currency), true));
            }
            long items = charges.stream().filter(c -> c.amount().currency().equals(currency)
                    && period.contains(c.day()) && matches(c, request.filter())).count();
            sections.add(new CostBreakdown.Section(currency, new Money(total, currency),
                    new Money(previousTotal, currency), items, rows));
        }
        return new CostBreakdown(period, previous, request.by(), request.metric(), sections, gaps);
    }

    @Override
    public synchronized List<CostMover> topMovers(Period period, Dimension by, CostMetric metric, CostFilter filter, int limit) {
        moverRequests.add(period + " " + by + " " + metric + " " + filter.equalTo() + " " + limit);
        if (failure != null) {
            throw failure;
        }
        List<CostMover> movers = new ArrayList<>();
        for (Map.Entry<Currency, Map<String, BigDecimal[]>> e : group(period, period.previous(), by, filter).entrySet()) {
            for (Map.Entry<String, BigDecimal[]> row : e.getValue().entrySet()) {
                BigDecimal[] v = row.getValue();
                if (v[0].compareTo(v[1]) != 0) {
                    movers.add(new CostMover(row.getKey(), new Money(v[1], e.getKey()), new Money(v[0], e.getKey())));
                }
            }
        }
        movers.sort(Comparator.comparing((CostMover m) -> m.change().amount().abs()).reversed()
                .thenComparing(CostMover::key));
        return movers.size() > limit ? List.copyOf(movers.subList(0, limit)) : List.copyOf(movers);
    }

    @Override
    public synchronized DailySeries daily(BreakdownRequest request) {
        dailyRequests.add(request);
        if (failure != null) {
            throw failure;
        }
        Period period = request.period();
        int days = (int) period.days();
        Map<Currency, Map<String, BigDecimal[]>> sums = new TreeMap<>(Comparator.comparing(Currency::getCurrencyCode));
        for (Charge c : charges) {
            if (!period.contains(c.day()) || !matches(c, request.filter())) {
                continue;
            }
            BigDecimal[] daily = sums.computeIfAbsent(c.amount().currency(), k -> new LinkedHashMap<>())
                    .computeIfAbsent(c.dimensions().getOrDefault(request.by(), "(none)"), k -> {
                        BigDecimal[] zeros = new BigDecimal[days];
                        Arrays.fill(zeros, BigDecimal.ZERO);
                        return zeros;
                    });
            int index = (int) (c.day().toEpochDay() - period.start().toEpochDay());
            daily[index] = daily[index].add(c.amount().amount());
        }
        return DailySeries.of(period, request.by(), request.metric(), request.top(), sums, gaps);
    }

    // currency → key → {current, previous}
    private Map<Currency, Map<String, BigDecimal[]>> group(Period period, Period previous, Dimension by, CostFilter filter) {
        Map<Currency, Map<String, BigDecimal[]>> out = new TreeMap<>(Comparator.comparing(Currency::getCurrencyCode));
        for (Charge c : charges) {
            boolean now = period.contains(c.day());
            boolean before = previous.contains(c.day());
            if ((!now && !before) || !matches(c, filter)) {
                continue;
            }
            String key = c.dimensions().getOrDefault(by, "(none)");
            BigDecimal[] v = out.computeIfAbsent(c.amount().currency(), k -> new LinkedHashMap<>())
                    .computeIfAbsent(key, k -> new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO});
            v[now ? 0 : 1] = v[now ? 0 : 1].add(c.amount().amount());
        }
        return out;
    }

    private static boolean matches(Charge c, CostFilter filter) {
        for (Map.Entry<Dimension, String> e : filter.equalTo().entrySet()) {
            if (!e.getValue().equals(c.dimensions().get(e.getKey()))) {
                return false;
            }
        }
        return true;
    }
}
