package dev.purser.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.purser.core.model.ChargeCategory;
import dev.purser.core.model.CostLineItem;
import dev.purser.core.testing.TestDatabase;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Binary COPY lands exactly what text COPY lands: every numeric to the last digit and its scale,
 * every instant to the microsecond, text with tabs, backslashes and non-ASCII characters, JSON.
 */
class CopyBinaryTest {

    private static PurserDatabase db;

    @BeforeAll
    static void open() {
        db = TestDatabase.fresh();
    }

    @AfterAll
    static void close() {
        db.close();
    }

    @Test
    void numeric_landsEveryDigitAndTheScale_asNumericInWouldReadThePlainString() throws SQLException {
        List<BigDecimal> values = new ArrayList<>(List.of(BigDecimal.ZERO, new BigDecimal("0.000"),
                new BigDecimal("-0.00"), new BigDecimal("1.50"), new BigDecimal("-0.5"), new BigDecimal("1E+3"),
                new BigDecimal("-12E+7"), new BigDecimal("0.0001"), new BigDecimal("0.00001"), new BigDecimal("1E-20"),
                new BigDecimal("9999.9999"), new BigDecimal("10000"), new BigDecimal("10000.0001"),
                new BigDecimal("12345678901234567890.123456789012"), new BigDecimal("-98.7654321"),
                new BigDecimal("100000000"), new BigDecimal("0.1000")));
        Random random = new Random(7);
        for (int i = 0; i < 5_000; i++) {
            BigInteger unscaled = new BigInteger(1 + random.nextInt(120), random);
            values.add(new BigDecimal(random.nextBoolean() ? unscaled : unscaled.negate(), random.nextInt(30) - 5));
        }
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TEMP TABLE n (i bigint, v numeric)");
            CopyBinary o = new CopyBinary(16); // small, so the buffer grows many times
            for (int i = 0; i < values.size(); i++) {
                o.tuple(2).int8(i).numeric(values.get(i));
            }
            copy(c, "COPY n FROM STDIN (FORMAT binary)", o.drain());
            try (ResultSet rs = s.executeQuery("SELECT i, v::text FROM n ORDER BY i")) {
                int count = 0;
                while (rs.next()) {
                    BigDecimal v = values.get((int) rs.getLong(1));
                    String expected = (v.scale() < 0 ? v.setScale(0) : v).toPlainString();
                    assertThat(rs.getString(2)).as("%s", v).isEqualTo(expected);
                    count++;
                }
                assertThat(count).isEqualTo(values.size());
            }
        }
    }

    @Test
    void lineItems_landTheSameInBinaryAsInText() throws SQLException {
        List<CostLineItem> items = new ArrayList<>();
        items.add(Rows.charge("acct-1", LocalDate.of(2026, 10, 5), "Droplets", "1.50", null, Map.of(), Map.of()));
        items.add(Rows.charge("acct-ü", LocalDate.of(2026, 10, 6), "Spaces\tObject Storage", "-0.000001", "0",
                Map.of("team", "a\"b\tc", "ä", "ö\\n"), Map.of("x_note", "back\\slash €")));
        CostLineItem odd = Rows.charge("acct-2", LocalDate.of(2026, 2, 28), "日本語", "123456789.123456789", "1E+2",
                Map.of("env", "prod"), Map.of());
        Instant subMicro = Instant.parse("2026-02-28T12:34:56.123456789Z");
        items.add(new CostLineItem(odd.billingAccountId(), null, odd.billingPeriodStart(), odd.billingPeriodEnd(),
                Instant.parse("1999-12-31T23:59:59.999999500Z"), subMicro, ChargeCategory.CREDIT, "Correction",
                "line\nbreak", odd.billedCost(), odd.effectiveCost(), odd.listCost(), new BigDecimal("0.10"),
                odd.billingCurrency(), null, null, null, odd.serviceName(), null, null, null, null, null, null, null,
                null, null, null, null, null, null, null, null, odd.tags(), odd.extras()));
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TEMP TABLE as_text (LIKE cost_line_item)");
            s.execute("CREATE TEMP TABLE as_binary (LIKE cost_line_item)");
            LineItemCopyEncoder encoder = new LineItemCopyEncoder(42, "fo\tcus");
            CopyText text = new CopyText(1024);
            CopyBinary binary = new CopyBinary(16);
            for (CostLineItem item : items) {
                encoder.encode(item, 3, text);
                encoder.encodeBinary(item, 3, binary);
            }
            copy(c, "COPY as_text" + LineItemCopyEncoder.COLUMNS_AND_FROM, text.drain());
            copy(c, "COPY as_binary" + LineItemCopyEncoder.COLUMNS_AND_FROM + " (FORMAT binary)", binary.drain());
            try (ResultSet rs = s.executeQuery("SELECT (SELECT count(*) FROM as_binary),"
                    + " (SELECT count(*) FROM (SELECT * FROM as_text EXCEPT ALL SELECT * FROM as_binary) a),"
                    + " (SELECT count(*) FROM (SELECT * FROM as_binary EXCEPT ALL SELECT * FROM as_text) b),"
                    + " (SELECT string_agg(billed_cost::text || ' ' || charge_period_start::text, ',' ORDER BY billed_cost)"
                    + "  FROM as_binary)")) {
                rs.next();
                assertThat(rs.getLong(1)).isEqualTo(items.size());
                assertThat(rs.getLong(2)).as("text rows missing from binary").isZero();
                assertThat(rs.getLong(3)).as("binary rows not in text").isZero();
                assertThat(rs.getString(4)).contains("123456789.123456789").contains("-0.000001");
            }
        }
    }

    private static void copy(Connection c, String sql, byte[] tuples) throws SQLException {
        CopyIn in = c.unwrap(PGConnection.class).getCopyAPI().copyIn(sql);
        boolean binary = sql.endsWith("(FORMAT binary)");
        if (binary) {
            in.writeToCopy(CopyBinary.HEADER, 0, CopyBinary.HEADER.length);
        }
        in.writeToCopy(tuples, 0, tuples.length);
        if (binary) {
            in.writeToCopy(CopyBinary.TRAILER, 0, CopyBinary.TRAILER.length);
        }
        in.endCopy();
        assertThat(new String(CopyBinary.HEADER, 0, 6, StandardCharsets.US_ASCII)).isEqualTo("PGCOPY");
    }
}
