package dev.purser.core.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.purser.core.error.ErrorCode;
import dev.purser.core.error.PurserException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvRowsTest {

    private static final String ZIP = "unzip it";
    private static final String PARQUET = "export CSV";

    @TempDir
    Path dir;

    /** A mapper of "name,amount" records: the amount must be a whole number; "~" in it is tolerated. */
    private static final class Amounts implements CsvRows.RowMapper<String> {
        private final CsvRows csv;

        Amounts(CsvRows csv) {
            this.csv = csv;
        }

        @Override
        public String map() throws CsvRows.RowError {
            if (csv.size() != 2) {
                throw new CsvRows.RowError(null, "the row has " + csv.size() + " fields");
            }
            String amount = csv.cell(1);
            if (amount.startsWith("~")) {
                csv.tolerate(0);
                amount = amount.substring(1);
            }
            if (!amount.matches("-?\\d+")) {
                csv.tolerate(1);
                throw new CsvRows.RowError("amount", CsvRows.quote(amount) + " is not a whole number");
            }
            return csv.cell(0) + "=" + amount;
        }
    }

    private Path file(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    private static List<String> readAll(CsvRows csv) {
        Amounts mapper = new Amounts(csv);
        List<String> rows = new ArrayList<>();
        String row;
        while ((row = csv.next(mapper)) != null) {
            rows.add(row);
        }
        return rows;
    }

    private static CsvRows open(Path file, boolean lenient) {
        return CsvRows.open(file, "test CSV file", ZIP, PARQUET, lenient, "approximate amounts", "never kept");
    }

    @Test
    void next_cleanFile_returnsRowsAndTheHeader() throws IOException {
        try (CsvRows csv = open(file("ok.csv", "name, amount\nweb, 3\n\n\"db\nprimary\",4\n"), false)) {
            assertThat(csv.header()).containsExactly("name", " amount");
            assertThat(readAll(csv)).containsExactly("web=3", "db\nprimary=4");
            assertThat(csv.rowsRead()).isEqualTo(2);
            assertThat(csv.skippedRows()).isZero();
            assertThat(csv.next(new Amounts(csv))).as("stays at the end").isNull();
        }
    }

    @Test
    void next_strictBadCell_namesFileLineAndColumn() throws IOException {
        Path path = file("bad.csv", "name,amount\nweb,3\n\"multi\nline\",2\ndb,x1\n");

        try (CsvRows csv = open(path, false)) {
            assertThatThrownBy(() -> readAll(csv))
                    .isInstanceOfSatisfying(PurserException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED_FILE))
                    .hasMessage("bad.csv:5: amount: 'x1' is not a whole number");
        }
    }

    @Test
    void next_rowFault_hasNoColumnPart() throws IOException {
        try (CsvRows csv = open(file("short.csv", "name,amount\nweb\n"), false)) {
            assertThatThrownBy(() -> readAll(csv)).hasMessage("short.csv:2: the row has 1 fields");
        }
    }

    @Test
    void next_lenient_skipsCountsAndListsBadRows() throws IOException {
        try (CsvRows csv = open(file("mixed.csv", "name,amount\na,1\nb,x\nc,2\nd\n"), true)) {
            assertThat(readAll(csv)).containsExactly("a=1", "c=2");
            assertThat(csv.skippedRows()).isEqualTo(2);
            assertThat(csv.skipped()).containsExactly(
                    "mixed.csv:3: amount: 'x' is not a whole number",
                    "mixed.csv:5: the row has 1 fields");
        }
    }

    @Test
    void skipped_pastTheListLimit_countsTheRest() throws IOException {
        StringBuilder text = new StringBuilder("name,amount\n");
        int bad = CsvRows.MAX_LISTED_SKIPS + 5;
        for (int i = 0; i < bad; i++) {
            text.append("r").append(i).append(",x\n");
        }
        try (CsvRows csv = open(file("many.csv", text.toString()), true)) {
            assertThat(readAll(csv)).isEmpty();
            assertThat(csv.skippedRows()).isEqualTo(bad);
            assertThat(csv.skipped()).hasSize(CsvRows.MAX_LISTED_SKIPS + 1);
            assertThat(csv.skipped().get(CsvRows.MAX_LISTED_SKIPS)).isEqualTo("... and 5 more skipped rows");
        }
    }

    @Test
    void tolerated_countsOnlyRowsThatWereReturned() throws IOException {
        try (CsvRows csv = open(file("approx.csv", "name,amount\na,~1\nb,~2\nc,~x\n"), true)) {
            readAll(csv);

            assertThat(csv.tolerated()).containsExactly("2 approximate amounts");
        }
    }

    @Test
    void next_unclosedQuote_failsEvenWhenLenient() throws IOException {
        try (CsvRows csv = open(file("quote.csv", "name,amount\na,1\nb,\"2\n"), true)) {
            assertThatThrownBy(() -> readAll(csv))
                    .hasMessage("quote.csv:3: a quoted field starting on line 3 is never closed");
        }
    }

    @Test
    void read_textWithFieldSyntax_namesTheField() {
        CsvRows csv = CsvRows.read(new StringReader("name,amount\na,\"1\"x\n"), "text.csv", false,
                e -> "field " + e.field() + (e.unclosed() ? ": unclosed" : ": stray text"));

        assertThatThrownBy(() -> readAll(csv)).hasMessage("text.csv:2: field 2: stray text");
    }

    @Test
    void read_emptyText_hasAnEmptyHeader() {
        try (CsvRows csv = CsvRows.read(new StringReader("\uFEFF"), "empty.csv", false, CsvRows.SyntaxMessage.PLAIN)) {
            assertThat(csv.header()).isEmpty();
            assertThat(readAll(csv)).isEmpty();
            assertThatThrownBy(csv::sha256).isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void next_lineOfSpacesMappedToNull_isPassedOverUncounted() {
        CsvRows csv = CsvRows.read(new StringReader("name\n   \nweb\n"), "blank.csv", false, CsvRows.SyntaxMessage.PLAIN);
        CsvRows.RowMapper<String> names = () -> csv.get(0).isBlank() ? null : csv.cell(0);

        assertThat(csv.next(names)).isEqualTo("web");
        assertThat(csv.line()).isEqualTo(3);
        assertThat(csv.next(names)).isNull();
        assertThat(csv.skippedRows()).isZero();
        assertThat(csv.rowsRead()).isEqualTo(1);
    }

    @Test
    void sha256_plainFile_isTheDigestOfItsBytes() throws Exception {
        String text = "name,amount\na,1\n";
        Path path = file("digest.csv", text);

        try (CsvRows csv = open(path, false)) {
            assertThatThrownBy(csv::sha256).isInstanceOf(IllegalStateException.class);
            readAll(csv);

            assertThat(csv.sha256()).isEqualTo(sha256(text.getBytes(StandardCharsets.UTF_8)));
        }
    }

    @Test
    void sha256_gzipFile_isTheDigestOfTheCompressedBytes() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
            gz.write("name,amount\na,1\n".getBytes(StandardCharsets.UTF_8));
        }
        Path path = Files.write(dir.resolve("digest.csv.gz"), bytes.toByteArray());

        try (CsvRows csv = open(path, false)) {
            assertThat(readAll(csv)).containsExactly("a=1");
            assertThat(csv.gzip()).isTrue();
            assertThat(csv.sha256()).isEqualTo(sha256(bytes.toByteArray()));
        }
    }

    @Test
    void open_directory_isFileNotFound() {
        assertThatThrownBy(() -> open(dir, false))
                .isInstanceOfSatisfying(PurserException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.FILE_NOT_FOUND))
                .hasMessageEndingWith("is a directory, not a test CSV file");
    }

    @Test
    void quote_longValueWithLineBreak_isCutAndShown() {
        assertThat(CsvRows.quote("a\nb")).isEqualTo("'a\\nb'");
        assertThat(CsvRows.quote("x".repeat(70))).isEqualTo("'" + "x".repeat(60) + "...'");
        assertThat(CsvRows.quote(null)).isEqualTo("''");
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
