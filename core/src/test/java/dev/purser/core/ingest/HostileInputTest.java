package dev.purser.core.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.purser.core.error.ErrorCode;
import dev.purser.core.error.PurserException;
import dev.purser.core.store.JdbcCostSink;
import dev.purser.core.store.PurserDatabase;
import dev.purser.core.testing.HostileFiles;
import dev.purser.core.testing.TestDatabase;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 10 part 2: hostile files are refused with {@code file:line: what} as soon as a limit is
 * passed, and the store keeps exactly what it held. Every file here is generated on the fly.
 * (Bounded memory is shown by the same files through the CLI and MCP in child JVMs with 64 MiB.)
 */
class HostileInputTest {

    private static final long TWO_GIB = 2L << 30;
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T10:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    private static PurserDatabase db;
    private static StoreProbe store;
    private static Map<String, String> before;

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
    void landSomethingFirst() throws IOException {
        store.clear();
        Path good = Files.createTempDirectory("good");
        new FocusImporter(new JdbcCostSink(db.dataSource()), CLOCK)
                .importFile(FocusFixtures.resource("demo-small.csv", good), ImportOptions.STRICT);
        before = store.snapshot();
        assertThat(store.count("SELECT count(*) FROM cost_line_item")).isEqualTo(7);
    }

