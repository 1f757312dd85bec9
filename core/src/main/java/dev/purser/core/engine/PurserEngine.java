package dev.purser.core.engine;

import dev.purser.core.alerts.AlertService;
import dev.purser.core.analysis.advice.ProviderAdvice;
import dev.purser.core.analysis.anomalies.AnomalyFinder;
import dev.purser.core.analysis.budgets.BudgetChecker;
import dev.purser.core.analysis.budgets.BudgetStore;
import dev.purser.core.analysis.catalog.PriceCatalog;
import dev.purser.core.analysis.costs.CostQueries;
import dev.purser.core.analysis.forecast.MonthEndForecaster;
import dev.purser.core.analysis.recommendations.RightsizingService;
import dev.purser.core.analysis.savings.SavingsService;
import dev.purser.core.audit.AuditExport;
import dev.purser.core.audit.AuditTrail;
import dev.purser.core.analysis.waste.WasteFinder;
import dev.purser.core.cloud.http.RateLimitRecorder;
import dev.purser.core.config.DatabaseTargetsConfig;
import dev.purser.core.ingest.CostImporter;
import dev.purser.core.ingest.CostPull;
import dev.purser.core.ingest.InventoryPull;
import dev.purser.core.live.SubjectChanges;
import dev.purser.core.execution.PlanExecution;
import dev.purser.core.plan.MigrationService;
import dev.purser.core.plan.PlanService;
import dev.purser.core.query.PeriodParser;
import dev.purser.core.schedule.JobService;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.function.LongSupplier;
import javax.sql.DataSource;

/**
 * Everything a deployment of Purser can answer with: the cost queries, the analyses, the
 * importers and pulls, and the few settings commands need (where imports may read, which
 * databases {@code db} may analyse, where secrets are read). The command registry, the scheduler
 * and every face take this one object, so a new service is added here once instead of being
 * threaded through each of them.
 *
 * <p>Only costs, periods and the clock are required. A service a deployment lacks is
 * {@link Optional#empty()}, and the commands that need it are left out rather than failing when
 * someone runs them.
 *
 * <p>{@link Engines#open} builds the real one over Purser's database; tests build one from fakes
 * with {@link #builder}. Closing the engine closes what it opened (the database), if anything.
 */
public final class PurserEngine implements AutoCloseable {

    private final CostQueries costs;
    private final SubjectChanges subjectChanges = new SubjectChanges();
    private final PeriodParser periods;
    private final Clock clock;
    private final Map<String, CostImporter> importers;
    private final Map<String, CostPull> costPulls;
    private final Map<String, InventoryPull> inventoryPulls;
    private final List<Path> importDirectories;
    private final MonthEndForecaster forecaster;
    private final BudgetStore budgets;
    private final BudgetChecker budgetChecker;
    private final AnomalyFinder anomalies;
    private final RightsizingService rightsizing;
    private final WasteFinder waste;
    private final SavingsService savings;
    private final ProviderAdvice providerAdvice;
    private final DatabaseTargetsConfig databaseTargets;
    private final PriceCatalog databaseSizes;
    private final SecretSource secrets;
    private final RateLimitRecorder rateLimits;
    private final DataSource database;
    private final LongSupplier dataGeneration;
    private final AutoCloseable resources;
    private final Executor reads;
    private final AuditTrail audit;
    private final AuditExport auditExport;
    private final PlanService plans;
    private final MigrationService migration;
    private final PlanExecution execution;
    private final JobService jobs;
    private final AlertService alerts;

