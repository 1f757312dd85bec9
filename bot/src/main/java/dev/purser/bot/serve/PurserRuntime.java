package dev.purser.bot.serve;

import dev.purser.bot.metrics.PurserMetrics;
import dev.purser.commands.CommandDispatcher;
import dev.purser.commands.CommandRegistry;
import dev.purser.commands.PurserCommands;
import dev.purser.core.analysis.anomalies.AnomalyFinder;
import dev.purser.core.analysis.budgets.BudgetChecker;
import dev.purser.core.analysis.budgets.BudgetDefinitions;
import dev.purser.core.analysis.catalog.PriceCatalogs;
import dev.purser.core.analysis.commitments.CommitmentAnalyzer;
import dev.purser.core.analysis.commitments.CommitmentSettings;
import dev.purser.core.store.JdbcCostSink;
import dev.purser.core.store.JdbcEligibleUsage;
import dev.purser.core.analysis.forecast.MonthEndForecaster;
import dev.purser.core.analysis.recommendations.RightsizingService;
import dev.purser.core.analysis.rightsizing.RightsizingEngine;
import dev.purser.core.analysis.rules.AnalysisRules;
import dev.purser.core.analysis.savings.SavingsService;
import dev.purser.core.analysis.savings.SavingsSources;
import dev.purser.core.analysis.waste.WasteFinder;
import dev.purser.core.cloud.aws.AwsInventoryPull;
import dev.purser.core.cloud.aws.AwsSettings;
import dev.purser.core.cloud.aws.CostExplorerAdvicePull;
import dev.purser.core.cloud.aws.CostExplorerImport;
import dev.purser.core.cloud.digitalocean.DoBillingImport;
import dev.purser.core.cloud.digitalocean.DoInventoryPull;
import dev.purser.core.cloud.http.HttpSettings;
import dev.purser.core.cloud.http.RateLimitRecorder;
import dev.purser.core.cloud.prometheus.PrometheusUsagePull;
import dev.purser.core.config.Secret;
import dev.purser.core.engine.PurserEngine;
import dev.purser.core.ingest.CostImporter;
import dev.purser.core.ingest.CostPull;
import dev.purser.core.ingest.CurImporter;
import dev.purser.core.ingest.DoInvoiceImporter;
import dev.purser.core.ingest.FocusImporter;
import dev.purser.core.ingest.InventoryPull;
import dev.purser.core.query.PeriodParser;
import dev.purser.core.store.InventoryRepository;
import dev.purser.core.store.JdbcBudgets;
import dev.purser.core.store.JdbcCostQueries;
import dev.purser.core.store.JdbcDailySpend;
import dev.purser.core.store.JdbcPriceCatalogs;
import dev.purser.core.store.JdbcProviderAdvice;
import dev.purser.core.store.JdbcSpendHistory;
import dev.purser.core.store.PurserDatabase;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.sql.DataSource;

/**
 * The composition root: settings in, a command dispatcher out. Everything is wired at start-up
 * against a data source that opens the database on first use, so {@code purser help} never
 * starts PostgreSQL.
 */
public final class PurserRuntime implements AutoCloseable {

    private final PurserSettings settings;
    private final Clock clock;
    private final PeriodParser periods;
    private final DataSource dataSource;
    private final RateLimitRecorder rateLimits = new RateLimitRecorder();
    private final JdbcCostSink costSink;
    private final InventoryRepository inventory;
    private final JdbcPriceCatalogs catalogs;
    private final JdbcProviderAdvice advice;
    private final PurserMetrics metrics = new PurserMetrics();
    private final CommandDispatcher dispatcher;
    private PurserDatabase database;

    public PurserRuntime(PurserSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        this.periods = new PeriodParser(clock, settings.zone());
        this.dataSource = new LazyDataSource(() -> database().dataSource());
        this.costSink = new JdbcCostSink(dataSource);
        this.inventory = new InventoryRepository(dataSource);
        this.catalogs = new JdbcPriceCatalogs(dataSource);
        this.advice = new JdbcProviderAdvice(dataSource);
        this.dispatcher = new CommandDispatcher(registry(), metrics);
    }

