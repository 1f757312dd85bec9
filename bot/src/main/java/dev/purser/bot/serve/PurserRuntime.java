package dev.purser.bot.serve;

import dev.purser.commands.CommandDispatcher;
import dev.purser.commands.CommandRegistry;
import dev.purser.commands.CommandServices;
import dev.purser.commands.PathPolicy;
import dev.purser.commands.PurserCommands;
import dev.purser.commands.cost.MonthEndForecasts;
import dev.purser.commands.db.DbCommand;
import dev.purser.commands.db.DbTarget;
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
import dev.purser.core.error.PurserException;
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
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
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
    private final CommandDispatcher dispatcher;
    private final Consumer<String> notices;
    private PurserDatabase database;

    public PurserRuntime(PurserSettings settings, Clock clock) {
        this(settings, clock, line -> { });
    }

    /**
     * @param notices start-up lines worth showing to whoever waits (such as waiting for another
     *                process to start the embedded database)
     */
    public PurserRuntime(PurserSettings settings, Clock clock, Consumer<String> notices) {
        this.settings = settings;
        this.clock = clock;
        this.notices = notices;
        this.periods = new PeriodParser(clock, settings.zone());
        this.dataSource = new LazyDataSource(() -> database().dataSource());
        this.costSink = new JdbcCostSink(dataSource);
        this.inventory = new InventoryRepository(dataSource);
        this.catalogs = new JdbcPriceCatalogs(dataSource);
        this.advice = new JdbcProviderAdvice(dataSource);
        this.dispatcher = new CommandDispatcher(registry());
    }

    private CommandRegistry registry() {
        Map<String, String> env = settings.environment();
        PathPolicy paths = new PathPolicy(settings.importDirectories());
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

        return PurserCommands.registry(CommandServices.builder(costs, periods, clock)
                .imports(importers, pulls, paths)
                .inventories(inventories)
                .forecasts(MonthEndForecasts.of(forecaster))
                .anomalies(new AnomalyFinder(new JdbcSpendHistory(dataSource)))
                .budgets(budgets, new BudgetChecker(budgets, forecaster, clock))
                .rightsizing(rightsizing)
                .waste(waste)
                .savings(savings)
                .providerAdvice(advice)
                .databases(dbTargets(env), dbAllowedHosts(env), env::get, PriceCatalogs.bundledDigitalOcean())
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
        String region = env.getOrDefault("AWS_REGION", "").isBlank() ? AwsSettings.COST_EXPLORER_REGION
                : env.get("AWS_REGION").trim();
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

    /**
     * {@code PURSER_DB_TARGETS}: {@code name=jdbc:postgresql://host:port/db,...}; credentials come
     * from {@code PGUSER}/{@code PGPASSWORD}, never from the URL.
     */
    private static Map<String, DbTarget> dbTargets(Map<String, String> env) {
        String spec = env.getOrDefault("PURSER_DB_TARGETS", "");
        List<DbTarget> targets = new ArrayList<>();
        for (String entry : spec.split(",")) {
            if (entry.isBlank()) {
                continue;
            }
            int eq = entry.indexOf('=');
            if (eq <= 0 || eq == entry.length() - 1) {
                throw PurserException.badArgument("PURSER_DB_TARGETS entry '" + entry.trim()
                        + "' is not name=jdbc:postgresql://host:port/database");
            }
            targets.add(DbTarget.of(entry.substring(0, eq).trim(), entry.substring(eq + 1).trim()));
        }
        return DbCommand.byName(targets);
    }

    /** {@code PURSER_DB_ALLOWED_HOSTS}: hosts a typed {@code db} URL may name ({@code *.example.com} allowed). */
    private static Set<String> dbAllowedHosts(Map<String, String> env) {
        Set<String> hosts = new LinkedHashSet<>();
        for (String h : env.getOrDefault("PURSER_DB_ALLOWED_HOSTS", "").split(",")) {
            if (!h.isBlank()) {
                hosts.add(h.trim());
            }
        }
        return hosts;
    }

    public CommandDispatcher dispatcher() {
        return dispatcher;
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
            database = PurserDatabase.open(settings.database(), notices);
            seedBudgets(database.dataSource());
        }
        return database;
    }

    private void seedBudgets(DataSource ds) {
        Path file = settings.budgetsFile();
        if (file == null) {
            return;
        }
        try {
            BudgetDefinitions.seed(new JdbcBudgets(ds), BudgetDefinitions.parse(Files.readString(file)), clock);
        } catch (IOException e) {
            throw PurserException.badArgument("cannot read PURSER_BUDGETS_FILE " + file + ": " + e.getMessage());
        }
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