    private PurserEngine(Builder b) {
        this.costs = Objects.requireNonNull(b.costs, "costs");
        this.periods = Objects.requireNonNull(b.periods, "periods");
        this.clock = Objects.requireNonNull(b.clock, "clock");
        this.importers = copy(b.importers);
        this.costPulls = copy(b.costPulls);
        this.inventoryPulls = copy(b.inventoryPulls);
        this.importDirectories = List.copyOf(b.importDirectories);
        this.forecaster = b.forecaster;
        this.budgets = b.budgets;
        this.budgetChecker = b.budgetChecker;
        if ((budgets == null) != (budgetChecker == null)) {
            throw new IllegalArgumentException("budgets and budgetChecker come together");
        }
        this.anomalies = b.anomalies;
        this.rightsizing = b.rightsizing;
        this.waste = b.waste;
        this.savings = b.savings;
        this.providerAdvice = b.providerAdvice;
        this.databaseTargets = b.databaseTargets;
        this.databaseSizes = b.databaseSizes;
        this.secrets = b.secrets;
        this.rateLimits = b.rateLimits;
        this.database = b.database;
        this.dataGeneration = b.dataGeneration;
        this.resources = b.resources;
        this.audit = b.audit;
        this.auditExport = b.auditExport;
        if ((audit == null) != (auditExport == null)) {
            throw new IllegalArgumentException("audit and auditExport come together");
        }
        this.reads = b.reads != null ? b.reads : Executors.newCachedThreadPool(PurserEngine::readThread);
        this.plans = b.plans;
        this.migration = b.migration;
        this.execution = b.execution;
        this.jobs = b.jobs;
        this.alerts = b.alerts;
    }

    private static Thread readThread(Runnable r) {
        Thread t = new Thread(r, "purser-read");
        t.setDaemon(true);
        return t;
    }

    /** Insertion order is kept: it is the order {@code help} lists the kinds in. */
    private static <V> Map<String, V> copy(Map<String, V> map) {
        return Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }

    /**
     * @param costs   the cost store's queries
     * @param periods how period words ({@code mtd}, {@code last-month}) become dates
     * @param clock   the engine's only source of "now"
     */
    public static Builder builder(CostQueries costs, PeriodParser periods, Clock clock) {
        return new Builder(costs, periods, clock);
    }

    public CostQueries costs() {
        return costs;
    }

    public PeriodParser periods() {
        return periods;
    }

    public Clock clock() {
        return clock;
    }

    /**
     * Where services announce that a subject people see (a plan's tally) changed; the chat faces
     * listen and update the messages showing it.
     */
    public SubjectChanges subjectChanges() {
        return subjectChanges;
    }

    /** File importers by the kind typed after {@code import} ({@code focus}, {@code cur}). */
    public Map<String, CostImporter> importers() {
        return importers;
    }

    /** Cost pulls from an API by kind ({@code do-billing}, {@code aws-ce}). */
    public Map<String, CostPull> costPulls() {
        return costPulls;
    }

    /** Inventory and usage pulls by kind ({@code do-inventory}, {@code prometheus}). */
    public Map<String, InventoryPull> inventoryPulls() {
        return inventoryPulls;
    }

    /** The only directories importers may read files from. */
    public List<Path> importDirectories() {
        return importDirectories;
    }

    public Optional<MonthEndForecaster> forecaster() {
        return Optional.ofNullable(forecaster);
    }

    public Optional<BudgetStore> budgets() {
        return Optional.ofNullable(budgets);
    }

    /** Present exactly when {@link #budgets()} is. */
    public Optional<BudgetChecker> budgetChecker() {
        return Optional.ofNullable(budgetChecker);
    }

    public Optional<AnomalyFinder> anomalies() {
        return Optional.ofNullable(anomalies);
    }

    public Optional<RightsizingService> rightsizing() {
        return Optional.ofNullable(rightsizing);
    }

    public Optional<WasteFinder> waste() {
        return Optional.ofNullable(waste);
    }

    public Optional<SavingsService> savings() {
        return Optional.ofNullable(savings);
    }

    /** The provider's own advice (Cost Explorer), shown beside Purser's. */
    public Optional<ProviderAdvice> providerAdvice() {
        return Optional.ofNullable(providerAdvice);
    }

