package dev.purser.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.purser.core.ingest.CostBatch;
import dev.purser.core.ingest.DayRange;
import dev.purser.core.model.CostLineItem;
import dev.purser.core.testing.TestDatabase;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Line items partitioned by billing month and loaded over parallel COPY streams (V14,
 * {@link CostLoad}, {@link LineItemStreams}): every row lands once, a re-import replaces through
 * the earlier import's leaf, a failed or killed import leaves nothing any query sees, and
 * concurrent imports into months that do not exist yet both land.
 */
class PartitionedLoadTest {

    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
    /** Three streams from the first 512-character buffer on: many buffers, every stream busy. */
    private static final LineItemStreams.Tuning PARALLEL = new LineItemStreams.Tuning(3, 512, 0);
    private static final String[] SERVICES = {"Droplets", "Volumes", "Spaces", "Load Balancers"};

    private static String url;
    private static PurserDatabase db;
    private static DataSource ds;

    @BeforeAll
    static void start() {
        url = TestDatabase.freshJdbcUrl();
        db = PurserDatabase.forDataSource(dataSource(url, "purser-test"));
        ds = db.dataSource();
    }

    @AfterAll
    static void stop() {
        db.close();
    }

    @BeforeEach
    void clear() throws SQLException {
        // every month partition goes, with its leaves, so each test sees only its own
        execute("""
                DO $$
                DECLARE r record;
                BEGIN
                    FOR r IN SELECT relname FROM pg_class WHERE relname ~ '^cost_line_item_p[0-9]{6}(_i[0-9]+(_s[0-9]+)?)?$'
                             AND NOT relispartition OR relname ~ '^cost_line_item_p[0-9]{6}$' LOOP
                        EXECUTE format('DROP TABLE IF EXISTS %I', r.relname);
                    END LOOP;
                END $$""");
        execute("TRUNCATE cost_line_item, cost_daily, cost_monthly, cost_import_coverage, cost_import");
    }

    @Test
    void parallelStreams_landEveryRowOnce_andBothRollupsAgreeWithTheLineItemsToTheCent() throws SQLException {
        List<CostLineItem> rows = rows("acct-1", LocalDate.of(2026, 8, 15), LocalDate.of(2026, 10, 20), 7);
        BigDecimal expected = rows.stream().map(CostLineItem::billedCost).reduce(BigDecimal.ZERO, BigDecimal::add);

        CostBatch.Landed landed = land(CostLoad.begin(ds, "focus", "bill.csv", NOW, PARALLEL), rows);

        assertThat(landed.rows()).isEqualTo(rows.size());
        assertThat(number("SELECT count(*) FROM cost_line_item")).isEqualByComparingTo(String.valueOf(rows.size()));
        assertThat(number("SELECT sum(billed_cost) FROM cost_line_item")).isEqualByComparingTo(expected);
        assertThat(number("SELECT sum(billed) FROM cost_daily")).isEqualByComparingTo(expected);
        assertThat(number("SELECT sum(billed) FROM cost_monthly")).isEqualByComparingTo(expected);
        assertThat(number("SELECT sum(row_count) FROM cost_monthly")).isEqualByComparingTo(String.valueOf(rows.size()));
        // per month and service, the monthly rollup is the daily one summed
        assertThat(number("SELECT count(*) FROM (SELECT date_trunc('month', day)::date AS m, service_name, sum(billed) AS b"
                + " FROM cost_daily GROUP BY 1, 2) d FULL JOIN (SELECT month AS m, service_name, sum(billed) AS b"
                + " FROM cost_monthly GROUP BY 1, 2) m USING (m, service_name) WHERE d.b IS DISTINCT FROM m.b"))
                .isZero();
        assertThat(leaves()).containsExactly(
                "cost_line_item_p202608_i" + landed.importId() + " attached",
                "cost_line_item_p202609_i" + landed.importId() + " attached",
                "cost_line_item_p202610_i" + landed.importId() + " attached");
        // one leaf per stream and month, each attached with the index its stream built
        assertThat(number("SELECT count(DISTINCT load_stream) FROM cost_line_item_p202609_i" + landed.importId()))
                .isEqualByComparingTo("3");
        assertThat(number("SELECT count(*) FROM pg_inherits i JOIN pg_class p ON p.oid = i.inhparent"
                + " JOIN pg_class c ON c.oid = i.inhrelid WHERE p.relname = 'cost_line_item_p202609_i"
                + landed.importId() + "' AND c.relname ~ '_s[0-9]+$' AND c.relkind = 'r'")).isEqualByComparingTo("3");
        assertThat(number("SELECT count(*) FROM pg_index x JOIN pg_class c ON c.oid = x.indrelid"
                + " WHERE c.relname ~ '^cost_line_item_p[0-9]{6}_i" + landed.importId() + "_s[0-9]+$'"
                + " AND NOT (x.indisvalid AND EXISTS (SELECT 1 FROM pg_inherits h WHERE h.inhrelid = x.indexrelid))"))
                .as("a stream leaf whose index is not the partitioned index's").isZero();
        assertThat(unattached()).isEmpty();
    }

