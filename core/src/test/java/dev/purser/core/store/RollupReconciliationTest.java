package dev.purser.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.purser.core.analysis.costs.BreakdownRequest;
import dev.purser.core.analysis.costs.CostBreakdown;
import dev.purser.core.analysis.costs.CostFilter;
import dev.purser.core.analysis.costs.CostMetric;
import dev.purser.core.model.CostLineItem;
import dev.purser.core.model.Dimension;
import dev.purser.core.model.Period;
import dev.purser.core.testing.TestDatabase;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Breakdowns answered from whole months of {@code cost_monthly} plus (or minus) days of
 * {@code cost_daily} ({@link RollupPlan}) equal, to the cent and key by key, the sums of the line
 * items themselves, for periods that start and end inside months, share a month with their
 * previous period, or cover whole months.
 */
class RollupReconciliationTest {

    private static final LocalDate FIRST = LocalDate.of(2026, 6, 20);
    private static final LocalDate LAST = LocalDate.of(2026, 10, 10);
    private static final String[] SERVICES = {"Droplets", "Volumes", "Spaces", "Load Balancers", "Databases"};

    private static PurserDatabase db;
    private static JdbcCostQueries queries;

    @BeforeAll
    static void load() {
        db = TestDatabase.fresh();
        Random random = new Random(10);
        for (String account : new String[] {"acct-1", "acct-2"}) {
            List<CostLineItem> rows = new ArrayList<>();
            for (LocalDate d = FIRST; !d.isAfter(LAST); d = d.plusDays(1)) {
                for (String service : SERVICES) {
                    if (random.nextInt(7) == 0) {
                        continue; // some services skip some days
                    }
                    // six decimals, and now and then a credit
                    BigDecimal amount = BigDecimal.valueOf(random.nextInt(9_000_000) - 400_000, 6);
                    rows.add(Rows.charge(account, d, service, amount.toPlainString(), amount.toPlainString(),
                            Map.of("env", random.nextBoolean() ? "prod" : "dev"), Map.of()));
                }
            }
            try (CostLoad load = CostLoad.begin(db.dataSource(), "focus", account + ".csv",
                    Instant.parse("2026-11-23T10:00:00Z"), new LineItemStreams.Tuning(2, 4096, 0))) {
                rows.forEach(load::add);
                load.commit(null, 0, List.of());
            }
        }
        queries = new JdbcCostQueries(db.dataSource());
    }

    @AfterAll
    static void stop() {
        db.close();
    }

    static Stream<Arguments> periods() {
        return Stream.of(
                Arguments.of("2026-07-13", "2026-10-10"), // 90 days ending on the last day of data
                Arguments.of("2026-08-03", "2026-10-31"), // 90 days ending on a month's last day
                Arguments.of("2026-09-15", "2026-10-14"), // current and previous share September
                Arguments.of("2026-07-25", "2026-08-24"),
                Arguments.of("2026-09-01", "2026-09-30"), // a whole month
                Arguments.of("2026-08-31", "2026-08-31"), // one day
                Arguments.of("2026-06-02", "2026-09-29"), // starts before the data, ends a day short of a month
                Arguments.of("2026-06-01", "2026-10-31"));
    }

    @ParameterizedTest(name = "{0}..{1}")
    @MethodSource("periods")
    void byService_matchesTheLineItems_keyByKey_toTheCent(String first, String last) throws SQLException {
        Period period = Period.ofDays(LocalDate.parse(first), LocalDate.parse(last), ZoneOffset.UTC);
        check(period, Dimension.SERVICE, CostFilter.NONE, "service_name", "true");
    }

    @ParameterizedTest(name = "{0}..{1}")
    @MethodSource("periods")
    void byEnvForOneAccount_matchesTheLineItems_keyByKey_toTheCent(String first, String last) throws SQLException {
        Period period = Period.ofDays(LocalDate.parse(first), LocalDate.parse(last), ZoneOffset.UTC);
        check(period, Dimension.tag("env"), CostFilter.NONE.and(new Dimension(Dimension.Kind.BILLING_ACCOUNT, null), "acct-2"),
                "tags ->> 'env'", "billing_account_id = 'acct-2'");
    }

    @Test
    void plan_weighsEveryDayOfBothPeriodsOnce_andNoOtherDay() {
        Random random = new Random(3);
        for (int i = 0; i < 2_000; i++) {
            LocalDate start = LocalDate.of(2025, 1, 1).plusDays(random.nextInt(800));
            Period period = Period.ofDays(start, start.plusDays(random.nextInt(400)), ZoneOffset.UTC);
            Period previous = period.previous();
            RollupPlan plan = RollupPlan.of(period, previous);
            Stream.concat(plan.months().values().stream(), plan.days().values().stream()).forEach(w -> {
                for (int x : w) {
                    assertThat(x).as("weights the query sums as filtered rows").isBetween(-1, 1);
                }
            });
            Map<LocalDate, int[]> perDay = new TreeMap<>();
            plan.months().forEach((month, w) -> {
                for (LocalDate d = month; d.isBefore(month.plusMonths(1)); d = d.plusDays(1)) {
                    add(perDay, d, w);
                }
            });
            plan.days().forEach((day, w) -> add(perDay, day, w));
            for (LocalDate d = previous.start().minusDays(40); d.isBefore(period.endExclusive().plusDays(40));
                 d = d.plusDays(1)) {
                int[] w = perDay.getOrDefault(d, new int[2]);
                assertThat(w).as(period + " on " + d)
                        .containsExactly(period.contains(d) ? 1 : 0, previous.contains(d) ? 1 : 0);
            }
        }
    }

