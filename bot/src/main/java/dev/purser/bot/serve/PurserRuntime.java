package dev.purser.bot.serve;

import dev.purser.commands.CommandDispatcher;
import dev.purser.commands.CommandRegistry;
import dev.purser.commands.PathPolicy;
import dev.purser.commands.PurserCommands;
import dev.purser.core.analysis.costs.BreakdownRequest;
import dev.purser.core.analysis.costs.CostBreakdown;
import dev.purser.core.analysis.costs.CostFilter;
import dev.purser.core.analysis.costs.CostMetric;
import dev.purser.core.analysis.costs.CostMover;
import dev.purser.core.analysis.costs.CostQueries;
import dev.purser.core.ingest.CostImporter;
import dev.purser.core.ingest.CurImporter;
import dev.purser.core.ingest.FocusImporter;
import dev.purser.core.ingest.ImportOptions;
import dev.purser.core.ingest.ImportResult;
import dev.purser.core.model.Dimension;
import dev.purser.core.model.Period;
import dev.purser.core.model.PeriodParser;
import dev.purser.core.store.JdbcCostQueries;
import dev.purser.core.store.PurserDatabase;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The composition root: settings in, a command dispatcher out. The database opens on first use,
 * so {@code purser help} never starts PostgreSQL.
 */
public final class PurserRuntime implements AutoCloseable {

    private final PurserSettings settings;
    private final Clock clock;
    private final PeriodParser periods;
    private final CommandDispatcher dispatcher;
    private PurserDatabase database;
    private JdbcCostQueries jdbcCosts;

    public PurserRuntime(PurserSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        this.periods = new PeriodParser(clock, settings.zone());
        CostQueries costs = new CostQueries() {
            @Override
            public CostBreakdown breakdown(BreakdownRequest request) {
                return jdbcCosts().breakdown(request);
            }

            @Override
            public List<CostMover> topMovers(Period period, Dimension by, CostMetric metric, CostFilter filter, int limit) {
                return jdbcCosts().topMovers(period, by, metric, filter, limit);
            }
        };
        CostImporter focus = lazyImporter(FocusImporter.KIND, this::focusImporter);
        CostImporter cur = lazyImporter(CurImporter.KIND, () -> new CurImporter(database().dataSource(), clock));
        Map<String, CostImporter> importers = new LinkedHashMap<>();
        importers.put(focus.kind(), focus);
        importers.put(cur.kind(), cur);
        CommandRegistry registry = PurserCommands.registry(costs, importers, periods,
                new PathPolicy(settings.importDirectories()));
        this.dispatcher = new CommandDispatcher(registry);
    }

    /** An importer whose database opens only when a file is actually imported. */
    private static CostImporter lazyImporter(String kind, Supplier<CostImporter> open) {
        return new CostImporter() {
            @Override
            public String kind() {
                return kind;
            }

            @Override
            public ImportResult importFile(Path file, ImportOptions options) {
                return open.get().importFile(file, options);
            }
        };
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

    /** Opens (and migrates) the database on first call. */
    public synchronized PurserDatabase database() {
        if (database == null) {
            database = PurserDatabase.open(settings.database());
        }
        return database;
    }

    private synchronized JdbcCostQueries jdbcCosts() {
        if (jdbcCosts == null) {
            jdbcCosts = new JdbcCostQueries(database().dataSource());
        }
        return jdbcCosts;
    }

    public FocusImporter focusImporter() {
        return new FocusImporter(database().dataSource(), clock);
    }

    @Override
    public synchronized void close() {
        if (database != null) {
            database.close();
            database = null;
            jdbcCosts = null;
        }
    }
}
