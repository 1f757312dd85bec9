package dev.purser.commands.importing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.purser.commands.ArgumentSpec;
import dev.purser.commands.CommandDispatcher;
import dev.purser.commands.CommandRegistry;
import dev.purser.commands.CommandSpec;
import dev.purser.commands.PathPolicy;
import dev.purser.commands.reply.Figure;
import dev.purser.commands.reply.Reply;
import dev.purser.commands.reply.Value;
import dev.purser.commands.testing.Fixtures;
import dev.purser.commands.testing.RecordingImporter;
import dev.purser.core.error.ErrorCode;
import dev.purser.core.error.PurserException;
import dev.purser.core.ingest.CostImporter;
import dev.purser.core.ingest.CostPull;
import dev.purser.core.ingest.CostPull.Check;
import dev.purser.core.ingest.CostPull.PullRequest;
import dev.purser.core.ingest.CostPull.PullResult;
import dev.purser.core.ingest.ImportResult;
import dev.purser.core.model.Money;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImportPullCommandTest {

    /** A pull that records each request and answers with a set result, or throws a set failure. */
    static final class RecordingPull implements CostPull {
        final String kind;
        final List<PullRequest> requests = new ArrayList<>();
        PullResult answer;
        PurserException failure;

        RecordingPull(String kind) {
            this.kind = kind;
        }

        @Override
        public String kind() {
            return kind;
        }

        @Override
        public PullResult pull(PullRequest request) {
            requests.add(request);
            if (failure != null) {
                throw failure;
            }
            return answer;
        }
    }

    @TempDir
    Path imports;

    private final RecordingImporter focus = new RecordingImporter("focus");
    private final RecordingImporter doInvoice = new RecordingImporter("do-invoice");
    private final RecordingPull doBilling = new RecordingPull("do-billing");
    private final RecordingPull awsCe = new RecordingPull("aws-ce");
    private CommandDispatcher dispatcher;

    @BeforeEach
    void setUp() throws IOException {
        Files.writeString(imports.resolve("a.csv"), "x");
        CommandSpec command = ImportCommand.create(Map.<String, CostImporter>of("focus", focus, "do-invoice", doInvoice),
                Map.<String, CostPull>of("do-billing", doBilling, "aws-ce", awsCe), PathPolicy.of(imports));
        dispatcher = new CommandDispatcher(CommandRegistry.of(command));
        doBilling.answer = new PullResult("do-billing", List.of(result("DigitalOcean API: 2 invoices", 6, "35.79",
                "2026-09-01", "2026-10-31", 0)), List.of(
                        new Check("invoice 1001", "2026-09", 2, Money.of("12.3400", "USD"), Money.of("12.34", "USD")),
                        new Check("invoice 1002", "2026-10", 4, Money.of("23.45", "USD"), Money.of("23.45", "USD"))),
                LocalDate.of(2026, 9, 1), LocalDate.of(2026, 10, 31), List.of());
        awsCe.answer = new PullResult("aws-ce", List.of(result("AWS Cost Explorer", 93, "3100.5", "2026-10-01",
                "2026-10-31", 33)), List.of(), LocalDate.of(2026, 10, 1), LocalDate.of(2026, 10, 31),
                List.of("Cost Explorer answered in 1 request; AWS bills each one"));
    }

    private static ImportResult result(String name, long rows, String usd, String first, String last, long replaced) {
        return new ImportResult(7, "x", name, null, rows, Map.of(Currency.getInstance("USD"), new BigDecimal(usd)),
                LocalDate.parse(first), LocalDate.parse(last), Set.of("acct"), Set.of(YearMonth.parse(first.substring(0, 7))),
                replaced, List.of(), List.of());
    }

    private Reply run(String line) {
        return dispatcher.run(Fixtures.requester(), "cli", line);
    }

    private static Map<String, Value> figures(Reply reply) {
        return reply.figures().stream().collect(Collectors.toMap(Figure::key, Figure::value));
    }

    private static void assertBadArgument(Reply reply, String... contains) {
        assertThat(reply.error()).isNotNull();
        assertThat(reply.error().code()).isEqualTo(ErrorCode.BAD_ARGUMENT);
        assertThat(reply.error().message()).contains(contains);
    }

    @Test
    void import_doBillingMonths_pullsWholeMonthsAndListsEachInvoice() {
        Reply reply = run("import do-billing --from 2026-09 --to 2026-10");

        assertThat(reply.error()).isNull();
        assertThat(doBilling.requests).containsExactly(
                new PullRequest(LocalDate.of(2026, 9, 1), LocalDate.of(2026, 10, 31), null));
        Map<String, Value> f = figures(reply);
        assertThat(f.get("rows").asNumber()).isEqualByComparingTo("6");
        assertThat(f.get("total").asMoney()).isEqualTo(Money.of("35.79", "USD"));
        assertThat(f.get("period_start").asDate()).isEqualTo(LocalDate.of(2026, 9, 1));
        assertThat(f.get("period_end").asDate()).isEqualTo(LocalDate.of(2026, 10, 31));
        assertThat(reply.tables()).singleElement().satisfies(t -> {
            assertThat(t.key()).isEqualTo("invoices");
            assertThat(t.rows()).hasSize(2);
            assertThat(t.rows().get(0).get(4).asMoney()).isEqualTo(Money.of("12.34", "USD"));
        });
        assertThat(reply.summary()).contains("2 of 2 invoices match");
    }

    @Test
    void import_doBillingNoWindow_pullsEverything() {
        assertThat(run("import do-billing").error()).isNull();
        assertThat(doBilling.requests).containsExactly(PullRequest.all());
    }

    @Test
    void import_awsCeDays_passesDaysAndAccount() {
        Reply reply = run("import aws-ce --from 2026-10-01 --to 2026-10-31 --account 111122223333");

        assertThat(reply.error()).isNull();
        assertThat(awsCe.requests).containsExactly(
                new PullRequest(LocalDate.of(2026, 10, 1), LocalDate.of(2026, 10, 31), "111122223333"));
        assertThat(figures(reply).get("replaced_rows").asNumber()).isEqualByComparingTo("33");
        assertThat(reply.notes()).contains("Cost Explorer answered in 1 request; AWS bills each one");
        assertThat(reply.summary()).contains("2026-10-01 to 2026-10-31");
    }

    @Test
    void import_fileKindWithoutFiles_badArgument() {
        assertBadArgument(run("import focus"), "import focus needs <file>");
        assertThat(focus.calls()).isEmpty();
    }

    @Test
    void import_pullKindWithFiles_badArgumentAndNothingPulled() {
        assertBadArgument(run("import do-billing a.csv"), "<file> 'a.csv' does not apply to import do-billing",
                "it takes: --from, --to, --account", "(<file> is for import do-invoice, focus)");
        assertBadArgument(run("import aws-ce a.csv --from 2026-10-01 --to 2026-10-02"),
                "does not apply to import aws-ce");
        assertThat(doBilling.requests).isEmpty();
        assertThat(awsCe.requests).isEmpty();
    }

    @Test
    void import_optionsThatDoNotApply_badArgument() {
        assertBadArgument(run("import focus a.csv --from 2026-10-01"), "--from");
        assertBadArgument(run("import focus a.csv --account 1"), "--account");
        assertBadArgument(run("import aws-ce --from 2026-10-01 --to 2026-10-02 --lenient"), "--lenient");
        assertBadArgument(run("import do-billing --month 2026-10"), "--month");
        assertThat(focus.calls()).isEmpty();
        assertThat(awsCe.requests).isEmpty();
    }

    @Test
    void import_optionOfAnotherKind_refusedSayingWhatTheKindTakes() {
        Reply reply = run("import focus a.csv --month 2026-10");

        assertThat(reply.error().code()).isEqualTo(ErrorCode.BAD_ARGUMENT);
        assertThat(reply.error().message()).isEqualTo("--month does not apply to import focus;"
                + " it takes: <file>, --lenient (--month is for import do-invoice)");
        assertThat(focus.calls()).isEmpty();
    }

    @Test
    void import_namedOptionOfAnotherKind_refusedLikeTyped() {
        Reply named = dispatcher.runNamed(Fixtures.requester(), "mcp", "import",
                Map.of("kind", "aws-ce", "from", "2026-10-01", "lenient", true));
        Reply typed = run("import aws-ce --from 2026-10-01 --lenient");

        assertThat(named.error().code()).isEqualTo(ErrorCode.BAD_ARGUMENT);
        assertThat(named.error().message()).isEqualTo(typed.error().message())
                .startsWith("--lenient does not apply to import aws-ce; it takes: --from, --to, --account");
        assertThat(awsCe.requests).isEmpty();
    }

    @Test
    void import_namedDefaultOfAnotherKind_changesNothingAndRuns() {
        Reply reply = dispatcher.runNamed(Fixtures.requester(), "mcp", "import",
                Map.of("kind", "aws-ce", "from", "2026-10-01", "to", "2026-10-31", "lenient", false));

        assertThat(reply.error()).isNull();
        assertThat(awsCe.requests).containsExactly(new PullRequest(LocalDate.of(2026, 10, 1), LocalDate.of(2026, 10, 31), null));
    }

    @Test
    void create_kinds_declareWhatEachTakes() {
        CommandSpec command = dispatcher.registry().find("import").orElseThrow();

        assertThat(command.kinds().kind("do-invoice").orElseThrow().accepts())
                .containsExactly("file", "lenient", "account", "month");
        assertThat(command.kinds().kind("aws-ce").orElseThrow().accepts()).containsExactly("from", "to", "account");
        assertThat(command.kinds().kind("focus").orElseThrow().requires()).containsExactly("file");
        assertThat(command.kinds().kindsTaking("month")).containsExactly("do-invoice");
    }

    @Test
    void import_badWindow_badArgument() {
        assertBadArgument(run("import aws-ce --from 2026-13-01 --to 2026-10-02"), "--from", "2026-13-01");
        assertBadArgument(run("import aws-ce --from 2026-10-05 --to 2026-10-02"), "before");
        assertBadArgument(run("import do-invoice a.csv --month October"), "--month", "October");
        assertThat(awsCe.requests).isEmpty();
    }

    @Test
    void import_doInvoiceAccountAndMonth_passedToTheImporter() {
        Reply reply = run("import do-invoice a.csv --account 6173678 --month 2026-10");

        assertThat(reply.error()).isNull();
        assertThat(doInvoice.calls()).singleElement().satisfies(c -> {
            assertThat(c.options().billingAccount()).isEqualTo("6173678");
            assertThat(c.options().billingPeriod()).isEqualTo(YearMonth.of(2026, 10));
            assertThat(c.options().lenient()).isFalse();
        });
    }

    @Test
    void import_pullFails_errorKeepsItsCode() {
        awsCe.failure = new PurserException(ErrorCode.EXTERNAL_API_ERROR, "AWS Cost Explorer failed");

        Reply reply = run("import aws-ce --from 2026-10-01 --to 2026-10-02");

        assertThat(reply.error().code()).isEqualTo(ErrorCode.EXTERNAL_API_ERROR);
    }

    @Test
    void create_withoutPulls_keepsTheFileOnlyArguments() {
        CommandSpec fileOnly = ImportCommand.create(Map.<String, CostImporter>of("focus", focus), PathPolicy.of(imports));

        assertThat(fileOnly.arguments()).extracting(ArgumentSpec::name).containsExactly("kind", "file", "lenient");
        assertThat(fileOnly.argument("file").orElseThrow().required()).isTrue();
    }

    @Test
    void create_kindInBothMaps_refused() {
        assertThatThrownBy(() -> ImportCommand.create(Map.<String, CostImporter>of("aws-ce", focus),
                Map.<String, CostPull>of("aws-ce", awsCe), PathPolicy.of(imports)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("aws-ce");
    }
}
