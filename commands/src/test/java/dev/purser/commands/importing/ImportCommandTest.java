package dev.purser.commands.importing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.purser.commands.reply.Figure;
import dev.purser.commands.reply.Reply;
import dev.purser.commands.reply.Value;
import dev.purser.commands.testing.Fixtures;
import dev.purser.commands.testing.RecordingImporter;
import dev.purser.core.error.ErrorCode;
import dev.purser.core.error.PurserException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImportCommandTest {

    @TempDir
    Path imports;
    Fixtures fx;

    @BeforeEach
    void setUp() throws IOException {
        for (String name : List.of("a.csv", "b.csv", "c.csv")) {
            Files.writeString(imports.resolve(name), "x");
        }
        fx = new Fixtures(imports);
    }

    private Reply run(String line) {
        return fx.dispatcher.run(Fixtures.requester(), "cli", line);
    }

    private static Map<String, Value> figures(Reply reply) {
        return reply.figures().stream().collect(Collectors.toMap(Figure::key, Figure::value));
    }

    @Test
    void import_files_oneRowEachAndTotals() throws IOException {
        fx.importer.answer("a.csv", RecordingImporter.result("a.csv", 10, "100.005", "USD", "2026-09-01", "2026-09-30", 4, List.of()))
                .answer("b.csv", RecordingImporter.result("b.csv", 5, "0.995", "USD", "2026-10-01", "2026-10-02", 0, List.of()));
        Reply reply = run("import focus a.csv b.csv");
        assertThat(reply.error()).isNull();
        assertThat(fx.importer.calls()).extracting(RecordingImporter.Call::file)
                .containsExactly(imports.resolve("a.csv").toRealPath(), imports.resolve("b.csv").toRealPath());
        assertThat(fx.importer.calls().get(0).options().lenient()).isFalse();
        assertThat(reply.tables().get(0).rows()).hasSize(2);
        Map<String, Value> f = figures(reply);
        assertThat(f.get("total").asMoney().amount()).isEqualByComparingTo("101.000");
        assertThat(f.get("rows").asNumber()).isEqualByComparingTo("15");
        assertThat(f.get("first_charge_day").asDate()).isEqualTo(LocalDate.of(2026, 9, 1));
        assertThat(f.get("last_charge_day").asDate()).isEqualTo(LocalDate.of(2026, 10, 2));
        assertThat(f.get("replaced_rows").asNumber()).isEqualByComparingTo("4");
        assertThat(reply.summary()).contains("Replaced 4 rows");
    }

    @Test
    void import_lenient_passedAndSkippedListed() {
        List<String> skipped = new ArrayList<>();
        for (int i = 1; i <= 25; i++) {
            skipped.add("a.csv:" + i + ": BilledCost: not a number");
        }
        fx.importer.answer("a.csv", RecordingImporter.result("a.csv", 10, "1", "USD", "2026-09-01", "2026-09-30", 0, skipped));
        Reply reply = run("import focus a.csv --lenient");
        assertThat(fx.importer.calls().get(0).options().lenient()).isTrue();
        assertThat(reply.notes()).hasSize(ImportCommand.SKIPPED_LISTED + 1).last().asString().contains("5 more");
        assertThat(reply.summary()).contains("Skipped 25 malformed rows");
    }

    @Test
    void import_twoCurrencies_totalPerCurrency() {
        fx.importer.answer("a.csv", RecordingImporter.result("a.csv", 1, "5", "EUR", "2026-09-01", "2026-09-01", 0, List.of()))
                .answer("b.csv", RecordingImporter.result("b.csv", 1, "7", "USD", "2026-09-01", "2026-09-01", 0, List.of()));
        assertThat(figures(run("import focus a.csv b.csv"))).containsKeys("total_eur", "total_usd").doesNotContainKey("total");
    }

    @Test
    void import_laterFileFails_errorNamesWhatLanded() {
        fx.importer.fail("b.csv", new PurserException(ErrorCode.MALFORMED_FILE, "b.csv:3: BilledCost: 'x' is not a number"));
        Reply reply = run("import focus a.csv b.csv c.csv");
        assertThat(reply.error().code()).isEqualTo(ErrorCode.MALFORMED_FILE);
        assertThat(reply.error().message()).contains("imported a.csv before b.csv failed").contains("b.csv:3");
        assertThat(fx.importer.calls()).hasSize(2);
    }

    @Test
    void import_firstFileFails_originalError() {
        PurserException failure = new PurserException(ErrorCode.MALFORMED_FILE, "a.csv:1: header: missing BilledCost");
        fx.importer.fail("a.csv", failure);
        Reply reply = run("import focus a.csv");
        assertThat(reply.error().message()).isEqualTo(failure.getMessage());
        assertThat(reply.error().referenceId()).isEqualTo(failure.referenceId());
    }

    @Test
    void import_unknownKind_listsKinds() {
        Reply reply = run("import cur a.csv");
        assertThat(reply.error().code()).isEqualTo(ErrorCode.BAD_ARGUMENT);
        assertThat(reply.error().message()).contains("'cur'").contains("focus");
    }

    @Test
    void import_outsideRoot_pathNotAllowedAndNothingImported() {
        assertThat(run("import focus ../a.csv").error().code()).isEqualTo(ErrorCode.PATH_NOT_ALLOWED);
        assertThat(run("import focus /etc/passwd").error().code()).isEqualTo(ErrorCode.PATH_NOT_ALLOWED);
        assertThat(fx.importer.calls()).isEmpty();
    }
}
