package dev.purser.core.store;

import static dev.purser.core.store.CostColumns.allRolled;
import static dev.purser.core.store.CostColumns.appendFilters;
import static dev.purser.core.store.CostColumns.lineItemMetric;
import static dev.purser.core.store.CostColumns.rolled;
import static dev.purser.core.store.CostColumns.rolledMetric;

import dev.purser.core.analysis.costs.BreakdownRequest;
import dev.purser.core.analysis.costs.CostBreakdown;
import dev.purser.core.analysis.costs.CostFilter;
import dev.purser.core.analysis.costs.CostMetric;
import dev.purser.core.analysis.costs.CostMover;
import dev.purser.core.analysis.costs.CostQueries;
import dev.purser.core.analysis.costs.DailySeries;
import dev.purser.core.error.ErrorCode;
import dev.purser.core.error.PurserException;
import dev.purser.core.model.Dimension;
import dev.purser.core.model.Money;
import dev.purser.core.model.Period;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Arrays;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import javax.sql.DataSource;

/**
 * {@link CostQueries} over the cost store in PostgreSQL.
 *
 * <p>Where answers come from: the daily rollup {@code cost_daily} when the period is in UTC (its
 * days are UTC days) and both the grouping dimension and every filter are rolled up there
 * (service, service category, provider, account, sub-account, region, charge category, and the
 * {@code env} tag); otherwise {@code cost_line_item}, bounded by its {@code charge_period_start}
 * index. Both answer the same sums: the importer writes them in one transaction.
 *
 * <p>Exactness: sums are PostgreSQL {@code numeric} and stay {@link BigDecimal}; the "other"
 * row is the section total minus the rows shown, so rows always add up to the total.
 * Currencies are never added: each gets its own section.
 *
 * <p>Filters compare case-insensitively, so {@code service=droplets} finds "Droplets"; a filter
 * value {@code (none)} matches rows that leave the dimension empty. The billing account matches
 * its id or its name.
 */
public final class JdbcCostQueries implements CostQueries {

    /** Key of rows that leave the grouping dimension empty. */
    public static final String NONE = "(none)";
    /** Key of the row that folds everything below the top N. */
    public static final String OTHER = "other";


    private final DataSource dataSource;

    public JdbcCostQueries(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    @Override
    public CostBreakdown breakdown(BreakdownRequest request) {
        Period period = request.period();
        Period previous = period.previous();
        try (Connection c = connection()) {
            Map<Currency, List<Amounts>> byCurrency =
                    amounts(c, period, previous, request.by(), request.metric(), request.filter());
            List<CostBreakdown.Section> sections = new ArrayList<>();
            long listMissing = 0;
            boolean anyCurrent = false;
            for (Map.Entry<Currency, List<Amounts>> e : byCurrency.entrySet()) {
                sections.add(section(e.getKey(), e.getValue(), request.top()));
                for (Amounts a : e.getValue()) {
                    listMissing += a.listMissing;
                    anyCurrent |= a.rows > 0;
                }
            }
            List<String> gaps = gaps(c, period, previous, request.filter(), anyCurrent);
            if (request.metric() == CostMetric.LIST && listMissing > 0) {
                gaps.add(listMissing + " line items have no ListCost; they count as zero");
            }
            return new CostBreakdown(period, previous, request.by(), request.metric(), sections, gaps);
        } catch (SQLException e) {
            throw queryFailed(e);
        }
    }

    @Override
    public List<CostMover> topMovers(Period period, Dimension by, CostMetric metric, CostFilter filter, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1: " + limit);
        }
        try (Connection c = connection()) {
            Map<Currency, List<Amounts>> byCurrency = amounts(c, period, period.previous(), by, metric, filter);
            List<CostMover> movers = new ArrayList<>();
            for (Map.Entry<Currency, List<Amounts>> e : byCurrency.entrySet()) {
                Currency currency = e.getKey();
                e.getValue().stream()
                        .filter(a -> a.current.compareTo(a.previous) != 0)
                        .sorted(Comparator.comparing((Amounts a) -> a.current.subtract(a.previous).abs()).reversed()
                                .thenComparing(a -> a.key))
                        .limit(limit)
                        .forEach(a -> movers.add(new CostMover(a.key, new Money(a.previous, currency),
                                new Money(a.current, currency))));
            }
            return movers;
        } catch (SQLException e) {
            throw queryFailed(e);
        }
    }

