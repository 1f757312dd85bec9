package dev.purser.core.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.purser.core.store.JdbcCostSink;
import dev.purser.core.store.PurserDatabase;
import dev.purser.core.testing.TestDatabase;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files no reader was written against: generated from a seed with credits, taxes, refunds,
 * zero-cost rows, quoted fields (commas, doubled quotes, line breaks), several currencies where
 * the format allows, and CRLF line ends. Each is imported and the store must hold, per service
 * and currency and in total, exactly the sums of the file's own amount column; importing it
 * again must change no row.
 */
class UnseenFilesTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T10:00:00Z"), ZoneOffset.UTC);
    private static final int ROWS = 80;

    @TempDir
    Path dir;

    private static PurserDatabase db;
    private static StoreProbe store;

    @BeforeAll
    static void openDatabase() {
        db = TestDatabase.fresh();
        store = new StoreProbe(db.dataSource());
    }

    @AfterAll
    static void closeDatabase() {
        db.close();
    }

    @BeforeEach
    void clear() {
        store.clear();
    }

    /** One generated line: what the file says, and what the sums must be built from. */
    private record Line(String service, String currency, BigDecimal amount, String kind, String description) {
    }

    /** Kinds of line, drawn with these weights; the amount's sign follows the kind. */
    private static final String[] KINDS = {"usage", "usage", "usage", "usage", "credit", "tax", "refund", "zero"};

    private static List<Line> lines(long seed, List<String> services, List<String> currencies, int maxScale) {
        SplittableRandom random = new SplittableRandom(seed);
        List<Line> out = new ArrayList<>();
        for (int i = 0; i < ROWS; i++) {
            String kind = KINDS[random.nextInt(KINDS.length)];
            int scale = random.nextInt(maxScale + 1);
            BigDecimal magnitude = BigDecimal.valueOf(random.nextLong(1, 5_000_000_000L), 4).setScale(scale,
                    RoundingMode.DOWN);
            BigDecimal amount = switch (kind) {
                case "credit", "refund" -> magnitude.negate();
                case "zero" -> BigDecimal.ZERO.setScale(scale);
                default -> magnitude;
            };
            String description = switch (random.nextInt(4)) {
                case 0 -> "plain " + i;
                case 1 -> "with, comma " + i;
                case 2 -> "with \"quotes\", and comma " + i;
                default -> "two\r\nlines " + i;
            };
            out.add(new Line(services.get(random.nextInt(services.size())), currencies.get(random.nextInt(currencies.size())),
                    amount, kind, description));
        }
        return out;
    }

    private static Map<String, BigDecimal> byService(List<Line> lines) {
        Map<String, BigDecimal> out = new TreeMap<>();
        for (Line l : lines) {
            out.merge(l.service() + "|" + l.currency(), l.amount(), BigDecimal::add);
        }
        return out;
    }

    private static Map<String, BigDecimal> byCurrency(List<Line> lines) {
        Map<String, BigDecimal> out = new TreeMap<>();
        for (Line l : lines) {
            out.merge(l.currency(), l.amount(), BigDecimal::add);
        }
        return out;
    }

    private static String cell(String v) {
        return FocusFixtures.cell(v);
    }

    private static String csv(List<String> header, List<Map<String, String>> rows) {
        StringBuilder sb = new StringBuilder(String.join(",", header)).append("\r\n");
        for (Map<String, String> r : rows) {
            List<String> cells = new ArrayList<>();
            for (String h : header) {
                cells.add(cell(r.getOrDefault(h, "")));
            }
            sb.append(String.join(",", cells)).append("\r\n");
        }
        return sb.toString();
    }

    /** Imports, checks the sums against the file's own, imports again and checks nothing changed. */
    private void importTwiceAndCheck(CostImporter importer, Path file, String source, List<Line> lines) {
        ImportResult first = importer.importFile(file, ImportOptions.STRICT);

        Map<String, BigDecimal> want = byService(lines);
        assertThat(first.rows()).isEqualTo(lines.size());
        assertExactly(store.lineItemTotalsByService(source), want);
        assertExactly(store.dailyTotalsByService(source), want);
        Map<String, BigDecimal> currencies = byCurrency(lines);
        assertExactly(store.lineItemTotals(source), currencies);
        Map<String, BigDecimal> reported = new TreeMap<>();
        first.billedTotals().forEach((c, a) -> reported.put(c.getCurrencyCode(), a));
        assertExactly(reported, currencies);
        String content = store.contentHash(source);

        ImportResult again = importer.importFile(file, ImportOptions.STRICT);

        assertThat(again.replacedRows()).isEqualTo(lines.size());
        assertThat(store.contentHash(source)).isEqualTo(content);
        assertExactly(store.lineItemTotalsByService(source), want);
    }

    private static void assertExactly(Map<String, BigDecimal> actual, Map<String, BigDecimal> expected) {
        assertThat(actual.keySet()).isEqualTo(expected.keySet());
        expected.forEach((k, v) -> assertThat(actual.get(k)).as(k).isEqualByComparingTo(v));
    }

    @Test
    void focusFile_sumsPerServiceAndCurrencyMatchTheFile() {
        List<Line> lines = lines(11, List.of("Droplets", "Managed Databases", "Spaces", "Tax"), List.of("USD", "EUR"), 10);
        FocusFixtures file = FocusFixtures.demo().crlf();
        int day = 0;
        for (Line l : lines) {
            String start = LocalDate.of(2026, 10, 1).plusDays(day++ % 31) + "T00:00:00Z";
            String end = LocalDate.parse(start.substring(0, 10)).plusDays(1) + "T00:00:00Z";
            String amount = l.amount().toPlainString();
            file.row("ChargePeriodStart", start, "ChargePeriodEnd", end,
                    "ChargeCategory", switch (l.kind()) {
                        case "credit", "refund" -> "Credit";
                        case "tax" -> "Tax";
                        default -> "Usage";
                    },
                    "ChargeClass", l.kind().equals("refund") ? "Correction" : "",
                    "ChargeDescription", l.description(),
                    "BilledCost", amount, "EffectiveCost", amount,
                    "ListCost", l.kind().equals("usage") ? amount : "",
                    "BillingCurrency", l.currency(), "ServiceName", l.service(),
                    "Tags", "{\"env\":\"prod\",\"team\":\"api, web\"}");
        }
        Path path = file.write(dir.resolve("unseen-focus.csv"));

        importTwiceAndCheck(new FocusImporter(new JdbcCostSink(db.dataSource()), CLOCK), path, "focus", lines);
    }

    @Test
    void legacyCurFile_sumsPerServiceAndCurrencyMatchTheFile() throws IOException {
        List<String> header;
        try (InputStream in = UnseenFilesTest.class.getResourceAsStream("/aws/cur/legacy-livyflow-2026-10.csv")) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            header = Arrays.asList(text.substring(0, text.indexOf('\n')).trim().split(","));
        }
        Map<String, String> codes = Map.of("Amazon Elastic Compute Cloud", "AmazonEC2",
                "Amazon Simple Storage Service", "AmazonS3", "Amazon CloudFront", "AmazonCloudFront",
                "Amazon Relational Database Service", "AmazonRDS");
        List<Line> lines = lines(23, List.copyOf(new TreeMap<>(codes).keySet()), List.of("USD", "EUR"), 10);
        List<Map<String, String>> rows = new ArrayList<>();
        int i = 0;
        for (Line l : lines) {
            Map<String, String> r = new LinkedHashMap<>();
            String day = LocalDate.of(2026, 10, 1).plusDays(i % 31).toString();
            r.put("identity/LineItemId", "li-" + i++);
            r.put("bill/BillingEntity", "AWS");
            r.put("bill/BillType", "Anniversary");
            r.put("bill/PayerAccountId", l.currency().equals("EUR") ? "222222222222" : "111111111111");
            r.put("bill/BillingPeriodStartDate", "2026-10-01T00:00:00Z");
            r.put("bill/BillingPeriodEndDate", "2026-11-01T00:00:00Z");
            r.put("lineItem/UsageAccountId", "333333333333");
            r.put("lineItem/LineItemType", switch (l.kind()) {
                case "credit" -> "Credit";
                case "refund" -> "Refund";
                case "tax" -> "Tax";
                default -> "Usage";
            });
            boolean monthly = !l.kind().equals("usage") && !l.kind().equals("zero");
            r.put("lineItem/UsageStartDate", monthly ? "2026-10-01T00:00:00Z" : day + "T00:00:00Z");
            r.put("lineItem/UsageEndDate", monthly ? "2026-11-01T00:00:00Z" : LocalDate.parse(day).plusDays(1) + "T00:00:00Z");
            r.put("lineItem/ProductCode", codes.get(l.service()));
            r.put("lineItem/CurrencyCode", l.currency());
            r.put("lineItem/UnblendedCost", l.amount().toPlainString());
            r.put("lineItem/LineItemDescription", l.description());
            r.put("lineItem/LegalEntity", "Amazon Web Services, Inc.");
            r.put("product/ProductName", l.service());
            r.put("product/region", "us-east-1");
            r.put("resourceTags/user:env", "prod");
            rows.add(r);
        }
        Path path = dir.resolve("unseen-cur-legacy.csv");
        Files.writeString(path, csv(header, rows), StandardCharsets.UTF_8);

        importTwiceAndCheck(new CurImporter(new JdbcCostSink(db.dataSource()), CLOCK), path, "cur", lines);
    }

    @Test
    void doInvoiceFile_sumsPerServiceMatchTheFile() throws IOException {
        // one amount column per file, so one currency; DigitalOcean writes cents
        List<Line> lines = lines(37, List.of("Droplets", "Managed Databases", "Spaces Subscription", "Volumes",
                "Load Balancers", "Taxes", "Credits"), List.of("USD"), 2);
        List<String> header = List.of("product", "group_description", "description", "hours", "start", "end", "USD",
                "project_name", "category");
        List<Map<String, String>> rows = new ArrayList<>();
        int i = 0;
        for (Line l : lines) {
            Map<String, String> r = new LinkedHashMap<>();
            r.put("product", l.service());
            r.put("group_description", i % 3 == 0 ? "group, " + i : "");
            r.put("description", l.description());
            r.put("hours", l.kind().equals("usage") ? "744" : "");
            r.put("start", "2026-10-01 00:00:00 +0000");
            r.put("end", i % 2 == 0 ? "2026-10-31 23:59:59 +0000" : "2026-10-15 12:00:00 +0000");
            r.put("USD", dollars(l.amount(), i));
            r.put("project_name", i % 4 == 0 ? "mandible" : "");
            r.put("category", "iaas");
            rows.add(r);
            i++;
        }
        Path path = dir.resolve(DoInvoiceImporter.EXAMPLE_NAME);
        Files.writeString(path, csv(header, rows), StandardCharsets.UTF_8);

        importTwiceAndCheck(new DoInvoiceImporter(new JdbcCostSink(db.dataSource()), CLOCK), path, DoInvoiceImporter.SOURCE, lines);
    }

    /** DigitalOcean's dollar spellings: {@code $3.11}, {@code -$5.00}, {@code ($2.50)}, {@code "$1,234.56"}. */
    private static String dollars(BigDecimal amount, int i) {
        BigDecimal abs = amount.abs();
        String digits = abs.compareTo(new BigDecimal("1000")) >= 0 && i % 2 == 0
                ? String.format(Locale.ROOT, "%,.2f", abs) : abs.setScale(2).toPlainString();
        if (amount.signum() >= 0) {
            return "$" + digits;
        }
        return i % 2 == 0 ? "-$" + digits : "($" + digits + ")";
    }
}