    /** The databases {@code db} may analyse, and the hosts a typed URL may name. */
    public DatabaseTargetsConfig databaseTargets() {
        return databaseTargets;
    }

    /** Managed-database sizes for {@code db --size}; absent means no {@code db} command. */
    public Optional<PriceCatalog> databaseSizes() {
        return Optional.ofNullable(databaseSizes);
    }

    /** Where the secrets the configuration names are read, at the moment they are needed. */
    public SecretSource secrets() {
        return secrets;
    }

    /** The latest rate-limit figures each API returned, for {@code api_calls_remaining}. */
    /**
     * Where a command runs its independent reads side by side (trend's daily series beside its
     * totals), so its answer takes as long as its slowest query rather than their sum. By default
     * a pool of daemon threads, one per read in flight, that end after a minute idle.
     */
    public Executor reads() {
        return reads;
    }

    public RateLimitRecorder rateLimits() {
        return rateLimits;
    }

    /** Plans and their sign-offs; absent means no {@code plan}, {@code approve} or {@code reject} command. */
    public Optional<PlanService> plans() {
        return Optional.ofNullable(plans);
    }

    /** Running plans' states (pause, resume, cancel, roll back); absent means no {@code migration} command. */
    public Optional<MigrationService> migration() {
        return Optional.ofNullable(migration);
    }

    /**
     * How approved plans' phases run (the {@code execution} section): the work the
     * {@code plan-phase} task runs, registered on the scheduler by the composition root.
     */
    public Optional<PlanExecution> execution() {
        return Optional.ofNullable(execution);
    }

    /**
     * The store's data generation, which moves whenever committed data changes; absent for an
     * engine built from fakes, whose answers are then never cached.
     */
    public Optional<LongSupplier> dataGeneration() {
        return Optional.ofNullable(dataGeneration);
    }

    /** The scheduled jobs configured under {@code schedules}, their runs and history. */
    public Optional<JobService> jobs() {
        return Optional.ofNullable(jobs);
    }

    /** Alert routing and delivery to the configured channels. */
    public Optional<AlertService> alerts() {
        return Optional.ofNullable(alerts);
    }

    /**
     * Purser's own database, opened on the first connection; absent for an engine built from
     * fakes. For what the engine's services do not cover yet, such as loading the demo.
     */
    public Optional<DataSource> database() {
        return Optional.ofNullable(database);
    }

    /** The append-only, hash-chained record of plan events, sign-offs and executor calls. */
    public Optional<AuditTrail> audit() {
        return Optional.ofNullable(audit);
    }

    /** Reads the audit trail in order for {@code audit export}; present exactly when {@link #audit()} is. */
    public Optional<AuditExport> auditExport() {
        return Optional.ofNullable(auditExport);
    }

    @Override
    public void close() {
        try {
            resources.close();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("closing the engine failed", e);
        }
    }

    /** Collects the services a deployment has; what is never set stays absent. */
    public static final class Builder {
        private final CostQueries costs;
        private final PeriodParser periods;
        private final Clock clock;
        private final Map<String, CostImporter> importers = new LinkedHashMap<>();
        private final Map<String, CostPull> costPulls = new LinkedHashMap<>();
        private final Map<String, InventoryPull> inventoryPulls = new LinkedHashMap<>();
        private final List<Path> importDirectories = new ArrayList<>();
        private MonthEndForecaster forecaster;
        private BudgetStore budgets;
        private BudgetChecker budgetChecker;
        private AnomalyFinder anomalies;
        private RightsizingService rightsizing;
        private WasteFinder waste;
        private SavingsService savings;
        private ProviderAdvice providerAdvice;
        private DatabaseTargetsConfig databaseTargets = DatabaseTargetsConfig.defaults();
        private PriceCatalog databaseSizes;
        private SecretSource secrets = SecretSource.NONE;
        private RateLimitRecorder rateLimits = new RateLimitRecorder();
        private DataSource database;
        private LongSupplier dataGeneration;
        private AutoCloseable resources = () -> { };
        private Executor reads;
        private AuditTrail audit;
        private AuditExport auditExport;
        private PlanService plans;
        private MigrationService migration;
        private PlanExecution execution;
        private JobService jobs;
        private AlertService alerts;