    /**
     * One grouped query: from {@code cost_daily} when {@link #breakdown} would use it (its days are
     * UTC days), otherwise from line items, each counted on the day its charge period starts in the
     * period's zone, the same rule that puts it in or out of the period.
     */
    @Override
    public DailySeries daily(BreakdownRequest request) {
        Period period = request.period();
        boolean rolled = answerableFromRollup(period, request.by(), request.filter());
        Sql sql = new Sql();
        String key = rolled ? rolledColumn(request.by()) : lineItemColumn(request.by(), sql);
        String value = rolled ? rolledMetric(request.metric()) : lineItemMetric(request.metric());
        String time = rolled ? "day" : "charge_period_start";
        String listMissing = rolled ? "list_missing" : "CASE WHEN list_cost IS NULL THEN 1 ELSE 0 END";
        sql.text("SELECT billing_currency, ").text(key).text(" AS k, ");
        if (rolled) {
            sql.text("day");
        } else {
            localDay(sql, period.zone());
        }
        sql.text(" AS d, sum(").text(value).text("), sum(").text(listMissing).text(")");
        sql.text(" FROM ").text(rolled ? "cost_daily" : "cost_line_item").text(" WHERE ");
        sql.text(within(time)).bind(bound(period.start(), period, rolled)).bind(bound(period.endExclusive(), period, rolled));
        appendFilters(sql, request.filter(), rolled);
        sql.text(" GROUP BY 1, 2, 3");
        int days = (int) period.days();
        Map<Currency, Map<String, BigDecimal[]>> sums = new HashMap<>();
        long missing = 0;
        try (Connection c = connection()) {
            try (PreparedStatement ps = sql.prepare(c); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Currency currency = Currency.getInstance(rs.getString(1).trim());
                    String k = rs.getString(2);
                    int index = (int) (rs.getObject(3, LocalDate.class).toEpochDay() - period.start().toEpochDay());
                    BigDecimal[] daily = sums.computeIfAbsent(currency, x -> new HashMap<>())
                            .computeIfAbsent(k == null ? NONE : k, x -> zeros(days));
                    daily[index] = daily[index].add(zeroIfNull(rs.getBigDecimal(4)));
                    missing += rs.getLong(5);
                }
            }
            List<String> gaps = gaps(c, period, null, request.filter(), !sums.isEmpty());
            if (request.metric() == CostMetric.LIST && missing > 0) {
                gaps.add(missing + " line items have no ListCost; they count as zero");
            }
            return DailySeries.of(period, request.by(), request.metric(), request.top(), sums, gaps);
        } catch (SQLException e) {
            throw queryFailed(e);
        }
    }

    /** The calendar day, in {@code zone}, on which a line item's charge period starts. */
    private static void localDay(Sql sql, ZoneId zone) {
        if (zone.normalized() instanceof ZoneOffset offset) {
            // a fixed offset as an interval: PostgreSQL reads '+02:00' as a POSIX zone, west-positive
            sql.text("((charge_period_start AT TIME ZONE 'UTC') + ? * interval '1 second')::date")
                    .bind(offset.getTotalSeconds());
        } else {
            sql.text("(charge_period_start AT TIME ZONE ?)::date").bind(zone.getId());
        }
    }

    private static BigDecimal[] zeros(int days) {
        BigDecimal[] zeros = new BigDecimal[days];
        Arrays.fill(zeros, BigDecimal.ZERO);
        return zeros;
    }

    // ---------------------------------------------------------------------------------------

    /** Current and previous amounts per currency and key, currencies in code order. */
    private Map<Currency, List<Amounts>> amounts(Connection c, Period period, Period previous, Dimension by,
                                                 CostMetric metric, CostFilter filter) throws SQLException {
        Sql sql = answerableFromRollup(period, by, filter) && answerableFromRollup(previous, by, filter)
                ? fromRollups(period, previous, by, metric, filter)
                : fromLineItems(period, previous, by, metric, filter);
        Map<Currency, List<Amounts>> result = new TreeMap<>(Comparator.comparing(Currency::getCurrencyCode));
        try (PreparedStatement ps = sql.prepare(c); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                Currency currency = Currency.getInstance(rs.getString(1).trim());
                String k = rs.getString(2);
                Amounts a = new Amounts(k == null ? NONE : k, zeroIfNull(rs.getBigDecimal(3)),
                        zeroIfNull(rs.getBigDecimal(4)), rs.getLong(5), rs.getLong(6));
                result.computeIfAbsent(currency, x -> new ArrayList<>()).add(a);
            }
        }
        return result;
    }

    /**
     * Both periods in one pass over the rollups: whole months from {@code cost_monthly}, the days
     * of partial months from {@code cost_daily}, each row weighted by how it counts in the current
     * and the previous period ({@link RollupPlan}). Keys with rows in neither period are left out,
     * as a query of the two day ranges would leave them.
     */
    private static Sql fromRollups(Period period, Period previous, Dimension by, CostMetric metric,
                                   CostFilter filter) {
        RollupPlan plan = RollupPlan.of(period, previous);
        String key = rolledColumn(by);
        String value = rolledMetric(metric);
        // weights are -1, 0 or 1 (a period counts a day once): sums of filtered rows, not products
        Sql sql = new Sql().text("SELECT billing_currency, k,"
                + " coalesce(sum(v) FILTER (WHERE cw > 0), 0) - coalesce(sum(v) FILTER (WHERE cw < 0), 0),"
                + " coalesce(sum(v) FILTER (WHERE pw > 0), 0) - coalesce(sum(v) FILTER (WHERE pw < 0), 0),"
                + " sum(r * cw), sum(m * cw)"
                + " FROM (");
        boolean first = true;
        for (boolean monthly : new boolean[] {true, false}) {
            Map<LocalDate, int[]> weights = monthly ? plan.months() : plan.days();
            if (weights.isEmpty()) {
                continue;
            }
            if (!first) {
                sql.text(" UNION ALL ");
            }
            first = false;
            String at = monthly ? "month" : "day";
            String[] dates = new String[weights.size()];
            int[] current = new int[weights.size()];
            int[] prior = new int[weights.size()];
            int i = 0;
            for (Map.Entry<LocalDate, int[]> e : weights.entrySet()) {
                dates[i] = e.getKey().toString();
                current[i] = e.getValue()[0];
                prior[i] = e.getValue()[1];
                i++;
            }
            sql.text("SELECT billing_currency, ").text(key).text(" AS k, ").text(value)
                    .text(" AS v, row_count AS r, list_missing AS m, w.cw, w.pw FROM ")
                    .text(monthly ? "cost_monthly" : "cost_daily")
                    .text(" JOIN unnest(?::date[], ?::int[], ?::int[]) AS w(at, cw, pw) ON ").text(at).text(" = w.at")
                    .bind(dates).bind(current).bind(prior)
                    .text(" WHERE ").text(at).text(" >= ?::date AND ").text(at).text(" <= ?::date")
                    .bind(dates[0]).bind(dates[dates.length - 1]);
            appendFilters(sql, filter, true);
        }
        if (first) {
            // two empty periods: no rows, same columns
            return new Sql().text("SELECT billing_currency, service_name, billed, billed, row_count, list_missing"
                    + " FROM cost_daily WHERE false");
        }
        sql.text(") x GROUP BY 1, 2 HAVING sum(r * cw) <> 0 OR sum(r * pw) <> 0");
        return sql;
    }

    /** Both periods in one pass over line items, or over the daily rollup for a zone other than UTC's days. */
    private static Sql fromLineItems(Period period, Period previous, Dimension by, CostMetric metric,
                                     CostFilter filter) {
        boolean rolled = answerableFromRollup(period, by, filter);
        Sql sql = new Sql();
        String key = rolled ? rolledColumn(by) : lineItemColumn(by, sql);
        String value = rolled ? rolledMetric(metric) : lineItemMetric(metric);
        String time = rolled ? "day" : "charge_period_start";
        String count = rolled ? "row_count" : "1";
        String listMissing = rolled ? "list_missing" : "CASE WHEN list_cost IS NULL THEN 1 ELSE 0 END";
        // the key expression may bind a tag key first; the period bounds follow in text order
        sql.text("SELECT billing_currency, ").text(key).text(" AS k, sum(CASE WHEN ");
        sql.text(within(time)).bind(bound(period.start(), period, rolled)).bind(bound(period.endExclusive(), period, rolled));
        sql.text(" THEN ").text(value).text(" END), sum(CASE WHEN ");
        sql.text(within(time)).bind(bound(previous.start(), previous, rolled)).bind(bound(previous.endExclusive(), previous, rolled));
        sql.text(" THEN ").text(value).text(" END), sum(CASE WHEN ");
        sql.text(within(time)).bind(bound(period.start(), period, rolled)).bind(bound(period.endExclusive(), period, rolled));
        sql.text(" THEN ").text(count).text(" ELSE 0 END), sum(CASE WHEN ");
        sql.text(within(time)).bind(bound(period.start(), period, rolled)).bind(bound(period.endExclusive(), period, rolled));
        sql.text(" THEN ").text(listMissing).text(" ELSE 0 END)");
        sql.text(" FROM ").text(rolled ? "cost_daily" : "cost_line_item").text(" WHERE ((");
        sql.text(within(time)).bind(bound(period.start(), period, rolled)).bind(bound(period.endExclusive(), period, rolled));
        sql.text(") OR (");
        sql.text(within(time)).bind(bound(previous.start(), previous, rolled)).bind(bound(previous.endExclusive(), previous, rolled));
        sql.text("))");
        appendFilters(sql, filter, rolled);
        sql.text(" GROUP BY 1, 2");
        return sql;
    }

    private static CostBreakdown.Section section(Currency currency, List<Amounts> amounts, int top) {
        List<Amounts> sorted = new ArrayList<>(amounts);
        sorted.sort(Comparator.comparing((Amounts a) -> a.current).reversed()
                .thenComparing(Comparator.comparing((Amounts a) -> a.previous).reversed())
                .thenComparing(a -> a.key));
        BigDecimal total = BigDecimal.ZERO;
        BigDecimal previousTotal = BigDecimal.ZERO;
        long lineItems = 0;
        for (Amounts a : sorted) {
            total = total.add(a.current);
            previousTotal = previousTotal.add(a.previous);
            lineItems += a.rows;
        }
        List<CostBreakdown.Row> rows = new ArrayList<>();
        BigDecimal shown = BigDecimal.ZERO;
        BigDecimal shownPrevious = BigDecimal.ZERO;
        int visible = sorted.size() > top ? top : sorted.size();
        for (int i = 0; i < visible; i++) {
            Amounts a = sorted.get(i);
            rows.add(new CostBreakdown.Row(a.key, new Money(a.current, currency), new Money(a.previous, currency), false));
            shown = shown.add(a.current);
            shownPrevious = shownPrevious.add(a.previous);
        }
        if (sorted.size() > top) {
            rows.add(new CostBreakdown.Row(OTHER, new Money(total.subtract(shown), currency),
                    new Money(previousTotal.subtract(shownPrevious), currency), true));
        }
        return new CostBreakdown.Section(currency, new Money(total, currency), new Money(previousTotal, currency),
                lineItems, rows);
    }

    /**
     * What the answer could not know: days of the period (or, unless {@code previous} is null,
     * the previous one) without data.
     */
    private List<String> gaps(Connection c, Period period, Period previous, CostFilter filter, boolean anyCurrent)
            throws SQLException {
        Sql sql = new Sql().text("SELECT min(day), max(day) FROM cost_daily WHERE true");
        if (allRolled(filter)) {
            appendFilters(sql, filter, true);
        }
        LocalDate first;
        LocalDate last;
        try (PreparedStatement ps = sql.prepare(c); ResultSet rs = ps.executeQuery()) {
            rs.next();
            first = rs.getObject(1, LocalDate.class);
            last = rs.getObject(2, LocalDate.class);
        }
        List<String> gaps = new ArrayList<>();
        if (first == null) {
            gaps.add("no cost data has been imported" + (filter.isEmpty() ? "" : " for this filter"));
            return gaps;
        }
        if (!anyCurrent) {
            gaps.add("no cost data in " + period.label() + " (cost data covers " + first + ".." + last + ")");
        } else {
            if (first.isAfter(period.start())) {
                gaps.add("cost data starts " + first + "; earlier days count as zero");
            }
            if (last.isBefore(period.lastDay())) {
                gaps.add("cost data ends " + last + "; later days count as zero");
            }
        }
        if (previous != null && first.isAfter(previous.lastDay())) {
            gaps.add("no cost data for the previous period " + previous.label() + "; changes are against zero");
        }
        return gaps;
    }

    private static boolean answerableFromRollup(Period period, Dimension by, CostFilter filter) {
        return period.zone().normalized().equals(ZoneOffset.UTC) && rolled(by) && allRolled(filter);
    }

    /** The grouping expression in cost_daily; only for {@link CostColumns#rolled} dimensions. */
    private static String rolledColumn(Dimension d) {
        return switch (d.kind()) {
            case SERVICE -> "service_name";
            case SERVICE_CATEGORY -> "service_category";
            case PROVIDER -> "provider_name";
            case BILLING_ACCOUNT -> "coalesce(billing_account_name, billing_account_id)";
            case SUB_ACCOUNT -> "sub_account_id";
            case REGION -> "region_id";
            case CHARGE_CATEGORY -> "charge_category";
            case TAG -> "env";
            case RESOURCE -> throw new IllegalStateException("resource is not rolled up");
        };
    }

    /** The grouping expression in cost_line_item; a tag key is bound as a parameter. */
    private static String lineItemColumn(Dimension d, Sql sql) {
        return switch (d.kind()) {
            case SERVICE -> "service_name";
            case SERVICE_CATEGORY -> "service_category";
            case PROVIDER -> "provider_name";
            case BILLING_ACCOUNT -> "coalesce(billing_account_name, billing_account_id)";
            case SUB_ACCOUNT -> "sub_account_id";
            case REGION -> "region_id";
            case CHARGE_CATEGORY -> "charge_category";
            case RESOURCE -> "resource_id";
            case TAG -> {
                sql.bind(d.tagKey());
                yield "(tags ->> ?)";
            }
        };
    }

    private static String within(String column) {
        return column + " >= ? AND " + column + " < ?";
    }

    /** A period bound as the column's type: a date for rollup days, an instant in the period's zone for line items. */
    private static Object bound(LocalDate day, Period period, boolean rolled) {
        if (rolled) {
            return day;
        }
        return OffsetDateTime.ofInstant(day.atStartOfDay(period.zone()).toInstant(), ZoneOffset.UTC);
    }

    private static BigDecimal zeroIfNull(BigDecimal value) {
        return value == null ? BigDecimal.ZERO : value;
    }

    private Connection connection() {
        try {
            return dataSource.getConnection();
        } catch (SQLException e) {
            throw new PurserException(ErrorCode.DATABASE_UNAVAILABLE, "cannot reach Purser's database", e);
        }
    }

    private static PurserException queryFailed(SQLException e) {
        return new PurserException(ErrorCode.DATABASE_ERROR,
                "the cost query failed in the database (SQL state " + e.getSQLState() + ")", e);
    }

    /** One key's sums in one currency. */
    private record Amounts(String key, BigDecimal current, BigDecimal previous, long rows, long listMissing) {
    }

}