    @Test
    void reimportOfAMonth_dropsTheEarlierLeaf_andLeavesTheOtherMonthsLeafAlone() throws SQLException {
        List<CostLineItem> augSep = rows("acct-1", LocalDate.of(2026, 8, 20), LocalDate.of(2026, 9, 10), 3);
        CostBatch.Landed first = land(CostLoad.begin(ds, "focus", "aug-sep.csv", NOW, PARALLEL), augSep);
        long septemberRows = augSep.stream().filter(r -> r.billingPeriodStart().toString().startsWith("2026-09")).count();

        List<CostLineItem> sep = rows("acct-1", LocalDate.of(2026, 9, 1), LocalDate.of(2026, 9, 30), 2);
        CostBatch.Landed again = land(CostLoad.begin(ds, "focus", "sep.csv", NOW, PARALLEL), sep);

        assertThat(again.replacedRows()).isEqualTo(septemberRows);
        assertThat(leaves()).containsExactly(
                "cost_line_item_p202608_i" + first.importId() + " attached",
                "cost_line_item_p202609_i" + again.importId() + " attached");
        BigDecimal expected = sum(sep).add(sum(augSep.stream()
                .filter(r -> r.billingPeriodStart().toString().startsWith("2026-08")).toList()));
        assertThat(number("SELECT sum(billed_cost) FROM cost_line_item")).isEqualByComparingTo(expected);
        assertThat(number("SELECT sum(billed) FROM cost_daily")).isEqualByComparingTo(expected);
        assertThat(number("SELECT sum(billed) FROM cost_monthly")).isEqualByComparingTo(expected);
    }

    @Test
    void reimportOfOneOfTwoAccounts_deletesOnlyItsRows_fromThatOneLeaf() throws SQLException {
        List<CostLineItem> both = new ArrayList<>(rows("acct-1", LocalDate.of(2026, 10, 1), LocalDate.of(2026, 10, 5), 2));
        both.addAll(rows("acct-2", LocalDate.of(2026, 10, 1), LocalDate.of(2026, 10, 5), 2));
        CostBatch.Landed first = land(CostLoad.begin(ds, "focus", "both.csv", NOW, PARALLEL), both);

        List<CostLineItem> one = rows("acct-1", LocalDate.of(2026, 10, 2), LocalDate.of(2026, 10, 3), 1);
        CostBatch.Landed again = land(CostLoad.begin(ds, "focus", "acct-1.csv", NOW, PARALLEL), one);

        assertThat(again.replacedRows()).isEqualTo(both.size() / 2);
        assertThat(leaves()).containsExactly(
                "cost_line_item_p202610_i" + first.importId() + " attached",
                "cost_line_item_p202610_i" + again.importId() + " attached");
        assertThat(number("SELECT count(*) FROM cost_line_item_p202610_i" + first.importId()
                + " WHERE billing_account_id = 'acct-1'")).isZero();
        BigDecimal expected = sum(one).add(sum(both.subList(both.size() / 2, both.size())));
        assertThat(number("SELECT sum(billed_cost) FROM cost_line_item")).isEqualByComparingTo(expected);
        assertThat(number("SELECT sum(billed) FROM cost_monthly")).isEqualByComparingTo(expected);
    }

    @Test
    void dayRangePulls_replaceEachOther_andAnEmptiedLeafGoes() throws SQLException {
        DayRange first = new DayRange(Set.of("acct-1"), LocalDate.of(2026, 10, 1), LocalDate.of(2026, 10, 10));
        CostBatch.Landed a = land(CostLoad.beginDays(ds, "aws-ce", "pull-1", NOW, first, PARALLEL),
                rows("acct-1", LocalDate.of(2026, 10, 1), LocalDate.of(2026, 10, 10), 1));
        DayRange wider = new DayRange(Set.of("acct-1"), LocalDate.of(2026, 10, 1), LocalDate.of(2026, 10, 12));
        List<CostLineItem> second = rows("acct-1", LocalDate.of(2026, 10, 1), LocalDate.of(2026, 10, 12), 1);
        CostBatch.Landed b = land(CostLoad.beginDays(ds, "aws-ce", "pull-2", NOW, wider, PARALLEL), second);

        assertThat(b.replacedRows()).isEqualTo(10);
        assertThat(leaves()).containsExactly("cost_line_item_p202610_i" + b.importId() + " attached");
        assertThat(number("SELECT count(*) FROM cost_monthly WHERE import_id = " + a.importId())).isZero();
        assertThat(number("SELECT sum(billed) FROM cost_monthly")).isEqualByComparingTo(sum(second));
    }