    private CommandRegistry registry() {
        Map<String, String> env = settings.environment();
        JdbcCostQueries costs = new JdbcCostQueries(dataSource);

        Map<String, CostImporter> importers = new LinkedHashMap<>();
        importers.put(FocusImporter.KIND, new FocusImporter(costSink, clock));
        importers.put(CurImporter.KIND, new CurImporter(costSink, clock));
        importers.put(DoInvoiceImporter.KIND, new DoInvoiceImporter(costSink, clock));
        Map<String, CostPull> pulls = new LinkedHashMap<>();
        pulls.put(DoBillingImport.KIND,
                DoBillingImport.fromEnvironment(env, HttpSettings.defaults(), rateLimits, costSink, clock));
        pulls.put(CostExplorerImport.KIND, CostExplorerImport.fromEnvironment(
                env, AwsSettings.defaults(AwsSettings.COST_EXPLORER_REGION), costSink, clock));
        Map<String, InventoryPull> inventories = inventoryPulls(env);

        MonthEndForecaster forecaster = new MonthEndForecaster(new JdbcDailySpend(dataSource), clock);
        JdbcBudgets budgets = new JdbcBudgets(dataSource);
        AnalysisRules rules = settings.analysisRules();
        RightsizingService rightsizing = new RightsizingService(inventory,
                new RightsizingEngine(PriceCatalogs.bundled(), rules.rightsizing(), clock), costs, clock,
                RightsizingService.ComposeFileReader.NONE, catalogs::latest);
        WasteFinder waste = new WasteFinder(inventory, costs, rules.waste(), clock);
        CommitmentAnalyzer commitments = new CommitmentAnalyzer(new JdbcEligibleUsage(dataSource),
                CommitmentSettings.defaults(), clock);
        SavingsService savings = new SavingsService(waste, commitments, advice::savingsPlans,
                Map.of(SavingsSources.RIGHTSIZING, SavingsSources.rightsizing(rightsizing)), clock);

        return PurserCommands.registry(PurserEngine.builder(costs, periods, clock)
                .imports(importers, pulls, settings.importDirectories())
                .inventoryPulls(inventories)
                .forecaster(forecaster)
                .anomalies(new AnomalyFinder(new JdbcSpendHistory(dataSource)))
                .budgets(budgets, new BudgetChecker(budgets, forecaster, clock))
                .rightsizing(rightsizing)
                .waste(waste)
                .savings(savings)
                .providerAdvice(advice)
                .databases(settings.config().databaseTargets(), PriceCatalogs.bundledDigitalOcean(),
                        variable -> Secret.of(variable, env.get(variable)))
                .rateLimits(rateLimits)
                .build());
    }

    /**
     * The inventory kinds of {@code import}. With {@code PURSER_PROMETHEUS_URL} set, a cloud
     * inventory pull is followed by a Prometheus pull into the same account: the cloud pull
     * replaces the account's inventory whole, Prometheus series included, so they are merged
     * back at once rather than left to whoever remembers the order.
     */
    private Map<String, InventoryPull> inventoryPulls(Map<String, String> env) {
        PrometheusUsagePull prometheus = PrometheusUsagePull.fromEnvironment(env, HttpSettings.defaults(), inventory, inventory,
                clock);
        boolean withPrometheus = !env.getOrDefault(PrometheusUsagePull.URL_VARIABLE, "").isBlank();
        String region = settings.config().aws().region();
        InventoryPull digitalOcean = DoInventoryPull.fromEnvironment(env, HttpSettings.defaults(), rateLimits,
                inventory, catalogs, clock);
        InventoryPull aws = InventoryPull.chain(
                AwsInventoryPull.fromEnvironment(env, AwsSettings.defaults(region), inventory, catalogs, clock),
                CostExplorerAdvicePull.fromEnvironment(env, AwsSettings.defaults(AwsSettings.COST_EXPLORER_REGION),
                        CostExplorerAdvicePull.Options.defaults(), advice, clock));
        Map<String, InventoryPull> pulls = new LinkedHashMap<>();
        pulls.put(DoInventoryPull.KIND, withPrometheus ? InventoryPull.chain(digitalOcean, prometheus) : digitalOcean);
        pulls.put(AwsInventoryPull.KIND, withPrometheus ? InventoryPull.chain(aws, prometheus) : aws);
        pulls.put(PrometheusUsagePull.KIND, prometheus);
        return pulls;
    }

    public CommandDispatcher dispatcher() {
        return dispatcher;
    }

    /** Purser's own metrics, fed by every command the dispatcher runs. */
    public PurserMetrics metrics() {
        return metrics;
    }

    public PurserSettings settings() {
        return settings;
    }

    public Clock clock() {
        return clock;
    }

    public PeriodParser periods() {
        return periods;
    }

    /** The latest rate-limit figures each API returned, for {@code api_calls_remaining}. */
    public RateLimitRecorder rateLimits() {
        return rateLimits;
    }

    /** Purser's database, opened (and migrated, and seeded with configured budgets) on first use. */
    public DataSource dataSource() {
        return dataSource;
    }

    /** Opens (and migrates) the database on first call. */
    public synchronized PurserDatabase database() {
        if (database == null) {
            database = PurserDatabase.open(settings.database());
            seedBudgets(database.dataSource());
        }
        return database;
    }

    private void seedBudgets(DataSource ds) {
        BudgetDefinitions.seed(new JdbcBudgets(ds), settings.config().budgets().resolve(), clock);
    }

    public FocusImporter focusImporter() {
        return new FocusImporter(costSink, clock);
    }

    @Override
    public synchronized void close() {
        if (database != null) {
            database.close();
            database = null;
        }
    }
}