    @Test
    void plan_for90Days_readsWholeMonthsAndAFewDays() {
        RollupPlan plan = RollupPlan.of(Period.ofDays(LocalDate.of(2026, 8, 3), LocalDate.of(2026, 10, 31),
                ZoneOffset.UTC), Period.ofDays(LocalDate.of(2026, 5, 5), LocalDate.of(2026, 8, 2), ZoneOffset.UTC));

        assertThat(plan.months().keySet()).containsExactly(LocalDate.of(2026, 5, 1), LocalDate.of(2026, 6, 1),
                LocalDate.of(2026, 7, 1), LocalDate.of(2026, 8, 1), LocalDate.of(2026, 9, 1), LocalDate.of(2026, 10, 1));
        assertThat(plan.days()).hasSize(6); // May 1..4 out of the previous period, Aug 1..2 moved to it
    }

    private static void add(Map<LocalDate, int[]> perDay, LocalDate d, int[] w) {
        int[] sum = perDay.computeIfAbsent(d, x -> new int[2]);
        sum[0] += w[0];
        sum[1] += w[1];
    }

    private static void check(Period period, Dimension by, CostFilter filter, String keySql, String whereSql)
            throws SQLException {
        Period previous = period.previous();
        CostBreakdown answer = queries.breakdown(new BreakdownRequest(period, by, 1_000, CostMetric.BILLED, filter));

        Map<String, BigDecimal[]> expected = lineItems(period, previous, keySql, whereSql);
        Map<String, BigDecimal[]> actual = new TreeMap<>();
        BigDecimal total = BigDecimal.ZERO;
        BigDecimal previousTotal = BigDecimal.ZERO;
        long lineItems = 0;
        for (CostBreakdown.Section section : answer.sections()) {
            for (CostBreakdown.Row row : section.rows()) {
                actual.put(row.key(), new BigDecimal[] {row.amount().amount(), row.previousAmount().amount()});
            }
            total = total.add(section.total().amount());
            previousTotal = previousTotal.add(section.previousTotal().amount());
            lineItems += section.lineItems();
        }
        assertThat(actual.keySet()).as("keys").isEqualTo(expected.keySet());
        BigDecimal expectedTotal = BigDecimal.ZERO;
        BigDecimal expectedPrevious = BigDecimal.ZERO;
        for (Map.Entry<String, BigDecimal[]> e : expected.entrySet()) {
            BigDecimal[] a = actual.get(e.getKey());
            assertThat(a[0]).as(e.getKey() + " current").isEqualByComparingTo(e.getValue()[0]);
            assertThat(a[1]).as(e.getKey() + " previous").isEqualByComparingTo(e.getValue()[1]);
            expectedTotal = expectedTotal.add(e.getValue()[0]);
            expectedPrevious = expectedPrevious.add(e.getValue()[1]);
        }
        assertThat(total).isEqualByComparingTo(expectedTotal);
        assertThat(previousTotal).isEqualByComparingTo(expectedPrevious);
        assertThat(lineItems).isEqualTo(count(period, whereSql));
    }

    /** key → {current, previous} summed straight from the line items; keys with rows in either period. */
    private static Map<String, BigDecimal[]> lineItems(Period period, Period previous, String keySql, String whereSql)
            throws SQLException {
        Map<String, BigDecimal[]> out = new TreeMap<>();
        try (Connection c = db.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT coalesce(" + keySql + ", '(none)'),"
                        + " coalesce(sum(billed_cost) FILTER (WHERE charge_period_start >= ? AND charge_period_start < ?), 0),"
                        + " coalesce(sum(billed_cost) FILTER (WHERE charge_period_start >= ? AND charge_period_start < ?), 0)"
                        + " FROM cost_line_item WHERE " + whereSql
                        + " AND ((charge_period_start >= ? AND charge_period_start < ?)"
                        + " OR (charge_period_start >= ? AND charge_period_start < ?)) GROUP BY 1")) {
            int i = 1;
            for (int repeat = 0; repeat < 2; repeat++) {
                ps.setObject(i++, period.startInstant().atOffset(ZoneOffset.UTC));
                ps.setObject(i++, period.endInstant().atOffset(ZoneOffset.UTC));
                ps.setObject(i++, previous.startInstant().atOffset(ZoneOffset.UTC));
                ps.setObject(i++, previous.endInstant().atOffset(ZoneOffset.UTC));
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), new BigDecimal[] {rs.getBigDecimal(2), rs.getBigDecimal(3)});
                }
            }
        }
        return out;
    }

    private static long count(Period period, String whereSql) throws SQLException {
        try (Connection c = db.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT count(*) FROM cost_line_item WHERE " + whereSql
                        + " AND charge_period_start >= ? AND charge_period_start < ?")) {
            ps.setObject(1, period.startInstant().atOffset(ZoneOffset.UTC));
            ps.setObject(2, period.endInstant().atOffset(ZoneOffset.UTC));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