    @Test
    void failureAfterTheExtraStreamsCommitted_leavesNoRowAndNoLeaf() throws SQLException {
        land(CostLoad.begin(ds, "focus", "before.csv", NOW), rows("acct-9", LocalDate.of(2026, 7, 1), LocalDate.of(2026, 7, 3), 1));
        List<String> before = leaves();
        BigDecimal total = number("SELECT sum(billed_cost) FROM cost_line_item");
        DayRange range = new DayRange(Set.of("acct-1"), LocalDate.of(2026, 8, 1), LocalDate.of(2026, 10, 31));
        List<CostLineItem> rows = new ArrayList<>(rows("acct-1", LocalDate.of(2026, 8, 1), LocalDate.of(2026, 10, 31), 5));
        rows.add(Rows.charge("acct-1", LocalDate.of(2026, 11, 2), "1.00"));

        assertThatThrownBy(() -> land(CostLoad.beginDays(ds, "aws-ce", "pull", NOW, range, PARALLEL), rows))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("outside this load's identity");

        assertThat(leaves()).isEqualTo(before);
        assertThat(unattached()).isEmpty();
        assertThat(number("SELECT sum(billed_cost) FROM cost_line_item")).isEqualByComparingTo(total);
        assertThat(number("SELECT count(*) FROM cost_import WHERE source = 'aws-ce'")).isZero();
    }

    @Test
    void killedImport_leavesNoRow_andLeavesItsStreamsCommittedAreSweptByTheNextImport() throws Exception {
        PGSimpleDataSource doomed = dataSource(url, "purser-doomed");
        CostLoad load = CostLoad.begin(doomed, "focus", "doomed.csv", NOW, PARALLEL);
        // what a process killed after its extra streams committed, before it attached them, leaves
        execute("SELECT purser_cost_stream_table(987654, DATE '2026-08-01', 1)");
        rows("acct-1", LocalDate.of(2026, 8, 1), LocalDate.of(2026, 9, 30), 5).forEach(load::add);
        // Let the streams write, then kill every connection of that "process" at once.
        Thread.sleep(300);
        execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'purser-doomed'");
        waitUntilNoBackend("purser-doomed");

        assertThat(leaves()).isEmpty();
        assertThat(unattached()).containsExactly("cost_line_item_p202608_i987654_s1");
        assertThat(number("SELECT count(*) FROM cost_line_item")).isZero();
        assertThat(number("SELECT count(*) FROM cost_import")).isZero();

        CostBatch.Landed next = land(CostLoad.begin(ds, "focus", "next.csv", NOW),
                rows("acct-1", LocalDate.of(2026, 8, 1), LocalDate.of(2026, 8, 2), 1));

        assertThat(leaves()).containsExactly("cost_line_item_p202608_i" + next.importId() + " attached");
        assertThat(unattached()).isEmpty();
        try {
            load.close();
        } catch (RuntimeException expected) {
            // its connections are gone; what matters is what the database holds
        }
    }