        private Builder(CostQueries costs, PeriodParser periods, Clock clock) {
            this.costs = costs;
            this.periods = periods;
            this.clock = clock;
        }

        /**
         * @param directories the only directories the importers and pulls may read files from;
         *                    required as soon as there is one importer or pull
         */
        public Builder imports(Map<String, CostImporter> byKind, Map<String, CostPull> pullsByKind,
                List<Path> directories) {
            importers.putAll(byKind);
            costPulls.putAll(pullsByKind);
            importDirectories.addAll(directories);
            return this;
        }

        public Builder inventoryPulls(Map<String, InventoryPull> byKind) {
            inventoryPulls.putAll(byKind);
            return this;
        }

        public Builder forecaster(MonthEndForecaster value) {
            forecaster = value;
            return this;
        }

        public Builder budgets(BudgetStore store, BudgetChecker checker) {
            budgets = store;
            budgetChecker = checker;
            return this;
        }

        public Builder anomalies(AnomalyFinder value) {
            anomalies = value;
            return this;
        }

        public Builder rightsizing(RightsizingService value) {
            rightsizing = value;
            return this;
        }

        public Builder waste(WasteFinder value) {
            waste = value;
            return this;
        }

        public Builder savings(SavingsService value) {
            savings = value;
            return this;
        }

        public Builder providerAdvice(ProviderAdvice value) {
            providerAdvice = value;
            return this;
        }

        /**
         * @param targets the configured targets and allowed hosts
         * @param sizes   sizes for {@code --size}; with it, there is a {@code db} command
         * @param source  where target credentials are read, at each run
         */
        public Builder databases(DatabaseTargetsConfig targets, PriceCatalog sizes, SecretSource source) {
            databaseTargets = Objects.requireNonNull(targets, "targets");
            databaseSizes = sizes;
            secrets = Objects.requireNonNull(source, "source");
            return this;
        }

        public Builder rateLimits(RateLimitRecorder value) {
            rateLimits = Objects.requireNonNull(value, "rateLimits");
            return this;
        }

        public Builder plans(PlanService value) {
            plans = value;
            return this;
        }

        public Builder migration(MigrationService value) {
            migration = value;
            return this;
        }

        public Builder execution(PlanExecution value) {
            execution = value;
            return this;
        }

        public Builder database(DataSource value) {
            database = value;
            return this;
        }

        /** What {@link PurserEngine#close()} closes: the database the engine opened, if any. */
        public Builder reads(Executor value) {
            reads = Objects.requireNonNull(value, "reads");
            return this;
        }

        public Builder dataGeneration(LongSupplier value) {
            dataGeneration = Objects.requireNonNull(value, "dataGeneration");
            return this;
        }

        /** The audit trail, and how to read it whole for an export (one store usually does both). */
        public Builder audit(AuditTrail trail, AuditExport export) {
            audit = Objects.requireNonNull(trail, "trail");
            auditExport = Objects.requireNonNull(export, "export");
            return this;
        }

        /** Scheduled jobs and alerts; either may be null. */
        public Builder operations(JobService jobService, AlertService alertService) {
            jobs = jobService;
            alerts = alertService;
            return this;
        }

        public Builder closing(AutoCloseable value) {
            resources = Objects.requireNonNull(value, "resources");
            return this;
        }

        public PurserEngine build() {
            if ((!importers.isEmpty() || !costPulls.isEmpty() || !inventoryPulls.isEmpty())
                    && importDirectories.isEmpty()) {
                throw new IllegalArgumentException("importers need import directories to confine the files they read");
            }
            return new PurserEngine(this);
        }
    }
}
