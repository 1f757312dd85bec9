package dev.purser.bot.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.purser.core.analysis.costs.BreakdownRequest;
import dev.purser.core.analysis.costs.CostBreakdown;
import dev.purser.core.analysis.costs.CostFilter;
import dev.purser.core.analysis.costs.CostMetric;
import dev.purser.core.analysis.costs.CostMover;
import dev.purser.core.analysis.costs.CostQueries;
import dev.purser.core.cloud.http.RateLimitState;
import dev.purser.core.engine.PurserEngine;
import dev.purser.core.model.Dimension;
import dev.purser.core.model.Money;
import dev.purser.core.model.Period;
import dev.purser.core.query.PeriodParser;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** How the cost families are cached, bounded and survive a failing store, over hand-written fakes. */
class CostMetricsTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T12:00:00Z"), ZoneOffset.UTC);
    private static final Currency USD = Currency.getInstance("USD");

    /** A store whose every day holds {@code services} services of one provider at $1, $2, ... */
    private static final class FakeCosts implements CostQueries {
        final AtomicInteger calls = new AtomicInteger();
        final int services;
        volatile boolean down;

        FakeCosts(int services) {
            this.services = services;
        }

        @Override
        public CostBreakdown breakdown(BreakdownRequest r) {
            calls.incrementAndGet();
            if (down) {
                throw new IllegalStateException("the database is down");
            }
            List<CostBreakdown.Row> rows = new ArrayList<>();
            BigDecimal total = BigDecimal.ZERO;
            BigDecimal folded = BigDecimal.ZERO;
            int n = r.by().kind() == Dimension.Kind.PROVIDER ? 1 : services;
            for (int i = n; i >= 1; i--) {
                BigDecimal amount = BigDecimal.valueOf(r.by().kind() == Dimension.Kind.PROVIDER ? sum(services) : i);
                total = total.add(amount);
                if (rows.size() < r.top()) {
                    String key = r.by().kind() == Dimension.Kind.PROVIDER ? "DigitalOcean" : "service-" + i;
                    rows.add(new CostBreakdown.Row(key, money(amount), money(BigDecimal.ZERO), false));
                } else {
                    folded = folded.add(amount);
                }
            }
            if (folded.signum() > 0) {
                rows.add(new CostBreakdown.Row("other", money(folded), money(BigDecimal.ZERO), true));
            }
            return new CostBreakdown(r.period(), r.period().previous(), r.by(), r.metric(),
                    List.of(new CostBreakdown.Section(USD, money(total), money(BigDecimal.ZERO), 10, rows)), List.of());
        }

        @Override
        public List<CostMover> topMovers(Period period, Dimension by, CostMetric metric, CostFilter filter, int limit) {
            return List.of();
        }

        private static long sum(int n) {
            return (long) n * (n + 1) / 2;
        }

        private static Money money(BigDecimal amount) {
            return new Money(amount, USD);
        }
    }

    private static PurserEngine engine(CostQueries costs) {
        return PurserEngine.builder(costs, new PeriodParser(CLOCK, ZoneOffset.UTC), CLOCK).build();
    }

    private static Optional<MetricSnapshot> family(MetricSnapshots snapshots, String name) {
        return snapshots.stream().filter(s -> s.getMetadata().getName().equals(name)).findFirst();
    }

    @Test
    void collect_withinTtl_computesOnce_afterTtl_again() {
        FakeCosts costs = new FakeCosts(3);
        AtomicLong now = new AtomicLong();
        CostMetrics metrics = new CostMetrics(engine(costs), now::get);
        metrics.collect();
        int first = costs.calls.get();
        assertThat(first).isPositive();
        now.addAndGet(CostMetrics.COSTS_TTL.toNanos() - 1);
        metrics.collect();
        assertThat(costs.calls.get()).isEqualTo(first);
        now.addAndGet(1);
        metrics.collect();
        assertThat(costs.calls.get()).isEqualTo(2 * first);
    }

    @Test
    void dailyCost_manyServices_topTwentyAndOther_addingUpToTheProvider() {
        CostMetrics metrics = new CostMetrics(engine(new FakeCosts(30)), System::nanoTime);
        GaugeSnapshot daily = (GaugeSnapshot) family(metrics.collect(), "daily_cost_dollars").orElseThrow();
        assertThat(daily.getDataPoints()).hasSize(CostMetrics.SERVICES_PER_PROVIDER + 1);
        assertThat(daily.getDataPoints()).anySatisfy(p -> {
            assertThat(p.getLabels().get("service")).isEqualTo("other");
            assertThat(p.getValue()).isEqualTo(55.0); // services 1..10 folded
        });
        assertThat(daily.getDataPoints().stream().mapToDouble(GaugeSnapshot.GaugeDataPointSnapshot::getValue).sum())
                .isEqualTo(465.0);
    }

    @Test
    void storeDown_costFamiliesLeftOut_errorCounted_rateLimitsStillServed() {
        FakeCosts costs = new FakeCosts(3);
        costs.down = true;
        PurserEngine engine = engine(costs);
        engine.rateLimits().record(new RateLimitState("DigitalOcean", "requests_per_minute", 240, 250, null,
                CLOCK.instant()));
        AtomicLong now = new AtomicLong();
        CostMetrics metrics = new CostMetrics(engine, now::get);
        MetricSnapshots down = metrics.collect();
        assertThat(family(down, "daily_cost_dollars")).isEmpty();
        CounterSnapshot errors = (CounterSnapshot) family(down, "purser_metrics_collection_errors").orElseThrow();
        assertThat(errors.getDataPoints()).singleElement().satisfies(p -> {
            assertThat(p.getLabels().get("family")).isEqualTo("daily_cost_dollars");
            assertThat(p.getValue()).isEqualTo(1.0);
        });
        assertThat(((GaugeSnapshot) family(down, "api_calls_remaining").orElseThrow()).getDataPoints())
                .singleElement().satisfies(p -> assertThat(p.getValue()).isEqualTo(240.0));

        // back up: served again once the failure's figures are older than the time to live
        costs.down = false;
        now.addAndGet(Duration.ofMinutes(1).toNanos());
        assertThat(family(metrics.collect(), "daily_cost_dollars")).isPresent();
    }
}