    @Test
    void concurrentImportsOfDifferentFiles_intoMonthsThatDoNotExistYet_bothLand() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 3; round++) {
                LocalDate from = LocalDate.of(2024, 1 + 3 * round, 10);
                LocalDate to = from.plusMonths(2);
                CyclicBarrier beforeCommit = new CyclicBarrier(2);
                List<Future<CostBatch.Landed>> landed = new ArrayList<>();
                List<BigDecimal> expected = new ArrayList<>();
                for (String source : new String[] {"focus", "cur"}) {
                    List<CostLineItem> rows = rows("acct-" + source, from, to, 2);
                    expected.add(sum(rows));
                    landed.add(pool.submit(() -> {
                        try (CostLoad load = CostLoad.begin(ds, source, source + ".csv", NOW, PARALLEL)) {
                            rows.forEach(load::add);
                            beforeCommit.await(30, TimeUnit.SECONDS);
                            return load.commit(null, 0, List.of());
                        }
                    }));
                }
                for (Future<CostBatch.Landed> f : landed) {
                    assertThat(f.get(60, TimeUnit.SECONDS).rows()).isPositive();
                }
                assertThat(number("SELECT sum(billed_cost) FROM cost_line_item WHERE source = 'focus'"
                        + " AND billing_period_start >= '" + from.withDayOfMonth(1) + "' AND billing_period_start < '"
                        + to.withDayOfMonth(1).plusMonths(1) + "'")).isEqualByComparingTo(expected.get(0));
                assertThat(number("SELECT sum(billed_cost) FROM cost_line_item WHERE source = 'cur'"
                        + " AND billing_period_start >= '" + from.withDayOfMonth(1) + "' AND billing_period_start < '"
                        + to.withDayOfMonth(1).plusMonths(1) + "'")).isEqualByComparingTo(expected.get(1));
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(leaves()).hasSize(2 * 9).allMatch(l -> l.endsWith(" attached"));
    }

    @Test
    void everyMonthPartitionAndLeaf_movesTheDataGeneration() throws SQLException {
        land(CostLoad.begin(ds, "focus", "bill.csv", NOW, PARALLEL),
                rows("acct-1", LocalDate.of(2026, 5, 30), LocalDate.of(2026, 6, 2), 2));

        assertThat(number("""
                SELECT count(*) FROM pg_tables t
                WHERE t.schemaname = current_schema() AND t.tablename LIKE 'cost%'
                  AND NOT EXISTS (SELECT 1 FROM pg_trigger g JOIN pg_class k ON k.oid = g.tgrelid
                                  WHERE k.relname = t.tablename AND g.tgfoid = 'purser_note_data_change'::regproc)""")).isZero();
        long before = new DataGeneration(ds).getAsLong();
        land(CostLoad.begin(ds, "focus", "bill.csv", NOW, PARALLEL),
                rows("acct-1", LocalDate.of(2026, 5, 30), LocalDate.of(2026, 6, 2), 1));
        assertThat(new DataGeneration(ds).getAsLong()).isGreaterThan(before);
    }

    // ---------------------------------------------------------------------------------------

    /** {@code perDay} rows a day per service, with amounts that do not round to whole cents. */
    static List<CostLineItem> rows(String account, LocalDate first, LocalDate last, int perDay) {
        List<CostLineItem> rows = new ArrayList<>();
        int n = 0;
        for (LocalDate d = first; !d.isAfter(last); d = d.plusDays(1)) {
            for (int i = 0; i < perDay; i++) {
                String service = SERVICES[n % SERVICES.length];
                String billed = new BigDecimal(1_000_000 + (n * 7_919L) % 3_000_000).movePointLeft(6).toPlainString();
                rows.add(Rows.charge(account, d, service, billed, billed, Map.of("env", n % 3 == 0 ? "prod" : "dev"),
                        Map.of()));
                n++;
            }
        }
        return rows;
    }

    private static BigDecimal sum(List<CostLineItem> rows) {
        return rows.stream().map(CostLineItem::billedCost).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    private static CostBatch.Landed land(CostLoad load, List<CostLineItem> rows) {
        try (load) {
            rows.forEach(load::add);
            return load.commit(null, 0, List.of());
        }
    }

    /** Leaves and import tables that no query can see: left by a failed or killed import. */
    private static List<String> unattached() throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT relname FROM pg_class WHERE relkind IN ('r', 'p') AND NOT relispartition"
                        + " AND relname ~ '^cost_line_item_p[0-9]{6}_i[0-9]+(_s[0-9]+)?$' ORDER BY 1");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    /** Each import's table of one month (its leaf, or the parent of its stream leaves), "attached" or "unattached". */
    private static List<String> leaves() throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT relname, relispartition FROM pg_class WHERE relkind IN ('r', 'p')"
                        + " AND relname ~ '^cost_line_item_p[0-9]{6}_i[0-9]+$' ORDER BY 1");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(rs.getString(1) + (rs.getBoolean(2) ? " attached" : " unattached"));
            }
        }
        return out;
    }

    private static BigDecimal number(String sql) throws SQLException {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql);
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            BigDecimal v = rs.getBigDecimal(1);
            return v == null ? BigDecimal.ZERO : v;
        }
    }

    private static void execute(String sql) throws SQLException {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.execute();
        }
    }

    private static void waitUntilNoBackend(String application) throws Exception {
        for (int i = 0; i < 100; i++) {
            if (number("SELECT count(*) FROM pg_stat_activity WHERE application_name = '" + application + "'").signum() == 0) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("backends of " + application + " still alive");
    }

    private static PGSimpleDataSource dataSource(String jdbcUrl, String application) {
        PGSimpleDataSource source = new PGSimpleDataSource();
        source.setURL(jdbcUrl);
        source.setUser("postgres");
        source.setApplicationName(application);
        return source;
    }
}
