package dev.purser.core.engine;

import dev.purser.core.alerts.AlertSender;
import dev.purser.core.alerts.AlertService;
import dev.purser.core.alerts.PlanEventAlerts;
import dev.purser.core.analysis.anomalies.AnomalyFinder;
import dev.purser.core.analysis.budgets.BudgetChecker;
import dev.purser.core.analysis.budgets.BudgetDefinitions;
import dev.purser.core.analysis.catalog.PriceCatalogs;
import dev.purser.core.analysis.commitments.CommitmentAnalyzer;
import dev.purser.core.analysis.commitments.CommitmentSettings;
import dev.purser.core.analysis.forecast.MonthEndForecaster;
import dev.purser.core.analysis.recommendations.RightsizingService;
import dev.purser.core.analysis.rightsizing.RightsizingEngine;
import dev.purser.core.analysis.rules.AnalysisRules;
import dev.purser.core.analysis.savings.SavingsService;
import dev.purser.core.analysis.savings.SavingsSources;
import dev.purser.core.analysis.waste.WasteFinder;
import dev.purser.core.cloud.aws.AwsClients;
import dev.purser.core.cloud.aws.AwsInventoryPull;
import dev.purser.core.cloud.aws.AwsSettings;
import dev.purser.core.cloud.aws.CostExplorerAdvicePull;
import dev.purser.core.cloud.aws.CostExplorerImport;
import dev.purser.core.cloud.digitalocean.DoBillingImport;
import dev.purser.core.cloud.digitalocean.DoInventoryPull;
import dev.purser.core.cloud.http.HttpSettings;
import dev.purser.core.cloud.http.Sleeper;
import dev.purser.core.cloud.http.RateLimitRecorder;
import dev.purser.core.cloud.prometheus.PrometheusUsagePull;
import dev.purser.core.audit.AuditTrail;
import dev.purser.core.config.PlansConfig;
import dev.purser.core.config.PurserConfig;
import dev.purser.core.ingest.CostImporter;
import dev.purser.core.ingest.CostPull;
import dev.purser.core.ingest.CurImporter;
import dev.purser.core.ingest.DoInvoiceImporter;
import dev.purser.core.ingest.FocusImporter;
import dev.purser.core.ingest.InventoryPull;
import dev.purser.core.plan.ApprovalPolicies;
import dev.purser.core.plan.InventoryPlanInputs;
import dev.purser.core.plan.MaintenanceWindow;
import dev.purser.core.execution.PlanExecution;
import dev.purser.core.plan.MigrationService;
import dev.purser.core.plan.PlanService;
import dev.purser.core.plan.PlanSettings;
import dev.purser.core.query.PeriodParser;
import dev.purser.core.schedule.CommandRunner;
import dev.purser.core.schedule.JobKind;
import dev.purser.core.schedule.JobService;
import dev.purser.core.schedule.JobTasks;
import dev.purser.core.schedule.ScheduledJob;
import dev.purser.core.store.DataGeneration;
import dev.purser.core.store.DatabaseSettings;
import dev.purser.core.store.InventoryRepository;
import dev.purser.core.store.JdbcAlertLedger;
import dev.purser.core.store.JdbcAuditTrail;
import dev.purser.core.store.JdbcBudgets;
import dev.purser.core.store.JdbcCostQueries;
import dev.purser.core.store.JdbcCostSink;
import dev.purser.core.store.JdbcDailySpend;
import dev.purser.core.store.JdbcEligibleUsage;
import dev.purser.core.store.JdbcExecutorCallJournal;
import dev.purser.core.store.JdbcMigrationStore;
import dev.purser.core.store.JdbcPlanStore;
import dev.purser.core.store.JdbcJobRuns;
import dev.purser.core.store.JdbcPriceCatalogs;
import dev.purser.core.store.JdbcProviderAdvice;
import dev.purser.core.store.JdbcSpendHistory;
import dev.purser.core.store.PurserDatabase;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import javax.sql.DataSource;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

