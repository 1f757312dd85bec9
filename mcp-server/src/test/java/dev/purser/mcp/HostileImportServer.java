package dev.purser.mcp;

import dev.purser.commands.CommandDispatcher;
import dev.purser.commands.PathPolicy;
import dev.purser.commands.PurserCommands;
import dev.purser.core.ingest.CostImporter;
import dev.purser.core.ingest.CurImporter;
import dev.purser.core.ingest.DoInvoiceImporter;
import dev.purser.core.ingest.FocusImporter;
import dev.purser.core.query.PeriodParser;
import dev.purser.core.store.JdbcCostQueries;
import dev.purser.core.store.JdbcCostSink;
import dev.purser.core.store.PurserDatabase;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The child process of {@link McpHostileImportTest}: the real {@code import} command (FOCUS, CUR
 * and DigitalOcean invoice importers over a real database) served over stdio, as the launcher
 * serves it, so the test can give it a small heap and hostile files.
 *
 * <p>Arguments: the import directory, then the JDBC URL of the database.
 */
public final class HostileImportServer {

    private HostileImportServer() {
    }

    public static void main(String[] args) throws InterruptedException {
        PGSimpleDataSource source = new PGSimpleDataSource();
        source.setUrl(args[1]);
        PurserDatabase db = PurserDatabase.forDataSource(source);
        Clock clock = Clock.systemUTC();
        JdbcCostSink sink = new JdbcCostSink(db.dataSource());
        Map<String, CostImporter> importers = new LinkedHashMap<>();
        importers.put(FocusImporter.KIND, new FocusImporter(sink, clock));
        importers.put(CurImporter.KIND, new CurImporter(sink, clock));
        importers.put(DoInvoiceImporter.KIND, new DoInvoiceImporter(sink, clock));
        CommandDispatcher dispatcher = new CommandDispatcher(PurserCommands.registry(new JdbcCostQueries(db.dataSource()),
                importers, new PeriodParser(clock, ZoneOffset.UTC), PathPolicy.of(Path.of(args[0]))));
        McpSettings settings = McpSettings.fromEnvironment(Map.of(McpSettings.STDIO_ROLES, "viewer,requester",
                McpSettings.STDIO_USER, "hostile-test"));
        McpMain.serveStdio(dispatcher, settings);
    }
}