    private PurserException refusedFocus(Path file, ImportOptions options) {
        FocusImporter importer = new FocusImporter(new JdbcCostSink(db.dataSource()), CLOCK);
        try {
            importer.importFile(file, options);
        } catch (PurserException e) {
            assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED_FILE);
            assertThat(store.snapshot()).as("nothing half-written").isEqualTo(before);
            return e;
        }
        throw new AssertionError("the import of " + file + " was not refused");
    }

    @Test
    void focus_gzipOfTwoGibZerosWithoutNewline_refusedAsBinaryAtLineOne() {
        Path bomb = HostileFiles.gzipOfZeros(dir.resolve("zeros.csv.gz"), TWO_GIB);

        PurserException e = refusedFocus(bomb, ImportOptions.STRICT);

        assertThat(e.getMessage()).isEqualTo("zeros.csv.gz:1: binary data (a NUL character) where CSV text was "
                + "expected; this is not a CSV text file");
    }

    @Test
    void hostileFiles_gzipOfZeros_isARealGzipOfThatSize() throws IOException {
        Path small = HostileFiles.gzipOfZeros(dir.resolve("z.gz"), 5L << 20);
        long n = 0;
        try (InputStream in = new GZIPInputStream(Files.newInputStream(small))) {
            byte[] b = new byte[1 << 16];
            for (int r; (r = in.read(b)) >= 0;) {
                for (int i = 0; i < r; i++) {
                    assertThat(b[i]).isZero();
                }
                n += r;
            }
        }
        assertThat(n).isEqualTo(5L << 20);
        assertThat(Files.size(small)).isLessThan(20_000);
    }

    @Test
    void focus_gzipOfValidRowsExpandingTwoGib_refusedAsBombAfterTheGrace() {
        String header = String.join(",", FocusFixtures.DEMO_HEADERS) + "\n";
        String row = FocusFixtures.demo().row().text().lines().skip(1).findFirst().orElseThrow() + "\n";
        Path bomb = HostileFiles.gzip(dir.resolve("rows.csv.gz"), header.getBytes(StandardCharsets.UTF_8),
                row.getBytes(StandardCharsets.UTF_8), TWO_GIB);

        PurserException e = refusedFocus(bomb, new ImportOptions(true));

        assertThat(e.getMessage()).matches("rows\\.csv\\.gz:\\d+: the gzip data expands more than 200 times "
                + "\\(\\d+\\.\\d MiB from \\d+\\.\\d KiB read so far\\); no bill compresses like that, so the file is "
                + "refused as a decompression bomb");
        long line = Long.parseLong(e.getMessage().split(":")[1]);
        assertThat(line).isGreaterThan(10_000);
    }

    @Test
    void focus_serviceNameOfFiveMillionCharacters_refusedNamingLineAndColumn() {
        Path file = HostileFiles.focusWithHugeCell(dir.resolve("huge.csv"), "ServiceName", 5_000_000);

        PurserException e = refusedFocus(file, new ImportOptions(true));

        assertThat(e.getMessage()).isEqualTo("huge.csv:3: ServiceName: a field is longer than 65,536 characters; "
                + "no bill has cells that long");
    }

    @Test
    void focus_serviceNameOverTheValueLimit_isAMalformedRow() {
        Path file = HostileFiles.focusWithHugeCell(dir.resolve("long-name.csv"), "ServiceName", 5_000);

        PurserException e = refusedFocus(file, ImportOptions.STRICT);

        assertThat(e.getMessage()).isEqualTo("long-name.csv:3: ServiceName: 5,000 characters, more than the 4,096 "
                + "one name, id or description may hold");
    }

    @Test
    void focus_tagsUpToTheFieldLimit_areStillRead() {
        StringBuilder tags = new StringBuilder("{");
        for (int i = 0; i < 50; i++) {
            tags.append(i == 0 ? "" : ",").append("\"k").append("x".repeat(512)).append(i).append("\":\"")
                    .append("v".repeat(250)).append("\"");
        }
        tags.append("}");
        Path file = FocusFixtures.demo().row("Tags", tags.toString()).write(dir.resolve("tags.csv"));

        ImportResult result = new FocusImporter(new JdbcCostSink(db.dataSource()), CLOCK)
                .importFile(file, ImportOptions.STRICT);

        assertThat(tags.length()).isGreaterThan(38_000);
        assertThat(result.rows()).isEqualTo(1);
    }

    @Test
    void focus_lineOfTwentyMillionCharactersWithoutEnd_refusedAsTooLong() {
        Path file = HostileFiles.focusWithEndlessLine(dir.resolve("endless.csv"), 20_000_000);

        PurserException e = refusedFocus(file, new ImportOptions(true));

        assertThat(e.getMessage()).isEqualTo("endless.csv:2: the record is longer than 1,048,576 characters; no bill "
                + "has lines that long");
    }

    @Test
    void csv_fieldOfExactlyTheLimit_isRead_quotedOrNot_oneMoreIsRefused() {
        String at = "a".repeat(InputLimits.MAX_FIELD_CHARS);
        for (String cell : java.util.List.of(at, "\"" + at + "\"", "\"" + at.substring(1) + "\"\"\"")) {
            try (CsvRows rows = CsvRows.read(new java.io.StringReader("h\n" + cell + "\n"), "f.csv", false,
                    CsvRows.SyntaxMessage.PLAIN)) {
                String read = rows.next(() -> rows.get(0));
                assertThat(read).hasSize(InputLimits.MAX_FIELD_CHARS);
            }
        }
        for (String cell : java.util.List.of(at + "a", "\"" + at + "a\"", "\"" + at + "\"\"\"")) {
            assertThatThrownBy(() -> {
                try (CsvRows rows = CsvRows.read(new java.io.StringReader("h\n" + cell + "\n"), "f.csv", false,
                        CsvRows.SyntaxMessage.PLAIN)) {
                    rows.next(() -> rows.get(0));
                }
            }).isInstanceOf(PurserException.class)
                    .hasMessage("f.csv:2: h: a field is longer than 65,536 characters; no bill has cells that long");
        }
    }

    @Test
    void focus_lineOfCommas_refusedForTooManyFields() throws IOException {
        Path file = dir.resolve("commas.csv");
        Files.writeString(file, String.join(",", FocusFixtures.DEMO_HEADERS) + "\n" + ",".repeat(100_000) + "\n");

        PurserException e = refusedFocus(file, ImportOptions.STRICT);

        assertThat(e.getMessage()).isEqualTo("commas.csv:2: the record has more than 16,384 fields; no bill has that "
                + "many columns");
    }

    @Test
    void focus_quotedFieldNeverClosed_stopsAtTheFieldLimit() throws IOException {
        Path file = dir.resolve("quote.csv");
        Files.writeString(file, String.join(",", FocusFixtures.DEMO_HEADERS) + "\n\"" + "a\n".repeat(100_000));

        PurserException e = refusedFocus(file, ImportOptions.STRICT);

        assertThat(e.getMessage()).isEqualTo("quote.csv:2: BillingAccountId: a field is longer than 65,536 "
                + "characters; no bill has cells that long");
    }

    @Test
    void focus_nulInsideARow_refusedAtItsLine() throws IOException {
        String text = FocusFixtures.demo().row().row("ResourceName", "api\0-2").text();
        Path file = dir.resolve("nul.csv");
        Files.writeString(file, text);

        PurserException e = refusedFocus(file, new ImportOptions(true));

        assertThat(e.getMessage()).startsWith("nul.csv:3: binary data (a NUL character)");
    }

    @Test
    void cur_gzipOfZeros_refusedAsBinary() {
        Path bomb = HostileFiles.gzipOfZeros(dir.resolve("cur.csv.gz"), TWO_GIB);
        CurImporter importer = new CurImporter(new JdbcCostSink(db.dataSource()), CLOCK);

        assertThatThrownBy(() -> importer.importFile(bomb, ImportOptions.STRICT))
                .isInstanceOf(PurserException.class)
                .hasMessage("cur.csv.gz:1: binary data (a NUL character) where CSV text was expected; this is not a "
                        + "CSV text file");
        assertThat(store.snapshot()).isEqualTo(before);
    }

    @Test
    void doInvoice_gzipOfZeros_refusedAsBinary() {
        Path bomb = HostileFiles.gzipOfZeros(dir.resolve(DoInvoiceImporterTest.NAME + ".gz"), TWO_GIB);
        DoInvoiceImporter importer = new DoInvoiceImporter(new JdbcCostSink(db.dataSource()), CLOCK);

        assertThatThrownBy(() -> importer.importFile(bomb, ImportOptions.STRICT))
                .isInstanceOf(PurserException.class)
                .hasMessageStartingWith(DoInvoiceImporterTest.NAME + ".gz:1: binary data (a NUL character)");
        assertThat(store.snapshot()).isEqualTo(before);
    }

    @Test
    void doInvoice_gzipOfValidRowsExpandingTwoGib_refusedAtTheInvoiceLimit() {
        String[] lines = DoInvoiceImporterTest.CSV.split("\r\n");
        Path bomb = HostileFiles.gzip(dir.resolve(DoInvoiceImporterTest.NAME + ".gz"),
                (lines[0] + "\r\n").getBytes(StandardCharsets.UTF_8), (lines[1] + "\r\n").getBytes(StandardCharsets.UTF_8),
                TWO_GIB);
        DoInvoiceImporter importer = new DoInvoiceImporter(new JdbcCostSink(db.dataSource()), CLOCK);

        assertThatThrownBy(() -> importer.importFile(bomb, ImportOptions.STRICT))
                .isInstanceOf(PurserException.class)
                .hasMessageContaining("the file holds more than 64.0 MiB of text; a DigitalOcean invoice");
        assertThat(store.snapshot()).isEqualTo(before);
    }

    @Test
    void doInvoice_plainFileOverTheInvoiceLimit_refused() throws IOException {
        String[] lines = DoInvoiceImporterTest.CSV.split("\r\n");
        Path file = dir.resolve(DoInvoiceImporterTest.NAME);
        try (var out = Files.newBufferedWriter(file)) {
            out.write(lines[0] + "\r\n");
            String row = lines[1] + "\r\n";
            for (long written = 0; written <= InputLimits.MAX_INVOICE_BYTES; written += row.length()) {
                out.write(row);
            }
        }
        DoInvoiceImporter importer = new DoInvoiceImporter(new JdbcCostSink(db.dataSource()), CLOCK);

        assertThatThrownBy(() -> importer.importFile(file, ImportOptions.STRICT))
                .isInstanceOf(PurserException.class)
                .hasMessageMatching(java.util.regex.Pattern.quote(DoInvoiceImporterTest.NAME)
                        + ":\\d+: the file holds more than 64\\.0 MiB of text; a DigitalOcean invoice \\(one row per "
                        + "resource and month\\) is far smaller");
        assertThat(store.snapshot()).isEqualTo(before);
    }

    @Test
    void dockerStats_lineWithoutEnd_refusedAtItsLine() throws IOException {
        Path file = dir.resolve("stats.jsonl");
        Files.writeString(file, "\n" + "x".repeat(200_000));

        assertThatThrownBy(() -> DockerStatsReader.read(file))
                .isInstanceOf(PurserException.class)
                .hasMessage("stats.jsonl:2: the line is longer than 65,536 characters");
    }
}