/**
 * Builds the real engine over Purser's database from the typed configuration.
 *
 * <p>The database: every store is wired at once against a data source that opens (migrates,
 * and seeds the configured budgets into) the database on its first connection, so building the
 * engine, and {@code purser help}, never starts PostgreSQL. Cloud clients are likewise built at
 * their first pull, so a deployment without AWS or DigitalOcean pays nothing for them and a
 * missing token is reported by the command that needs it.
 */
public final class Engines {

    private Engines() {
    }

    /**
     * @param config            the typed configuration
     * @param rules             the analysis rules, resolved once at start-up from {@code config.rules()}
     * @param importDirectories the only directories importers may read
     * @param secrets           where the secrets the configuration names are read
     * @param clock             the engine's only source of "now"
     */
    public static PurserEngine open(PurserConfig config, AnalysisRules rules, List<Path> importDirectories,
            SecretSource secrets, Clock clock) {
        return open(config, rules, importDirectories, secrets, clock, line -> { });
    }

    /**
     * What the engine reaches outside core: alert delivery (the chat faces) and commands run as
     * Purser (the monthly report job). Built by the composition root in the bot module.
     *
     * @param alerts   delivers alerts to Slack and Discord
     * @param commands runs a command by name; may be bound after the registry is built
     */
    public record Outbound(AlertSender alerts, CommandRunner commands) {
        public static final Outbound NONE = new Outbound(AlertSender.NONE, CommandRunner.NONE);

        public Outbound {
            Objects.requireNonNull(alerts, "alerts");
            Objects.requireNonNull(commands, "commands");
        }
    }

    /**
     * As {@link #open(PurserConfig, AnalysisRules, List, SecretSource, Clock)}, telling
     * {@code notices} what a person waiting should know (another process is starting the
     * embedded database).
     */
    public static PurserEngine open(PurserConfig config, AnalysisRules rules, List<Path> importDirectories,
            SecretSource secrets, Clock clock, Consumer<String> notices) {
        return open(config, rules, importDirectories, secrets, clock, notices, Outbound.NONE);
    }

