package dev.purser.bot.bench;

import dev.purser.commands.CommandDispatcher;
import dev.purser.commands.PathPolicy;
import dev.purser.commands.Principal;
import dev.purser.commands.PurserCommands;
import dev.purser.commands.render.JsonRenderer;
import dev.purser.commands.reply.Reply;
import dev.purser.core.analysis.costs.BreakdownRequest;
import dev.purser.core.analysis.costs.CostBreakdown;
import dev.purser.core.analysis.costs.CostFilter;
import dev.purser.core.analysis.costs.CostMetric;
import dev.purser.core.analysis.costs.DailySeries;
import dev.purser.core.ingest.FocusImporter;
import dev.purser.core.ingest.ImportOptions;
import dev.purser.core.ingest.ImportResult;
import dev.purser.core.model.Dimension;
import dev.purser.core.model.Period;
import dev.purser.core.query.PeriodParser;
import dev.purser.core.store.JdbcCostQueries;
import dev.purser.core.store.JdbcCostSink;
import dev.purser.core.store.PurserDatabase;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.postgresql.PGConnection;

/**
 * Issue 3: FOCUS ingestion against a bare {@code COPY} of the same file into the same database,
 * and {@code cost --by service} over 90 days (through {@link JdbcCostQueries} and through the
 * real dispatcher and JSON renderer) against DuckDB's in-memory group-by of the same rows.
 *
 * <p>PostgreSQL is embedded and configured much as Purser's own embedded server is
 * ({@code EmbeddedServer}: {@code wal_level=minimal}, {@code max_wal_senders=0}; the zonky
 * builder's defaults, which include {@code synchronous_commit=off}, plus
 * {@code max_connections=50}); nothing else is tuned for bulk load, and the bare COPY runs on the
 * same server. The benchmark prints the settings it ran with.
 *
 * <p>System properties: {@code bench.rows} (10,000,000), {@code bench.days} (92),
 * {@code bench.pgFsync} ({@code off}, zonky's default; {@code on} as Purser's embedded server),
 * {@code bench.runs} (30), {@code bench.workDir}, {@code bench.keep} (leave files behind).
 */
public final class CostBenchmark {

    private static final String BARE_TABLE = """
            CREATE TABLE bench_bare_focus (
                billing_account_id text, billing_account_name text,
                billing_period_start timestamptz, billing_period_end timestamptz,
                charge_period_start timestamptz, charge_period_end timestamptz,
                charge_category text, charge_class text, charge_description text,
                billed_cost numeric, effective_cost numeric, list_cost numeric, contracted_cost numeric,
                billing_currency char(3), provider_name text, publisher_name text, invoice_issuer_name text,
                service_name text, service_category text, resource_id text, resource_name text,
                resource_type text, region_id text, region_name text, availability_zone text,
                sub_account_id text, sub_account_name text, sku_id text, pricing_quantity numeric,
                pricing_unit text, consumed_quantity numeric, consumed_unit text,
                commitment_discount_id text, tags jsonb)""";

