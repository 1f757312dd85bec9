package dev.purser.core.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.purser.core.error.ErrorCode;
import dev.purser.core.error.PurserException;
import dev.purser.core.ingest.CostBatch;
import dev.purser.core.ingest.DayRange;
import dev.purser.core.model.CostLineItem;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lands one file's cost rows in one transaction: {@link #begin}, {@link #add} each row,
 * {@link #commit}. Closing without committing rolls everything back, so a file that fails
 * half-way leaves nothing behind.
 *
 * <p>Throughput: rows stream to PostgreSQL through {@code COPY ... FROM STDIN} straight into
 * {@code cost_line_item}, tagged with the new import's id, while this class sums the daily
 * rollup in memory (its size grows with days × rolled-up dimension values, not with rows).
 * The server therefore writes each row once; no staging table, no second pass over the rows.
 *
 * <p>Replacement: an import's identity is (source, billing account, billing month). On commit,
 * the rows and rollups that earlier imports wrote for the identities this one covers are deleted
 * (found through {@code cost_import_coverage}, then by the old import's charge-day range on the
 * {@code charge_period_start} index), then coverage
 * points at the new import. A transaction-scoped advisory lock per source keeps two imports of
 * the same source from interleaving. Re-importing a file, or a newer export of the same month,
 * therefore replaces and never doubles.
 *
 * <p>Day-range replacement ({@link #beginDays}): for sources that are pulled by charge day over
 * any window (Cost Explorer), the identity is (source, billing account, charge day in the
 * window) instead. On commit, every row and rollup that earlier loads of the same source wrote
 * for those accounts on those days is deleted, whichever load wrote it, so two overlapping
 * windows end up holding exactly what a single pull of their union would. Such loads write no
 * {@code cost_import_coverage} rows: that table's identity is the billing month, and a month's
 * days may come from several loads. Each row added must be of one of the load's accounts and
 * start on one of its days, or it could never be replaced.
 *
 * <p>Not thread-safe; one instance per file.
 */
public final class CostLoad implements CostBatch {

    private static final Logger log = LoggerFactory.getLogger(CostLoad.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int FLUSH_CHARS = 1 << 17;
    private static final int TAGS_JSON_CACHE = 4096;

    private static final String COPY_LINE_ITEMS = "COPY cost_line_item (import_id, source, billing_account_id,"
            + " billing_account_name, billing_period_start, billing_period_end, charge_period_start,"
            + " charge_period_end, charge_category, charge_class, charge_description, billed_cost, effective_cost,"
            + " list_cost, contracted_cost, billing_currency, provider_name, publisher_name, invoice_issuer_name,"
            + " service_name, service_category, resource_id, resource_name, resource_type, region_id, region_name,"
            + " availability_zone, sub_account_id, sub_account_name, sku_id, pricing_quantity, pricing_unit,"
            + " consumed_quantity, consumed_unit, commitment_discount_id, tags, extras) FROM STDIN";

    private static final String COPY_DAILY = "COPY cost_daily (day, source, billing_period_start, billing_currency,"
            + " billing_account_id, billing_account_name, provider_name, service_name, service_category,"
            + " sub_account_id, sub_account_name, region_id, charge_category, env, billed, effective, list,"
            + " list_missing, row_count, import_id) FROM STDIN";

    private static final String COVERED = "unnest(?::text[], ?::date[]) AS n(account, period)";

    private final Connection connection;
    private final String source;
    private final String fileName;
    private final long importId;
    private final String importIdText;
    private final String sourceText;
    private CopyIn copy;
    private final StringBuilder out = new StringBuilder(FLUSH_CHARS + 8192);
    private final StringBuilder json = new StringBuilder(256);
    private boolean committed;
    // null: identity by billing month (coverage); else by charge day
    private DayRange days;

    private long rows;
    private final Map<DailyKey, DailySums> daily = new HashMap<>();
    private final Map<Currency, BigDecimal> totals = new TreeMap<>((a, b) -> a.getCurrencyCode().compareTo(b.getCurrencyCode()));
    private final Set<Coverage> coverage = new LinkedHashSet<>();
    private LocalDate firstDay;
    private LocalDate lastDay;

    // one-entry caches: consecutive rows usually share periods and tags
    private final InstantText[] instantText = {new InstantText(), new InstantText(), new InstantText(), new InstantText()};
    private Instant lastChargeStart;
    private LocalDate lastChargeDay;
    private Instant lastBillingStart;
    private LocalDate lastBillingDay;
    // readers hand out one map instance per distinct tag set, so identity finds repeats cheaply
    private final Map<Map<String, String>, String> tagsJson = new IdentityHashMap<>();

    private CostLoad(Connection connection, String source, String fileName, long importId, CopyIn copy) {
        this.connection = connection;
        this.source = source;
        this.fileName = fileName;
        this.importId = importId;
        this.importIdText = Long.toString(importId);
        this.sourceText = copyEscaped(source);
        this.copy = copy;
    }

    /**
     * Opens a transaction, records the import and starts streaming rows.
     *
     * @param source   the importer kind ({@code focus}, {@code cur}, ...); part of the identity
     * @param fileName for the import record and error messages
     * @throws PurserException DATABASE_UNAVAILABLE or DATABASE_ERROR
     */
    public static CostLoad begin(DataSource dataSource, String source, String fileName, Instant importedAt) {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(fileName, "fileName");
        Objects.requireNonNull(importedAt, "importedAt");
        Connection c;
        try {
            c = dataSource.getConnection();
        } catch (SQLException e) {
            throw new PurserException(ErrorCode.DATABASE_UNAVAILABLE,
                    "cannot reach Purser's database to import " + fileName, e);
        }
        try {
            c.setAutoCommit(false);
            try (PreparedStatement lock = c.prepareStatement("SELECT pg_advisory_xact_lock(hashtext(?))")) {
                lock.setString(1, "purser.cost_import." + source);
                lock.execute();
            }
            long id;
            try (PreparedStatement insert = c.prepareStatement(
                    "INSERT INTO cost_import (source, file_name, imported_at) VALUES (?, ?, ?) RETURNING id")) {
                insert.setString(1, source);
                insert.setString(2, fileName);
                insert.setTimestamp(3, Timestamp.from(importedAt));
                try (ResultSet rs = insert.executeQuery()) {
                    rs.next();
                    id = rs.getLong(1);
                }
            }
            CopyIn copy = c.unwrap(PGConnection.class).getCopyAPI().copyIn(COPY_LINE_ITEMS);
            return new CostLoad(c, source, fileName, id, copy);
        } catch (SQLException | RuntimeException e) {
            try {
                c.rollback();
                c.close();
            } catch (SQLException closing) {
                e.addSuppressed(closing);
            }
            throw e instanceof RuntimeException r ? r : databaseError(fileName, (SQLException) e);
        }
    }

    /**
     * As {@link #begin}, but the load's identity is {@code range}: on commit it replaces what
     * earlier loads of {@code source} wrote for those accounts on those charge days, and
     * {@link #add} refuses rows outside it.
     *
     * @throws PurserException DATABASE_UNAVAILABLE or DATABASE_ERROR
     */
    public static CostLoad beginDays(DataSource dataSource, String source, String fileName, Instant importedAt,
                                     DayRange range) {
        Objects.requireNonNull(range, "range");
        CostLoad load = begin(dataSource, source, fileName, importedAt);
        load.days = range;
        return load;
    }

    /** The id of the {@code cost_import} row this load writes. */
    @Override
    public long importId() {
        return importId;
    }

    /** Rows added so far. */
    @Override
    public long rows() {
        return rows;
    }

    /** Streams one row to the database and adds it to the rollup and totals. */
    @Override
    public void add(CostLineItem item) {
        if (committed) {
            throw new IllegalStateException("load already committed");
        }
        if (days != null) {
            LocalDate day = LocalDate.ofInstant(item.chargePeriodStart(), ZoneOffset.UTC);
            if (!days.contains(item.billingAccountId(), day)) {
                throw new IllegalArgumentException("row of account " + item.billingAccountId() + " on " + day
                        + " is outside this load's identity " + days.accounts() + " " + days.firstDay() + ".."
                        + days.lastDay());
            }
        }
        StringBuilder o = out;
        o.append(importIdText).append('\t').append(sourceText).append('\t');
        text(item.billingAccountId());
        tab();
        text(item.billingAccountName());
        tab();
        instant(0, item.billingPeriodStart());
        tab();
        instant(1, item.billingPeriodEnd());
        tab();
        instant(2, item.chargePeriodStart());
        tab();
        instant(3, item.chargePeriodEnd());
        tab();
        o.append(item.chargeCategory().focusValue());
        tab();
        text(item.chargeClass());
        tab();
        text(item.chargeDescription());
        tab();
        decimal(item.billedCost());
        tab();
        decimal(item.effectiveCost());
        tab();
        decimal(item.listCost());
        tab();
        decimal(item.contractedCost());
        tab();
        o.append(item.billingCurrency().getCurrencyCode());
        tab();
        text(item.providerName());
        tab();
        text(item.publisherName());
        tab();
        text(item.invoiceIssuerName());
        tab();
        text(item.serviceName());
        tab();
        text(item.serviceCategory());
        tab();
        text(item.resourceId());
        tab();
        text(item.resourceName());
        tab();
        text(item.resourceType());
        tab();
        text(item.regionId());
        tab();
        text(item.regionName());
        tab();
        text(item.availabilityZone());
        tab();
        text(item.subAccountId());
        tab();
        text(item.subAccountName());
        tab();
        text(item.skuId());
        tab();
        decimal(item.pricingQuantity());
        tab();
        text(item.pricingUnit());
        tab();
        decimal(item.consumedQuantity());
        tab();
        text(item.consumedUnit());
        tab();
        text(item.commitmentDiscountId());
        tab();
        tagsJson(item.tags());
        tab();
        if (item.extras().isEmpty()) {
            o.append("{}");
        } else {
            text(json(item.extras()));
        }
        o.append('\n');
        if (o.length() >= FLUSH_CHARS) {
            flush();
        }
        aggregate(item);
        rows++;
    }

    /**
     * Replaces earlier imports of the same identity, writes the rollup, coverage and import
     * record, and commits.
     *
     * @throws PurserException DATABASE_ERROR; nothing is committed then
     */
    @Override
    public Landed commit(String sha256, long skippedRows, List<String> tolerated) {
        if (committed) {
            throw new IllegalStateException("load already committed");
        }
        try {
            flush();
            copy.endCopy();
            copy = null;
            String[] accounts = new String[coverage.size()];
            String[] periods = new String[coverage.size()];
            int i = 0;
            for (Coverage cov : coverage) {
                accounts[i] = cov.account();
                periods[i] = cov.period().toString();
                i++;
            }
            long replaced = days == null ? replace(accounts, periods) : replaceDays();
            writeDaily();
            recordImport(sha256, skippedRows, tolerated, replaced);
            connection.commit();
            committed = true;
            Set<String> accountSet = new LinkedHashSet<>();
            Set<LocalDate> periodSet = new LinkedHashSet<>();
            for (Coverage cov : coverage) {
                accountSet.add(cov.account());
                periodSet.add(cov.period());
            }
            return new CostBatch.Landed(importId, rows, totals, firstDay, lastDay, accountSet, periodSet, replaced);
        } catch (SQLException e) {
            throw databaseError(fileName, e);
        }
    }

    /** Rolls back unless committed, and returns the connection. */
    @Override
    public void close() {
        try {
            if (!committed) {
                if (copy != null && copy.isActive()) {
                    copy.cancelCopy();
                }
                connection.rollback();
            }
        } catch (SQLException e) {
            throw databaseError(fileName, e);
        } finally {
            try {
                connection.close();
            } catch (SQLException e) {
                // the import's outcome is already settled (committed or rolled back); only the
                // connection's return to the pool failed, and the pool discards such connections
                log.warn("could not return a connection to the pool after importing {}", fileName, e);
            }
        }
    }

    // ---------------------------------------------------------------------------------------

    private long replace(String[] accounts, String[] periods) throws SQLException {
        long replaced;
        try (PreparedStatement ps = connection.prepareStatement(
                "DELETE FROM cost_line_item li USING cost_import_coverage c JOIN " + COVERED
                        + " ON c.billing_account_id = n.account AND c.billing_period_start = n.period"
                        + " JOIN cost_import i ON i.id = c.import_id"
                        + " WHERE c.source = ? AND li.import_id = c.import_id AND li.billing_account_id = n.account"
                        + " AND (li.billing_period_start AT TIME ZONE 'UTC')::date = n.period"
                        // the old import's charge days bound an index range scan (line items have no import_id index)
                        + " AND li.charge_period_start >= (i.first_charge_day::timestamp AT TIME ZONE 'UTC')"
                        + " AND li.charge_period_start < ((i.last_charge_day + 1)::timestamp AT TIME ZONE 'UTC')")) {
            bindCoverage(ps, accounts, periods);
            ps.setString(3, source);
            replaced = ps.executeLargeUpdate();
        }
        try (PreparedStatement ps = connection.prepareStatement(
                "DELETE FROM cost_daily d USING cost_import_coverage c JOIN " + COVERED
                        + " ON c.billing_account_id = n.account AND c.billing_period_start = n.period"
                        + " WHERE c.source = ? AND d.import_id = c.import_id AND d.billing_account_id = n.account"
                        + " AND d.billing_period_start = n.period")) {
            bindCoverage(ps, accounts, periods);
            ps.setString(3, source);
            ps.executeUpdate();
        }
        try (PreparedStatement ps = connection.prepareStatement(
                "DELETE FROM cost_import_coverage c USING " + COVERED
                        + " WHERE c.source = ? AND c.billing_account_id = n.account AND c.billing_period_start = n.period")) {
            bindCoverage(ps, accounts, periods);
            ps.setString(3, source);
            ps.executeUpdate();
        }
        try (PreparedStatement ps = connection.prepareStatement(
                "INSERT INTO cost_import_coverage (source, billing_account_id, billing_period_start, import_id)"
                        + " SELECT ?, n.account, n.period, ? FROM " + COVERED)) {
            ps.setString(1, source);
            ps.setLong(2, importId);
            Array a = connection.createArrayOf("text", accounts);
            Array p = connection.createArrayOf("text", periods);
            ps.setArray(3, a);
            ps.setArray(4, p);
            ps.executeUpdate();
        }
        return replaced;
    }

    private long replaceDays() throws SQLException {
        Array accounts = connection.createArrayOf("text", days.accounts().toArray(new String[0]));
        long replaced;
        try (PreparedStatement ps = connection.prepareStatement("DELETE FROM cost_line_item"
                + " WHERE source = ? AND billing_account_id = ANY (?) AND import_id <> ?"
                + " AND charge_period_start >= (?::timestamp AT TIME ZONE 'UTC')"
                + " AND charge_period_start < (?::timestamp AT TIME ZONE 'UTC')")) {
            ps.setString(1, source);
            ps.setArray(2, accounts);
            ps.setLong(3, importId);
            ps.setObject(4, days.firstDay().atStartOfDay());
            ps.setObject(5, days.lastDay().plusDays(1).atStartOfDay());
            replaced = ps.executeLargeUpdate();
        }
        try (PreparedStatement ps = connection.prepareStatement("DELETE FROM cost_daily"
                + " WHERE source = ? AND billing_account_id = ANY (?) AND import_id <> ? AND day BETWEEN ? AND ?")) {
            ps.setString(1, source);
            ps.setArray(2, accounts);
            ps.setLong(3, importId);
            ps.setObject(4, days.firstDay());
            ps.setObject(5, days.lastDay());
            ps.executeUpdate();
        }
        return replaced;
    }

    private void bindCoverage(PreparedStatement ps, String[] accounts, String[] periods) throws SQLException {
        ps.setArray(1, connection.createArrayOf("text", accounts));
        ps.setArray(2, connection.createArrayOf("text", periods));
    }

    private void writeDaily() throws SQLException {
        CopyIn dailyCopy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(COPY_DAILY);
        copy = dailyCopy;
        StringBuilder o = out;
        for (Map.Entry<DailyKey, DailySums> e : daily.entrySet()) {
            DailyKey k = e.getKey();
            DailySums s = e.getValue();
            o.append(k.day()).append('\t').append(sourceText).append('\t').append(k.billingPeriod()).append('\t')
                    .append(k.currency()).append('\t');
            text(k.accountId());
            tab();
            text(k.accountName());
            tab();
            text(k.provider());
            tab();
            text(k.service());
            tab();
            text(k.serviceCategory());
            tab();
            text(k.subAccountId());
            tab();
            text(k.subAccountName());
            tab();
            text(k.region());
            tab();
            o.append(k.chargeCategory());
            tab();
            text(k.env());
            tab();
            o.append(s.billed.toPlainString()).append('\t').append(s.effective.toPlainString()).append('\t')
                    .append(s.list.toPlainString()).append('\t').append(s.listMissing).append('\t')
                    .append(s.rows).append('\t').append(importIdText).append('\n');
            if (o.length() >= FLUSH_CHARS) {
                flush();
            }
        }
        flush();
        dailyCopy.endCopy();
        copy = null;
    }

    private void recordImport(String sha256, long skippedRows, List<String> tolerated, long replaced)
            throws SQLException {
        Map<String, String> totalsJson = new LinkedHashMap<>();
        totals.forEach((currency, amount) -> totalsJson.put(currency.getCurrencyCode(), amount.toPlainString()));
        Set<String> accountSet = new LinkedHashSet<>();
        Set<String> periodSet = new LinkedHashSet<>();
        for (Coverage cov : coverage) {
            accountSet.add(cov.account());
            periodSet.add(cov.period().toString());
        }
        try (PreparedStatement ps = connection.prepareStatement("UPDATE cost_import SET sha256 = ?, row_count = ?,"
                + " totals = ?::jsonb, first_charge_day = ?, last_charge_day = ?, billing_accounts = ?,"
                + " billing_periods = ?::date[], skipped_rows = ?, replaced_rows = ?, tolerated = ?::jsonb"
                + " WHERE id = ?")) {
            ps.setString(1, sha256);
            ps.setLong(2, rows);
            ps.setString(3, toJson(totalsJson));
            ps.setObject(4, firstDay);
            ps.setObject(5, lastDay);
            ps.setArray(6, connection.createArrayOf("text", accountSet.toArray(new String[0])));
            ps.setArray(7, connection.createArrayOf("text", periodSet.toArray(new String[0])));
            ps.setLong(8, skippedRows);
            ps.setLong(9, replaced);
            ps.setString(10, toJson(new ArrayList<>(tolerated)));
            ps.setLong(11, importId);
            ps.executeUpdate();
        }
    }

    private void aggregate(CostLineItem item) {
        Instant chargeStart = item.chargePeriodStart();
        if (!chargeStart.equals(lastChargeStart)) {
            lastChargeStart = chargeStart;
            lastChargeDay = LocalDate.ofInstant(chargeStart, ZoneOffset.UTC);
        }
        Instant billingStart = item.billingPeriodStart();
        if (!billingStart.equals(lastBillingStart)) {
            lastBillingStart = billingStart;
            lastBillingDay = LocalDate.ofInstant(billingStart, ZoneOffset.UTC);
        }
        LocalDate day = lastChargeDay;
        if (firstDay == null || day.isBefore(firstDay)) {
            firstDay = day;
        }
        if (lastDay == null || day.isAfter(lastDay)) {
            lastDay = day;
        }
        coverage.add(new Coverage(item.billingAccountId(), lastBillingDay));
        totals.merge(item.billingCurrency(), item.billedCost(), BigDecimal::add);
        DailyKey key = new DailyKey(day, lastBillingDay, item.billingCurrency().getCurrencyCode(),
                item.billingAccountId(), item.billingAccountName(), item.providerName(), item.serviceName(),
                item.serviceCategory(), item.subAccountId(), item.subAccountName(), item.regionId(),
                item.chargeCategory().focusValue(), item.tags().get("env"));
        DailySums sums = daily.get(key);
        if (sums == null) {
            sums = new DailySums();
            daily.put(key, sums);
        }
        sums.billed = sums.billed.add(item.billedCost());
        sums.effective = sums.effective.add(item.effectiveCost());
        if (item.listCost() == null) {
            sums.listMissing++;
        } else {
            sums.list = sums.list.add(item.listCost());
        }
        sums.rows++;
    }

    private void flush() {
        if (out.length() == 0) {
            return;
        }
        byte[] bytes = out.toString().getBytes(StandardCharsets.UTF_8);
        out.setLength(0);
        try {
            copy.writeToCopy(bytes, 0, bytes.length);
        } catch (SQLException e) {
            throw databaseError(fileName, e);
        }
    }

    private void tab() {
        out.append('\t');
    }

    private void decimal(BigDecimal value) {
        if (value == null) {
            out.append("\\N");
        } else {
            out.append(value.toPlainString());
        }
    }

    private void instant(int column, Instant value) {
        InstantText cache = instantText[column];
        if (!value.equals(cache.value)) {
            cache.value = value;
            cache.text = value.toString();
        }
        out.append(cache.text);
    }

    private void tagsJson(Map<String, String> tags) {
        if (tags.isEmpty()) {
            out.append("{}");
            return;
        }
        String cached = tagsJson.get(tags);
        if (cached == null) {
            cached = json(tags);
            if (tagsJson.size() >= TAGS_JSON_CACHE) {
                tagsJson.clear();
            }
            tagsJson.put(tags, cached);
        }
        text(cached);
    }

    /** A flat string map as a JSON object. */
    private String json(Map<String, String> map) {
        StringBuilder j = json;
        j.setLength(0);
        j.append('{');
        boolean first = true;
        for (Map.Entry<String, String> e : map.entrySet()) {
            if (!first) {
                j.append(',');
            }
            first = false;
            jsonString(j, e.getKey());
            j.append(':');
            jsonString(j, e.getValue());
        }
        j.append('}');
        return j.toString();
    }

    private static void jsonString(StringBuilder j, String s) {
        j.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> j.append("\\\"");
                case '\\' -> j.append("\\\\");
                case '\n' -> j.append("\\n");
                case '\r' -> j.append("\\r");
                case '\t' -> j.append("\\t");
                default -> {
                    if (c < 0x20) {
                        j.append(String.format("\\u%04x", (int) c));
                    } else {
                        j.append(c);
                    }
                }
            }
        }
        j.append('"');
    }

    /** A text value in COPY text format: backslash, tab, newline and CR escaped; null as \N. */
    private void text(String s) {
        if (s == null) {
            out.append("\\N");
            return;
        }
        int n = s.length();
        int i = 0;
        while (i < n) {
            char c = s.charAt(i);
            if (c == '\\' || c == '\t' || c == '\n' || c == '\r') {
                break;
            }
            i++;
        }
        if (i == n) {
            out.append(s);
            return;
        }
        out.append(s, 0, i);
        for (; i < n; i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                default -> out.append(c);
            }
        }
    }

    private static String copyEscaped(String s) {
        return s.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r");
    }

    private static String toJson(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a map of strings always serialises", e);
        }
    }

    static PurserException databaseError(String fileName, SQLException e) {
        String state = e.getSQLState();
        if (state != null && state.startsWith("08")) {
            return new PurserException(ErrorCode.DATABASE_UNAVAILABLE,
                    "lost the connection to Purser's database while importing " + fileName + "; nothing was stored", e);
        }
        return new PurserException(ErrorCode.DATABASE_ERROR,
                "the database refused the import of " + fileName + " (SQL state " + state + "); nothing was stored", e);
    }

    private record Coverage(String account, LocalDate period) {
    }

    private record DailyKey(LocalDate day, LocalDate billingPeriod, String currency, String accountId,
                            String accountName, String provider, String service, String serviceCategory,
                            String subAccountId, String subAccountName, String region, String chargeCategory,
                            String env) {
    }

    private static final class DailySums {
        BigDecimal billed = BigDecimal.ZERO;
        BigDecimal effective = BigDecimal.ZERO;
        BigDecimal list = BigDecimal.ZERO;
        long listMissing;
        long rows;
    }

    private static final class InstantText {
        Instant value;
        String text;
    }
}
