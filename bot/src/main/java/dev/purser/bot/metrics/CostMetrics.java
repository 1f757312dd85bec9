package dev.purser.bot.metrics;

import dev.purser.core.analysis.anomalies.Anomaly;
import dev.purser.core.analysis.anomalies.AnomalyKind;
import dev.purser.core.analysis.anomalies.AnomalyReport;
import dev.purser.core.analysis.anomalies.AnomalyRequest;
import dev.purser.core.analysis.budgets.BudgetStatus;
import dev.purser.core.analysis.costs.BreakdownRequest;
import dev.purser.core.analysis.costs.CostBreakdown;
import dev.purser.core.analysis.costs.CostFilter;
import dev.purser.core.analysis.costs.CostMetric;
import dev.purser.core.analysis.forecast.MonthEndForecast;
import dev.purser.core.analysis.savings.SavingsCategory;
import dev.purser.core.analysis.savings.SavingsItem;
import dev.purser.core.analysis.savings.SavingsReport;
import dev.purser.core.cloud.http.RateLimitState;
import dev.purser.core.engine.PurserEngine;
import dev.purser.core.model.Dimension;
import dev.purser.core.model.Money;
import dev.purser.core.model.Period;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Currency;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine's own figures as Prometheus gauges, computed from the store when scraped: budgets,
 * yesterday's cost by provider and service, the month-end forecast, anomalies, savings, the
 * providers' rate limits and what imports landed.
 *
 * <p>Freshness: a scrape recomputes a family only when its figures are older than its time to
 * live ({@link #COSTS_TTL} for costs, budgets and imports; {@link #SAVINGS_TTL} for the savings
 * list, which may ask Prometheus or Cost Explorer). The answers are the ones the {@code cost},
 * {@code budget}, {@code anomalies} and {@code savings} commands give for the same data, because
 * they come from the same engine services with the same arguments.
 *
 * <p>Bounded labels: budgets and providers are configured or few; services are the top
 * {@link #SERVICES_PER_PROVIDER} of each provider by cost on the day, the rest folded into
 * {@code other}, and providers beyond {@link #PROVIDERS} folded the same way. No resource id is
 * ever a label. Amounts are US dollars: rows billed in another currency are left out of the
 * {@code _dollars} families (amounts in two currencies are never added).
 *
 * <p>Failure: a family whose computation fails is left out until its next computation, one time
 * to live later (so an alert on its absence fires, and a database that is down is not asked at
 * every scrape), counted in {@code purser_metrics_collection_errors_total{family}} and logged with
 * its message; the other families are still served.
 */
final class CostMetrics implements MultiCollector {

    static final Duration COSTS_TTL = Duration.ofSeconds(60);
    static final Duration SAVINGS_TTL = Duration.ofMinutes(15);
    static final int SERVICES_PER_PROVIDER = 20;
    static final int PROVIDERS = 10;
    /** How far back the daily figure looks for the last day with cost data. */
    static final int DAILY_LOOKBACK_DAYS = 7;
    static final String OTHER = "other";

    private static final Logger LOG = LoggerFactory.getLogger(CostMetrics.class);
    private static final Currency USD = Currency.getInstance("USD");
    private static final Dimension PROVIDER = new Dimension(Dimension.Kind.PROVIDER, null);

    private final PurserEngine engine;
    private final LongSupplier nanoTime;
    private final Map<String, Long> errors = new LinkedHashMap<>();
    private final Cached costs;
    private final Cached savings;

    CostMetrics(PurserEngine engine, LongSupplier nanoTime) {
        this.engine = Objects.requireNonNull(engine, "engine");
        this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
        this.costs = new Cached(COSTS_TTL, this::costFamilies);
        this.savings = new Cached(SAVINGS_TTL, this::savingsFamilies);
    }

    @Override
    public synchronized MetricSnapshots collect() {
        List<MetricSnapshot> out = new ArrayList<>();
        out.addAll(costs.get());
        out.addAll(savings.get());
        family("api_calls_remaining", () -> List.of(apiCallsRemaining())).forEach(out::add);
        CounterSnapshot.Builder errorCounts = CounterSnapshot.builder().name("purser_metrics_collection_errors")
                .help("Scrapes in which a family of Purser's cost metrics could not be computed, by family");
        errors.forEach((f, n) -> errorCounts.dataPoint(CounterSnapshot.CounterDataPointSnapshot.builder()
                .labels(Labels.of("family", f)).value(n).build()));
        out.add(errorCounts.build());
        return new MetricSnapshots(out);
    }

    // ---------------------------------------------------------------------------------------

    private List<MetricSnapshot> costFamilies() {
        List<MetricSnapshot> out = new ArrayList<>();
        out.addAll(family("cost_budget_usage_percent", this::budgets));
        out.addAll(family("daily_cost_dollars", this::dailyAndForecast));
        out.addAll(family("cost_anomalies", this::anomalies));
        out.addAll(family("purser_import_rows", this::imports));
        return out;
    }

    private List<MetricSnapshot> savingsFamilies() {
        return family("savings_potential_dollars", this::savingsPotential);
    }

    /** Runs one family's computation; on failure leaves it out and counts the failure. */
    private List<MetricSnapshot> family(String name, Supplier<List<MetricSnapshot>> compute) {
        try {
            return compute.get();
        } catch (RuntimeException e) {
            errors.merge(name, 1L, Long::sum);
            LOG.warn("metrics: {} could not be computed: {}", name, e.toString());
            return List.of();
        }
    }

    private LocalDate today() {
        return LocalDate.now(engine.clock().withZone(ZoneOffset.UTC));
    }

    private List<MetricSnapshot> budgets() {
        if (engine.budgetChecker().isEmpty()) {
            return List.of();
        }
        GaugeSnapshot.Builder used = GaugeSnapshot.builder().name("cost_budget_usage_percent")
                .help("Actual spend this month so far as a percentage of each monthly budget (what `budget` shows as used)");
        GaugeSnapshot.Builder forecast = GaugeSnapshot.builder().name("cost_budget_forecast_usage_percent")
                .help("The month-end forecast as a percentage of each monthly budget (what `budget` shows as forecast used)");
        for (BudgetStatus s : engine.budgetChecker().get().status(YearMonth.from(today()))) {
            Labels labels = Labels.of("budget", s.budget().name());
            used.dataPoint(gauge(labels, s.usedRatio().movePointRight(2)));
            forecast.dataPoint(gauge(labels, s.forecastRatio().movePointRight(2)));
        }
        return List.of(used.build(), forecast.build());
    }

    /**
     * The last day up to yesterday (UTC) with cost rows, so bills that arrive a day late do not
     * read as a drop to zero; empty when the last {@value #DAILY_LOOKBACK_DAYS} days have none.
     */
    private LocalDate dailyDay(List<CostBreakdown.Section> found) {
        LocalDate yesterday = today().minusDays(1);
        for (int back = 0; back < DAILY_LOOKBACK_DAYS; back++) {
            LocalDate day = yesterday.minusDays(back);
            CostBreakdown b = engine.costs().breakdown(new BreakdownRequest(oneDay(day), PROVIDER, PROVIDERS,
                    CostMetric.BILLED, CostFilter.NONE));
            List<CostBreakdown.Section> sections = b.sections().stream().filter(s -> s.lineItems() > 0).toList();
            if (!sections.isEmpty()) {
                found.addAll(sections);
                return day;
            }
        }
        return null;
    }

    private List<MetricSnapshot> dailyAndForecast() {
        GaugeSnapshot.Builder daily = GaugeSnapshot.builder().name("daily_cost_dollars")
                .help("Billed cost of the last complete day with cost data, by provider and service (top "
                        + SERVICES_PER_PROVIDER + " per provider, the rest as other), in US dollars");
        GaugeSnapshot.Builder day = GaugeSnapshot.builder().name("daily_cost_day_timestamp_seconds")
                .help("Start (UTC midnight) of the day daily_cost_dollars is for, as a Unix time");
        GaugeSnapshot.Builder forecast = GaugeSnapshot.builder().name("monthly_cost_forecast_dollars")
                .help("Month-end forecast of this month's billed cost by provider, in US dollars (what `cost mtd` shows)");
        List<CostBreakdown.Section> sections = new ArrayList<>();
        LocalDate d = dailyDay(sections);
        List<String> providers = new ArrayList<>();
        if (d != null) {
            day.dataPoint(gauge(Labels.EMPTY, BigDecimal.valueOf(d.atStartOfDay(ZoneOffset.UTC).toEpochSecond())));
            for (CostBreakdown.Section section : sections) {
                if (!section.currency().equals(USD)) {
                    continue;
                }
                for (CostBreakdown.Row p : section.rows()) {
                    if (p.other()) {
                        daily.dataPoint(gauge(Labels.of("provider", OTHER, "service", OTHER), p.amount().amount()));
                        continue;
                    }
                    providers.add(p.key());
                    services(d, p, daily);
                }
            }
        }
        YearMonth month = YearMonth.from(today());
        if (engine.forecaster().isPresent()) {
            var forecaster = engine.forecaster().get();
            for (String provider : providers) {
                CostFilter filter = new CostFilter(Map.of(PROVIDER, provider));
                MonthEndForecast f = forecaster.forecast(month, filter, CostMetric.BILLED, forecaster.asOf(filter), USD);
                forecast.dataPoint(gauge(Labels.of("provider", provider), f.forecast().amount()));
            }
        }
        return List.of(daily.build(), day.build(), forecast.build());
    }

    /** One provider's services on the day; what the filter cannot reach lands in {@code other}. */
    private void services(LocalDate d, CostBreakdown.Row provider, GaugeSnapshot.Builder daily) {
        CostBreakdown b = engine.costs().breakdown(new BreakdownRequest(oneDay(d), Dimension.SERVICE,
                SERVICES_PER_PROVIDER, CostMetric.BILLED, new CostFilter(Map.of(PROVIDER, provider.key()))));
        BigDecimal listed = BigDecimal.ZERO;
        BigDecimal other = BigDecimal.ZERO;
        boolean hasOther = false;
        for (CostBreakdown.Section s : b.sections()) {
            if (!s.currency().equals(USD)) {
                continue;
            }
            for (CostBreakdown.Row r : s.rows()) {
                if (r.other() || OTHER.equals(r.key())) {
                    other = other.add(r.amount().amount());
                    hasOther = true;
                } else {
                    daily.dataPoint(gauge(Labels.of("provider", provider.key(), "service", r.key()), r.amount().amount()));
                }
                listed = listed.add(r.amount().amount());
            }
        }
        // a provider the filter cannot select (no ProviderName on its rows) still adds up
        BigDecimal missing = provider.amount().amount().subtract(listed);
        if (missing.signum() != 0) {
            other = other.add(missing);
            hasOther = true;
        }
        if (hasOther) {
            daily.dataPoint(gauge(Labels.of("provider", provider.key(), "service", OTHER), other));
        }
    }

    private List<MetricSnapshot> anomalies() {
        if (engine.anomalies().isEmpty()) {
            return List.of();
        }
        LocalDate last = today().minusDays(1);
        AnomalyReport report = engine.anomalies().get().find(AnomalyRequest.of(
                Period.ofDays(last.minusDays(6), last, ZoneOffset.UTC)));
        Map<AnomalyKind, long[]> counts = new EnumMap<>(AnomalyKind.class);
        Map<AnomalyKind, BigDecimal> impact = new EnumMap<>(AnomalyKind.class);
        for (AnomalyKind k : AnomalyKind.values()) {
            counts.put(k, new long[1]);
            impact.put(k, BigDecimal.ZERO);
        }
        for (Anomaly a : report.anomalies()) {
            counts.get(a.kind())[0]++;
            Money m = a.impact();
            if (m.currency().equals(USD)) {
                impact.merge(a.kind(), m.amount(), BigDecimal::add);
            }
        }
        GaugeSnapshot.Builder n = GaugeSnapshot.builder().name("cost_anomalies")
                .help("Cost anomalies by service over the last 7 complete days, by kind (what `anomalies` finds)");
        GaugeSnapshot.Builder dollars = GaugeSnapshot.builder().name("cost_anomaly_impact_dollars")
                .help("Spend above the expected baseline of those anomalies, by kind, in US dollars");
        for (AnomalyKind k : AnomalyKind.values()) {
            Labels labels = Labels.of("kind", k.name().toLowerCase(Locale.ROOT));
            n.dataPoint(gauge(labels, BigDecimal.valueOf(counts.get(k)[0])));
            dollars.dataPoint(gauge(labels, impact.get(k)));
        }
        return List.of(n.build(), dollars.build());
    }

    private List<MetricSnapshot> savingsPotential() {
        if (engine.savings().isEmpty()) {
            return List.of();
        }
        SavingsReport report = engine.savings().get().plan(null);
        Map<SavingsCategory, BigDecimal> byKind = new EnumMap<>(SavingsCategory.class);
        for (SavingsCategory c : SavingsCategory.values()) {
            byKind.put(c, BigDecimal.ZERO);
        }
        for (SavingsItem item : report.items()) {
            item.monthlySaving().filter(m -> m.currency().equals(USD))
                    .ifPresent(m -> byKind.merge(item.category(), m.amount(), BigDecimal::add));
        }
        GaugeSnapshot.Builder g = GaugeSnapshot.builder().name("savings_potential_dollars")
                .help("Monthly savings the savings list estimates, by kind (waste, rightsizing, commitment), in US dollars");
        byKind.forEach((k, v) -> g.dataPoint(gauge(Labels.of("kind", k.name().toLowerCase(Locale.ROOT)), v)));
        return List.of(g.build());
    }

    private MetricSnapshot apiCallsRemaining() {
        GaugeSnapshot.Builder g = GaugeSnapshot.builder().name("api_calls_remaining")
                .help("Requests left before the provider's rate limit, as its last response said, by provider and limit");
        for (RateLimitState s : engine.rateLimits().snapshot()) {
            g.dataPoint(gauge(Labels.of("provider", s.provider(), "limit_type", s.limitType()),
                    BigDecimal.valueOf(s.remaining())));
        }
        return g.build();
    }

    private static final String IMPORTS = "SELECT source, sum(row_count), max(imported_at) FROM cost_import "
            + "GROUP BY source ORDER BY source";

    private List<MetricSnapshot> imports() {
        if (engine.database().isEmpty()) {
            return List.of();
        }
        CounterSnapshot.Builder rows = CounterSnapshot.builder().name("purser_import_rows")
                .help("Cost rows landed by imports and pulls recorded in the database, by source kind");
        GaugeSnapshot.Builder last = GaugeSnapshot.builder().name("purser_last_import_timestamp_seconds")
                .help("When the last import or pull of each source kind landed, as a Unix time");
        DataSource ds = engine.database().get();
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(IMPORTS);
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                Labels labels = Labels.of("source", rs.getString(1));
                rows.dataPoint(CounterSnapshot.CounterDataPointSnapshot.builder().labels(labels)
                        .value(rs.getLong(2)).build());
                Timestamp at = rs.getTimestamp(3);
                last.dataPoint(gauge(labels, BigDecimal.valueOf(at.getTime()).movePointLeft(3)));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading cost_import failed: " + e.getMessage(), e);
        }
        return List.of(rows.build(), last.build());
    }

    private static Period oneDay(LocalDate day) {
        return Period.ofDays(day, day, ZoneOffset.UTC);
    }

    private static GaugeSnapshot.GaugeDataPointSnapshot gauge(Labels labels, BigDecimal value) {
        return GaugeSnapshot.GaugeDataPointSnapshot.builder().labels(labels).value(value.doubleValue()).build();
    }

    /** A family's last figures and when they were computed, by the injected ticker. */
    private final class Cached {
        private final long ttlNanos;
        private final Supplier<List<MetricSnapshot>> compute;
        private List<MetricSnapshot> value;
        private long at;

        Cached(Duration ttl, Supplier<List<MetricSnapshot>> compute) {
            this.ttlNanos = ttl.toNanos();
            this.compute = compute;
        }

        List<MetricSnapshot> get() {
            long now = nanoTime.getAsLong();
            if (value == null || now - at >= ttlNanos) {
                value = List.copyOf(compute.get());
                at = now;
            }
            return value;
        }
    }
}
