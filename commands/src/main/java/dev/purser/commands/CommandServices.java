package dev.purser.commands;

import dev.purser.commands.cost.MonthEndForecasts;
import dev.purser.commands.db.DbTarget;
import dev.purser.core.analysis.advice.ProviderAdvice;
import dev.purser.core.analysis.anomalies.AnomalyFinder;
import dev.purser.core.analysis.budgets.BudgetChecker;
import dev.purser.core.analysis.budgets.BudgetStore;
import dev.purser.core.analysis.catalog.PriceCatalog;
import dev.purser.core.analysis.costs.CostQueries;
import dev.purser.core.analysis.recommendations.RightsizingService;
import dev.purser.core.analysis.savings.SavingsService;
import dev.purser.core.analysis.waste.WasteFinder;
import dev.purser.core.ingest.CostImporter;
import dev.purser.core.ingest.CostPull;
import dev.purser.core.ingest.InventoryPull;
import dev.purser.core.model.PeriodParser;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * The engine ports commands run against, handed over by the composition root. Only costs,
 * periods and the clock are required; a command whose port is absent is left out of the
 * registry rather than failing when someone runs it.
 */
public final class CommandServices {

    final CostQueries costs;
    final PeriodParser periods;
    final Clock clock;
    final Map<String, CostImporter> importers;
    final Map<String, CostPull> pulls;
    final Map<String, InventoryPull> inventories;
    final PathPolicy importPaths;
    final MonthEndForecasts forecasts;
    final BudgetStore budgets;
    final BudgetChecker budgetChecker;
    final AnomalyFinder anomalies;
    final RightsizingService rightsizing;
    final WasteFinder waste;
    final SavingsService savings;
    final Map<String, DbTarget> dbTargets;
    final Set<String> dbAllowedHosts;
    final Function<String, String> environment;
    final PriceCatalog dbCatalog;
    final ProviderAdvice providerAdvice;
    final Executor reads;

    private static Thread readThread(Runnable r) {
        Thread t = new Thread(r, "purser-read");
        t.setDaemon(true);
        return t;
    }

    private CommandServices(Builder b) {
        this.costs = Objects.requireNonNull(b.costs, "costs");
        this.periods = Objects.requireNonNull(b.periods, "periods");
        this.clock = Objects.requireNonNull(b.clock, "clock");
        this.importers = Map.copyOf(b.importers);
        this.pulls = Map.copyOf(b.pulls);
        this.inventories = Map.copyOf(b.inventories);
        this.importPaths = b.importPaths;
        if ((!importers.isEmpty() || !pulls.isEmpty() || !inventories.isEmpty()) && importPaths == null) {
            throw new IllegalArgumentException("importers need importPaths to confine the files they read");
        }
        this.forecasts = b.forecasts;
        this.budgets = b.budgets;
        this.budgetChecker = b.budgetChecker;
        if ((budgets == null) != (budgetChecker == null)) {
            throw new IllegalArgumentException("budgets and budgetChecker come together");
        }
        this.anomalies = b.anomalies;
        this.rightsizing = b.rightsizing;
        this.waste = b.waste;
        this.savings = b.savings;
        this.dbTargets = Map.copyOf(b.dbTargets);
        this.dbAllowedHosts = Set.copyOf(b.dbAllowedHosts);
        this.environment = b.environment;
        this.dbCatalog = b.dbCatalog;
        this.providerAdvice = b.providerAdvice;
        this.reads = b.reads != null ? b.reads : Executors.newCachedThreadPool(CommandServices::readThread);
        if (dbCatalog != null && environment == null) {
            throw new IllegalArgumentException("the db command needs the environment for target credentials");
        }
    }

    public static Builder builder(CostQueries costs, PeriodParser periods, Clock clock) {
        return new Builder(costs, periods, clock);
    }

    /** Collects the ports that exist in this deployment. */
    public static final class Builder {
        private final CostQueries costs;
        private final PeriodParser periods;
        private final Clock clock;
        private final Map<String, CostImporter> importers = new LinkedHashMap<>();
        private final Map<String, CostPull> pulls = new LinkedHashMap<>();
        private final Map<String, InventoryPull> inventories = new LinkedHashMap<>();
        private PathPolicy importPaths;
        private MonthEndForecasts forecasts;
        private BudgetStore budgets;
        private BudgetChecker budgetChecker;
        private AnomalyFinder anomalies;
        private RightsizingService rightsizing;
        private WasteFinder waste;
        private SavingsService savings;
        private Map<String, DbTarget> dbTargets = Map.of();
        private Set<String> dbAllowedHosts = Set.of();
        private Function<String, String> environment;
        private PriceCatalog dbCatalog;
        private ProviderAdvice providerAdvice;
        private Executor reads;

        private Builder(CostQueries costs, PeriodParser periods, Clock clock) {
            this.costs = costs;
            this.periods = periods;
            this.clock = clock;
        }

        /** File importers by kind as typed after {@code import}, and where they may read. */
        public Builder imports(Map<String, CostImporter> byKind, Map<String, CostPull> pullsByKind, PathPolicy paths) {
            importers.putAll(byKind);
            pulls.putAll(pullsByKind);
            importPaths = paths;
            return this;
        }

        /** Inventory pulls by kind as typed after {@code import} ({@code do-inventory}, {@code prometheus}). */
        public Builder inventories(Map<String, InventoryPull> byKind) {
            inventories.putAll(byKind);
            return this;
        }

        public Builder forecasts(MonthEndForecasts value) {
            forecasts = value;
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

        /**
         * @param targets      configured databases by name
         * @param allowedHosts hosts a typed URL may name; empty refuses every typed URL
         * @param env          where target credentials are read, at each run
         * @param catalog      sizes for {@code --size}
         */
        public Builder databases(Map<String, DbTarget> targets, Set<String> allowedHosts,
                                 Function<String, String> env, PriceCatalog catalog) {
            dbTargets = targets;
            dbAllowedHosts = allowedHosts;
            environment = env;
            dbCatalog = catalog;
            return this;
        }

        /**
         * The provider's own advice (Cost Explorer) that {@code rightsize} and {@code savings} show
         * beside Purser's; absent or null leaves it out and their replies unchanged.
         */
        public Builder providerAdvice(ProviderAdvice value) {
            providerAdvice = value;
            return this;
        }

        /**
         * Where a command runs its independent reads side by side (trend's daily series beside its
         * totals), so its answer takes as long as its slowest query rather than their sum. By
         * default a pool of daemon threads, one per read in flight, that end after a minute idle.
         */
        public Builder reads(Executor value) {
            reads = Objects.requireNonNull(value, "reads");
            return this;
        }

        public CommandServices build() {
            return new CommandServices(this);
        }
    }
}