    /**
     * As {@link #open(PurserConfig, AnalysisRules, List, SecretSource, Clock, Consumer)}, with
     * alerts delivered and commands run through {@code outbound}.
     */
    public static PurserEngine open(PurserConfig config, AnalysisRules rules, List<Path> importDirectories,
            SecretSource secrets, Clock clock, Consumer<String> notices, Outbound outbound) {
        Objects.requireNonNull(outbound, "outbound");
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(notices, "notices");
        Objects.requireNonNull(rules, "rules");
        Objects.requireNonNull(secrets, "secrets");
        Objects.requireNonNull(clock, "clock");
        OnFirstUse database = new OnFirstUse(config, secrets, clock, notices);
        DataSource dataSource = new LazyDataSource(() -> database.get().dataSource());
        RateLimitRecorder rateLimits = new RateLimitRecorder();
        AwsCredentialsProvider aws = AwsClients.standardCredentials();

        JdbcCostSink costSink = new JdbcCostSink(dataSource);
        InventoryRepository inventory = new InventoryRepository(dataSource);
        JdbcPriceCatalogs catalogs = new JdbcPriceCatalogs(dataSource);
        JdbcProviderAdvice advice = new JdbcProviderAdvice(dataSource);
        JdbcCostQueries costs = new JdbcCostQueries(dataSource);

        Map<String, CostImporter> importers = new LinkedHashMap<>();
        importers.put(FocusImporter.KIND, new FocusImporter(costSink, clock));
        importers.put(CurImporter.KIND, new CurImporter(costSink, clock));
        importers.put(DoInvoiceImporter.KIND, new DoInvoiceImporter(costSink, clock));
        Map<String, CostPull> pulls = new LinkedHashMap<>();
        pulls.put(DoBillingImport.KIND, DoBillingImport.create(config.digitalocean(),
                secrets.secret(config.digitalocean().tokenEnv()), HttpSettings.defaults(), rateLimits, costSink, clock));
        pulls.put(CostExplorerImport.KIND, CostExplorerImport.create(config.aws(),
                AwsSettings.defaults(AwsSettings.COST_EXPLORER_REGION), aws, costSink, clock));

        // With Prometheus configured, a cloud inventory pull is followed by a Prometheus pull into
        // the same account: the cloud pull replaces the account's inventory whole, Prometheus
        // series included, so they are merged back at once rather than left to whoever remembers.
        PrometheusUsagePull prometheus = PrometheusUsagePull.create(config.prometheus(),
                secrets.secret(config.prometheus().tokenEnv()), HttpSettings.defaults(), inventory, inventory, clock);
        InventoryPull digitalOcean = DoInventoryPull.create(config.digitalocean(),
                secrets.secret(config.digitalocean().tokenEnv()), HttpSettings.defaults(), rateLimits, inventory,
                catalogs, clock);
        InventoryPull awsInventory = InventoryPull.chain(
                AwsInventoryPull.create(config.aws(), AwsSettings.defaults(config.aws().region()), aws, inventory,
                        catalogs, clock),
                CostExplorerAdvicePull.create(config.aws(), AwsSettings.defaults(AwsSettings.COST_EXPLORER_REGION), aws,
                        CostExplorerAdvicePull.Options.defaults(), advice, clock));
        boolean withPrometheus = config.prometheus().configured();
        Map<String, InventoryPull> inventories = new LinkedHashMap<>();
        inventories.put(DoInventoryPull.KIND, withPrometheus ? InventoryPull.chain(digitalOcean, prometheus) : digitalOcean);
        inventories.put(AwsInventoryPull.KIND, withPrometheus ? InventoryPull.chain(awsInventory, prometheus) : awsInventory);
        inventories.put(PrometheusUsagePull.KIND, prometheus);

        MonthEndForecaster forecaster = new MonthEndForecaster(new JdbcDailySpend(dataSource), clock);
        JdbcBudgets budgets = new JdbcBudgets(dataSource);
        RightsizingService rightsizing = new RightsizingService(inventory,
                new RightsizingEngine(PriceCatalogs.bundled(), rules.rightsizing(), clock), costs, clock,
                RightsizingService.ComposeFileReader.NONE, catalogs::latest);
        WasteFinder waste = new WasteFinder(inventory, costs, rules.waste(), clock);
        CommitmentAnalyzer commitments = new CommitmentAnalyzer(new JdbcEligibleUsage(dataSource),
                CommitmentSettings.defaults(), clock);
        SavingsService savings = new SavingsService(waste, commitments, advice::savingsPlans,
                Map.of(SavingsSources.RIGHTSIZING, SavingsSources.rightsizing(rightsizing)), clock);

        JdbcAuditTrail audit = new JdbcAuditTrail(dataSource, clock);
        PlanSettings planSettings = planSettings(config.plans(), config.timezone());
        JdbcPlanStore planStore = new JdbcPlanStore(dataSource);
        PlanService plans = new PlanService(planStore, audit, new InventoryPlanInputs(rightsizing,
                inventory, planSettings.trafficWindow(), clock), planSettings,
                new ApprovalPolicies(config.approvalPolicies()), clock);
        AnomalyFinder anomalies = new AnomalyFinder(new JdbcSpendHistory(dataSource));
        BudgetChecker budgetChecker = new BudgetChecker(budgets, forecaster, clock);
        AlertService alerts = new AlertService(config.alertRoutes(), new JdbcAlertLedger(dataSource), outbound.alerts(),
                clock);
        JobService jobs = new JobService(withDigest(ScheduledJob.fromConfig(config.schedules()), config),
                JobTasks.standard(new JobTasks.Services(pulls, inventories, budgetChecker, anomalies, savings, alerts,
                        outbound.commands(), config.timezone())),
                new JdbcJobRuns(dataSource), alerts, clock, processName());

        // executors get their clients on first use, so a Purser without a DigitalOcean token starts
        PlanExecution execution = PlanExecution.create(config.execution(), config.home(),
                PlanExecution.Clients.fromConfig(config.execution(), config.prometheus(), secrets::secret, rateLimits,
                        clock, Sleeper.system()),
                new JdbcExecutorCallJournal(dataSource), audit, clock, Sleeper.system(), plans::locks);
        PurserEngine engine = PurserEngine.builder(costs, new PeriodParser(clock, config.timezone()), clock)
                .imports(importers, pulls, importDirectories)
                .inventoryPulls(inventories)
                .forecaster(forecaster)
                .anomalies(anomalies)
                .budgets(budgets, budgetChecker)
                .rightsizing(rightsizing)
                .waste(waste)
                .savings(savings)
                .providerAdvice(advice)
                .databases(config.databaseTargets(), PriceCatalogs.bundledDigitalOcean(), secrets)
                .rateLimits(rateLimits)
                .database(dataSource)
                .dataGeneration(new DataGeneration(dataSource))
                .audit(audit, audit)
                .plans(plans)
                .migration(new MigrationService(planStore, new JdbcMigrationStore(dataSource, planStore), audit, clock,
                        execution.reverter(), execution.applier()))
                .execution(execution)
                .operations(jobs, alerts)
                .closing(database)
                .build();
        engine.subjectChanges().subscribe(new PlanEventAlerts(plans, alerts, Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "purser-plan-alerts");
            t.setDaemon(true);
            return t;
        })));
        return engine;
    }

    /** What plans are made with, from the {@code plans} section; the default window is read in Purser's zone. */
    static PlanSettings planSettings(PlansConfig plans, ZoneId zone) {
        PlanSettings defaults = PlanSettings.defaults(zone);
        MaintenanceWindow window = plans.defaultWindow() == null ? defaults.defaultWindow()
                : MaintenanceWindow.parse(plans.defaultWindow(), zone);
        return new PlanSettings(window, plans.backupMaxAge(), plans.soak(), plans.rehearsalSoak(), plans.tiers(),
                defaults.trafficWindow());
    }

    /**
     * The configured jobs, plus a daily {@code alert-digest} at 08:00 in Purser's time zone when a
     * route collects a digest and no schedule sends it, so a digest route's alerts never wait forever.
     */
    static List<ScheduledJob> withDigest(List<ScheduledJob> jobs, PurserConfig config) {
        boolean digestRoute = config.alertRoutes().stream().anyMatch(r -> r.digest());
        boolean digestJob = jobs.stream().anyMatch(j -> j.kind() == JobKind.ALERT_DIGEST);
        if (!digestRoute || digestJob || jobs.stream().anyMatch(j -> j.name().equals(JobKind.ALERT_DIGEST.word()))) {
            return jobs;
        }
        List<ScheduledJob> out = new ArrayList<>(jobs);
        out.add(new ScheduledJob(JobKind.ALERT_DIGEST.word(), JobKind.ALERT_DIGEST, "0 0 8 * * ?", config.timezone(),
                JobKind.ALERT_DIGEST.defaultMisfire(), null));
        return List.copyOf(out);
    }

    /** This process in recorded job runs: host and process id. */
    private static String processName() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            host = "localhost";
        }
        return host + ":" + ProcessHandle.current().pid();
    }

    /** Purser's database, opened, migrated and seeded with the configured budgets on first use. */
    private static final class OnFirstUse implements AutoCloseable {
        private final PurserConfig config;
        private final SecretSource secrets;
        private final Clock clock;
        private final Consumer<String> notices;
        private PurserDatabase database;

        OnFirstUse(PurserConfig config, SecretSource secrets, Clock clock, Consumer<String> notices) {
            this.config = config;
            this.secrets = secrets;
            this.clock = clock;
            this.notices = notices;
        }

        synchronized PurserDatabase get() {
            if (database == null) {
                database = PurserDatabase.open(DatabaseSettings.of(config.database(), config.home(),
                        secrets.secret(config.database().passwordEnv())), notices);
                BudgetDefinitions.seed(new JdbcBudgets(database.dataSource()), config.budgets().resolve(), clock);
            }
            return database;
        }

        @Override
        public synchronized void close() {
            if (database != null) {
                database.close();
                database = null;
            }
        }
    }
}
