package dev.purser.core.analysis.savings;

import dev.purser.core.demo.DemoScenarios;
import dev.purser.core.demo.Scenario;
import dev.purser.core.ingest.FocusImporter;
import dev.purser.core.ingest.ImportOptions;
import dev.purser.core.store.InventoryRepository;
import dev.purser.core.store.JdbcCostQueries;
import dev.purser.core.store.JdbcCostSink;
import dev.purser.core.store.PurserDatabase;
import dev.purser.core.testing.TestDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

/**
 * The {@code livyflow} demo scenario loaded into a fresh test database: its FOCUS bill through
 * {@link FocusImporter} and its inventory and usage through {@link InventoryRepository}. Load it
 * once per test class; close it after.
 */
public final class LivyflowDemo implements AutoCloseable {

    /** The scenario's last billed day; the clock stands on the morning after. */
    public static final LocalDate LAST_DAY = LocalDate.of(2026, 11, 14);
    public static final String ACCOUNT = "livyflow";

    public final Clock clock = Clock.fixed(Instant.parse("2026-11-15T10:00:00Z"), ZoneOffset.UTC);
    public final Scenario scenario;
    public final PurserDatabase database;
    public final InventoryRepository inventory;
    public final JdbcCostQueries costs;

    private LivyflowDemo(Scenario scenario, PurserDatabase database) {
        this.scenario = scenario;
        this.database = database;
        this.inventory = new InventoryRepository(database.dataSource());
        this.costs = new JdbcCostQueries(database.dataSource());
    }

    /** Into a fresh database of {@link TestDatabase}. */
    public static LivyflowDemo load() {
        return load(TestDatabase.fresh());
    }

    /**
     * Into a given migrated, empty database (a module whose tests already run another embedded
     * server can use that one instead of starting a second); closing the demo closes it.
     */
    public static LivyflowDemo load(PurserDatabase db) {
        Scenario scenario = DemoScenarios.generate(ACCOUNT, LAST_DAY);
        LivyflowDemo demo = new LivyflowDemo(scenario, db);
        try {
            Path dir = Files.createTempDirectory("purser-livyflow");
            List<Path> files = scenario.writeFiles(dir);
            new FocusImporter(new JdbcCostSink(db.dataSource()), demo.clock).importFile(files.get(0), ImportOptions.STRICT);
            for (Path f : files) {
                Files.deleteIfExists(f);
            }
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            db.close();
            throw new UncheckedIOException(e);
        }
        demo.inventory.replaceScenario(ACCOUNT, scenario.inventory(), scenario.usage());
        return demo;
    }

    @Override
    public void close() {
        database.close();
    }
}