    private CostBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        long rows = Long.getLong("bench.rows", 10_000_000L);
        int days = Integer.getInteger("bench.days", 92);
        int runs = Math.max(30, Integer.getInteger("bench.runs", 30));
        boolean keep = Boolean.getBoolean("bench.keep");
        Path work = Files.createTempDirectory(workDir(), "cost-");
        List<String> summary = new ArrayList<>();
        summary.add("load average at the start (1, 5, 15 min): " + loadAverage() + "; "
                + Runtime.getRuntime().availableProcessors() + " cores");
        try {
            run(work, rows, days, runs, summary);
        } finally {
            if (!keep) {
                deleteTree(work);
            }
        }
        summary.add("load average at the end (1, 5, 15 min): " + loadAverage());
        System.out.println();
        System.out.println("== cost benchmark (issues 3 and 10) ==");
        summary.forEach(System.out::println);
    }

    private static void run(Path work, long rows, int days, int runs, List<String> summary) throws Exception {
        Path csv = work.resolve("bench.focus.csv");
        System.out.printf(Locale.ROOT, "generating %,d FOCUS rows over %d days into %s ...%n", rows, days, csv);
        FocusRows.Written file = FocusRows.write(csv, rows, days);
        summary.add(String.format(Locale.ROOT, "file: %,d rows, %,d resources, %s..%s, %.1f MiB, written in %.1f s",
                file.rows(), file.resources(), file.firstDay(), file.lastDay(), file.bytes() / 1048576.0,
                file.seconds()));
        System.out.println(summary.get(summary.size() - 1));

        PgPart pgPart;
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder()
                .setDataDirectory(work.resolve("pg"))
                .setCleanDataDirectory(true)
                .setServerConfig("max_connections", "50")
                // as Purser's embedded server runs (EmbeddedServer); the bare COPY runs on it too
                .setServerConfig("wal_level", "minimal")
                .setServerConfig("max_wal_senders", "0")
                // zonky's default is off; -Dbench.pgFsync=on runs as Purser's embedded server does
                .setServerConfig("fsync", System.getProperty("bench.pgFsync", "off"))
                .start();
             PurserDatabase db = PurserDatabase.forDataSource(pg.getPostgresDatabase())) {
            summary.add("postgres: " + settings(pg));
            System.out.println(summary.get(summary.size() - 1));

            // Bare COPY, Purser's import, bare COPY again: on a shared machine the two COPY
            // figures show how much the load moved while the import ran. A checkpoint before
            // each load, so none pays for another's dirty pages.
            var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            Path pgDir = work.resolve("pg");
            Load copyBefore = bareCopy(pg, pgDir, csv);
            double copySeconds = copyBefore.seconds();
            FocusImporter importer = new FocusImporter(new JdbcCostSink(db.dataSource()), Clock.systemUTC());
            checkpoint(pg);
            long cpu0 = os.getProcessCpuTime();
            double server0 = serverCpuSeconds(pgDir);
            long t0 = System.nanoTime();
            ImportResult imported = importer.importFile(csv, ImportOptions.STRICT);
            double importSeconds = (System.nanoTime() - t0) / 1e9;
            double importCpu = (os.getProcessCpuTime() - cpu0) / 1e9;
            double importServerCpu = serverCpuSeconds(pgDir) - server0;
            if (imported.rows() != rows) {
                throw new IllegalStateException("imported " + imported.rows() + " rows, expected " + rows);
            }
            Load copyAfter = bareCopy(pg, pgDir, csv);
            double copyAgainSeconds = copyAfter.seconds();
            // the same COPY into a table created in its own transaction: no WAL, the way the
            // import's streams load, so the ratio to it shows what the import costs beyond COPY
            Load copyNoWal = bareCopyNoWal(pg, pgDir, csv);
            double copyBest = Math.min(copySeconds, copyAgainSeconds);
            summary.add(String.format(Locale.ROOT,
                    "bare COPY (typed columns, no index), before:  %,.0f rows/s (%.1f s; %.1f s CPU in PostgreSQL)",
                    rows / copySeconds, copySeconds, copyBefore.serverCpu()));
            summary.add(String.format(Locale.ROOT,
                    "Purser FocusImporter.importFile:              %,.0f rows/s (%.1f s; %.1f s CPU in this JVM,"
                            + " %.1f s in PostgreSQL)",
                    rows / importSeconds, importSeconds, importCpu, importServerCpu));
            summary.add(String.format(Locale.ROOT,
                    "bare COPY again, after the import:            %,.0f rows/s (%.1f s; %.1f s CPU in PostgreSQL)",
                    rows / copyAgainSeconds, copyAgainSeconds, copyAfter.serverCpu()));
            summary.add(String.format(Locale.ROOT,
                    "bare COPY into a table made in its transaction: %,.0f rows/s (%.1f s; %.1f s CPU in PostgreSQL;"
                            + " no WAL at wal_level=minimal)",
                    rows / copyNoWal.seconds(), copyNoWal.seconds(), copyNoWal.serverCpu()));
            summary.add(String.format(Locale.ROOT,
                    "import / bare COPY time: %.2fx against the faster COPY, %.2fx against the slower (target <= 1.0x);"
                            + " %.2fx against the COPY without WAL",
                    importSeconds / copyBest, importSeconds / Math.max(copySeconds, copyAgainSeconds),
                    importSeconds / copyNoWal.seconds()));
            summary.add(String.format(Locale.ROOT, "cost_daily rollup rows: %,d; cost_monthly rollup rows: %,d;"
                    + " cost_line_item rows: %,d in %d leaves", count(pg, "cost_daily"), count(pg, "cost_monthly"),
                    count(pg, "cost_line_item"), count(pg, "pg_class WHERE relname ~ '^cost_line_item_p[0-9]{6}_i[0-9]+(_s[0-9]+)?$'"
                            + " AND relkind = 'r' AND relispartition")));
            for (int i = summary.size() - 6; i < summary.size(); i++) {
                System.out.println(summary.get(i));
            }
            try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
                s.execute("DROP TABLE bench_bare_focus");
            }

            Period ninety = Period.ofDays(FocusRows.LAST_DAY.minusDays(89), FocusRows.LAST_DAY, ZoneOffset.UTC);
            JdbcCostQueries costs = new JdbcCostQueries(db.dataSource());
            BreakdownRequest byService = new BreakdownRequest(ninety, Dimension.SERVICE, 10, CostMetric.BILLED,
                    CostFilter.NONE);
            Clock clock = Clock.fixed(FocusRows.LAST_DAY.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant(),
                    ZoneOffset.UTC);
            CommandDispatcher dispatcher = new CommandDispatcher(PurserCommands.registry(costs, Map.of(),
                    new PeriodParser(clock, ZoneOffset.UTC), new PathPolicy(List.of(work))));
            Principal shell = Principal.localShell("bench");
            JsonRenderer json = new JsonRenderer();
            String range = ninety.start() + ".." + ninety.lastDay();

            List<Latencies> table = new ArrayList<>();
            CostBreakdown answer = costs.breakdown(byService);
            BigDecimal purserTotal = answer.sections().get(0).total().amount();
            table.add(time("JdbcCostQueries.breakdown by service, 90 d", runs, () -> costs.breakdown(byService)));
            table.add(time("dispatcher 'cost " + range + " --by service' + JSON", runs, () -> {
                Reply reply = dispatcher.run(shell, "bench", "cost " + range + " --by service");
                if (reply.isError()) {
                    throw new IllegalStateException(reply.error().message());
                }
                return json.render(reply);
            }));
            table.add(time("JdbcCostQueries.daily by service, 90 d (trend)", runs, () -> {
                DailySeries series = costs.daily(byService);
                return series.sections().size();
            }));
            if (dispatcher.registry().find("trend").isPresent()) {
                table.add(time("dispatcher 'trend " + range + " --by service' + JSON", runs, () -> {
                    Reply reply = dispatcher.run(shell, "bench", "trend " + range + " --by service");
                    if (reply.isError()) {
                        throw new IllegalStateException(reply.error().message());
                    }
                    return json.render(reply);
                }));
            } else {
                summary.add("(no 'trend' command is registered yet: trend measured through CostQueries.daily only)");
            }
            pgPart = new PgPart(table, purserTotal, ninety);
        }
        // PostgreSQL is stopped before DuckDB loads, so the two never share the cores.
        DuckResult duck = duckDb(csv, pgPart.ninety(), runs);
        List<Latencies> table = new ArrayList<>(pgPart.table());
        table.add(duck.latencies());
        summary.add(String.format(Locale.ROOT, "duckdb %s: CREATE TABLE AS read_csv_auto in %.1f s; BilledCost"
                + " read as %s; 90-day total %s vs Purser %s", duck.version(), duck.loadSeconds(),
                duck.billedType(), duck.total(), pgPart.purserTotal().toPlainString()));
        summary.add("");
        summary.add(Latencies.header());
        for (Latencies l : table) {
            summary.add(l.row());
        }
        Latencies breakdown = pgPart.table().get(0);
        summary.add(String.format(Locale.ROOT, "breakdown vs DuckDB: p50 %.1fx, p95 %.1fx faster",
                duck.latencies().percentileMillis(50) / breakdown.percentileMillis(50),
                duck.latencies().percentileMillis(95) / breakdown.percentileMillis(95)));
        summary.add("targets: breakdown p95 <= 50 ms (no answer cache on this path) and at least 3x faster than"
                + " DuckDB's in-memory group-by");
    }

    private record PgPart(List<Latencies> table, BigDecimal purserTotal, Period ninety) {
    }

    /** One load's wall time, and the CPU time PostgreSQL's processes spent meanwhile. */
    private record Load(double seconds, double serverCpu) {
    }

    private static Load bareCopyNoWal(EmbeddedPostgres pg, Path pgDir, Path csv) throws SQLException, IOException {
        try (Connection c = pg.getPostgresDatabase().getConnection()) {
            try (Statement s = c.createStatement()) {
                s.execute("DROP TABLE IF EXISTS bench_bare_focus");
                s.execute("CHECKPOINT");
            }
            double server0 = serverCpuSeconds(pgDir);
            long t0 = System.nanoTime();
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.execute(BARE_TABLE);
            }
            try (InputStream in = Files.newInputStream(csv)) {
                c.unwrap(PGConnection.class).getCopyAPI()
                        .copyIn("COPY bench_bare_focus FROM STDIN (FORMAT csv, HEADER)", in, 1 << 16);
            }
            c.commit();
            return new Load((System.nanoTime() - t0) / 1e9, serverCpuSeconds(pgDir) - server0);
        }
    }

    private static Load bareCopy(EmbeddedPostgres pg, Path pgDir, Path csv) throws SQLException, IOException {
        try (Connection c = pg.getPostgresDatabase().getConnection()) {
            try (Statement s = c.createStatement()) {
                s.execute("DROP TABLE IF EXISTS bench_bare_focus");
                s.execute(BARE_TABLE);
                s.execute("CHECKPOINT");
            }
            double server0 = serverCpuSeconds(pgDir);
            long t0 = System.nanoTime();
            try (InputStream in = Files.newInputStream(csv)) {
                c.unwrap(PGConnection.class).getCopyAPI()
                        .copyIn("COPY bench_bare_focus FROM STDIN (FORMAT csv, HEADER)", in, 1 << 16);
            }
            return new Load((System.nanoTime() - t0) / 1e9, serverCpuSeconds(pgDir) - server0);
        }
    }

    private record DuckResult(Latencies latencies, double loadSeconds, String version, String billedType,
            String total) {
    }

    private static DuckResult duckDb(Path csv, Period period, int runs) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement()) {
            String version;
            try (ResultSet r = s.executeQuery("SELECT version()")) {
                r.next();
                version = r.getString(1);
            }
            long t0 = System.nanoTime();
            s.execute("CREATE TABLE focus AS SELECT * FROM read_csv_auto('" + csv.toAbsolutePath() + "')");
            double load = (System.nanoTime() - t0) / 1e9;
            String billedType = "?";
            try (ResultSet r = s.executeQuery("SELECT column_type FROM (DESCRIBE focus) WHERE column_name = 'BilledCost'")) {
                if (r.next()) {
                    billedType = r.getString(1);
                }
            }
            String query = "SELECT BillingCurrency, ServiceName, sum(BilledCost) AS cost FROM focus"
                    + " WHERE ChargePeriodStart >= TIMESTAMPTZ '" + period.startInstant() + "'"
                    + " AND ChargePeriodStart < TIMESTAMPTZ '" + period.endInstant() + "'"
                    + " GROUP BY BillingCurrency, ServiceName ORDER BY cost DESC";
            Latencies l = time("duckdb in-memory GROUP BY service, 90 d", runs, () -> {
                try (ResultSet r = s.executeQuery(query)) {
                    int n = 0;
                    while (r.next()) {
                        n++;
                    }
                    return n;
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
            String total;
            try (ResultSet r = s.executeQuery("SELECT sum(cost) FROM (" + query + ")")) {
                r.next();
                total = r.getString(1);
            }
            return new DuckResult(l, load, version, billedType, total);
        }
    }

    /** Five untimed warm-up calls, then {@code runs} timed ones. */
    static Latencies time(String name, int runs, Supplier<Object> op) {
        Object sink = null;
        for (int i = 0; i < 5; i++) {
            sink = op.get();
        }
        Latencies l = new Latencies(name);
        for (int i = 0; i < runs; i++) {
            long t0 = System.nanoTime();
            sink = op.get();
            l.add(System.nanoTime() - t0);
        }
        if (sink == null) {
            throw new IllegalStateException(name + " returned nothing");
        }
        System.out.println(l.row());
        return l;
    }

    private static String settings(EmbeddedPostgres pg) throws SQLException {
        StringBuilder b = new StringBuilder();
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT name, setting, unit FROM pg_settings WHERE name IN"
                     + " ('server_version', 'shared_buffers', 'max_wal_size', 'synchronous_commit', 'fsync',"
                     + " 'wal_level', 'work_mem', 'max_parallel_workers_per_gather') ORDER BY name")) {
            while (r.next()) {
                if (b.length() > 0) {
                    b.append(", ");
                }
                b.append(r.getString(1)).append('=').append(r.getString(2));
                if (r.getString(3) != null) {
                    b.append(' ').append(r.getString(3));
                }
            }
        }
        return b.toString();
    }

    /**
     * CPU seconds (user + system) spent so far by the embedded server: the postmaster and its
     * children, with the children that exited (their time is added to the postmaster's when it
     * reaps them). A figure the machine's other load does not inflate. Linux only; NaN elsewhere.
     */
    static double serverCpuSeconds(Path pgDir) {
        try {
            long postmaster = Long.parseLong(Files.readAllLines(pgDir.resolve("postmaster.pid")).get(0).trim());
            long ticks = 0;
            try (var procs = Files.list(Path.of("/proc"))) {
                for (Path p : procs.filter(x -> x.getFileName().toString().chars().allMatch(Character::isDigit)).toList()) {
                    String[] f;
                    try {
                        String stat = Files.readString(p.resolve("stat"));
                        f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    } catch (IOException gone) {
                        continue;
                    }
                    long pid = Long.parseLong(p.getFileName().toString());
                    long ppid = Long.parseLong(f[1]);
                    if (pid == postmaster || ppid == postmaster) {
                        // fields 14-17 of stat: utime, stime, cutime, cstime (f[0] is field 3)
                        ticks += Long.parseLong(f[11]) + Long.parseLong(f[12]) + Long.parseLong(f[13])
                                + Long.parseLong(f[14]);
                    }
                }
            }
            return ticks / 100.0; // USER_HZ, 100 on Linux
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    /** The 1, 5 and 15 minute load averages of the machine (the uptime figures). */
    static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + ", " + f[1] + ", " + f[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private static void checkpoint(EmbeddedPostgres pg) throws SQLException {
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CHECKPOINT");
        }
    }

    private static long count(EmbeddedPostgres pg, String table) throws SQLException {
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT count(*) FROM " + table)) {
            r.next();
            return r.getLong(1);
        }
    }

    static Path workDir() throws IOException {
        Path dir = Path.of(System.getProperty("bench.workDir", System.getProperty("java.io.tmpdir")));
        Files.createDirectories(dir);
        return dir;
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (var paths = Files.walk(root)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
