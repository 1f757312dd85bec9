package dev.purser.commands;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.purser.commands.testing.Fixtures;
import dev.purser.core.analysis.costs.CostMetric;
import dev.purser.core.error.ErrorCode;
import dev.purser.core.error.PurserException;
import dev.purser.core.model.Dimension;
import dev.purser.core.model.Period;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommandParserTest {

    @TempDir
    Path imports;
    Fixtures fx;
    CommandParser parser;

    @BeforeEach
    void setUp() throws IOException {
        Files.writeString(imports.resolve("a.csv"), "x");
        Files.writeString(imports.resolve("b.csv"), "x");
        fx = new Fixtures(imports);
        parser = new CommandParser(fx.registry);
    }

    private Invocation parse(String... tokens) {
        return parser.parse(Arrays.asList(tokens));
    }

    private PurserException failure(ErrorCode code, String... tokens) {
        PurserException e = catchThrowableOfType(PurserException.class, () -> parse(tokens));
        assertThat(e).as("expected %s for %s", code, List.of(tokens)).isNotNull();
        assertThat(e.code()).as(e.getMessage()).isEqualTo(code);
        return e;
    }

    private static Period days(String first, String last) {
        return Period.ofDays(LocalDate.parse(first), LocalDate.parse(last), java.time.ZoneOffset.UTC);
    }

    @Test
    void parse_noArguments_appliesDefaults() {
        Map<String, Object> v = parse("cost").values();
        assertThat(v).containsEntry("period", days("2026-11-01", "2026-11-15"))
                .containsEntry("by", Dimension.SERVICE).containsEntry("top", 10)
                .containsEntry("metric", CostMetric.BILLED)
                .doesNotContainKeys("account", "where");
    }

    @Test
    void parse_spaceAndEqualsSyntax_same() {
        assertThat(parse("cost", "--by", "region", "--top", "5").values())
                .isEqualTo(parse("cost", "--by=region", "--top=5").values());
    }

    @Test
    void parse_bareArgumentName_takesNextToken() {
        Map<String, Object> v = parse("cost", "by", "service", "last-month").values();
        assertThat(v).containsEntry("by", Dimension.SERVICE).containsEntry("period", days("2026-10-01", "2026-10-31"));
        assertThat(parse("cost", "last-month", "top", "3", "by", "tag:env").values())
                .containsEntry("top", 3).containsEntry("by", Dimension.tag("env"));
    }

    @Test
    void parse_commandNameAnyCase_found() {
        assertThat(parse("COST").command().name()).isEqualTo("cost");
    }

    @Test
    void parse_defaults_evaluatedAtEachCall() {
        assertThat(parse("cost").values().get("period")).isEqualTo(days("2026-11-01", "2026-11-15"));
        fx.clock.set(Instant.parse("2026-12-02T08:00:00Z"));
        assertThat(parse("cost").values().get("period")).isEqualTo(days("2026-12-01", "2026-12-02"));
    }

    @Test
    void parse_repeatableOption_collectsValues() {
        Object where = parse("cost", "--where", "region=nyc3", "where", "tag:env=prod").values().get("where");
        assertThat(where).isEqualTo(List.of(
                new ArgumentTypes.DimensionValue(new Dimension(Dimension.Kind.REGION, null), "nyc3"),
                new ArgumentTypes.DimensionValue(Dimension.tag("env"), "prod")));
    }

    @Test
    void parse_repeatablePositional_takesTheRest() throws IOException {
        Map<String, Object> v = parse("import", "focus", "a.csv", "b.csv", "--lenient").values();
        assertThat(v.get("kind")).isEqualTo("focus");
        assertThat(v.get("file")).isEqualTo(List.of(imports.resolve("a.csv").toRealPath(), imports.resolve("b.csv").toRealPath()));
        assertThat(v.get("lenient")).isEqualTo(true);
    }

    @Test
    void parse_flagForms() {
        assertThat(parse("import", "focus", "a.csv").values().get("lenient")).isEqualTo(false);
        assertThat(parse("import", "focus", "a.csv", "lenient").values().get("lenient")).isEqualTo(true);
        assertThat(parse("import", "focus", "a.csv", "--lenient=false").values().get("lenient")).isEqualTo(false);
    }

    @Test
    void parse_afterDoubleDash_allPositional() throws IOException {
        Files.writeString(imports.resolve("--odd.csv"), "x");
        assertThat(parse("import", "focus", "--", "--odd.csv").values().get("file"))
                .isEqualTo(List.of(imports.resolve("--odd.csv").toRealPath()));
    }

    @Test
    void parse_unknownCommand_listsCommandsAndSuggests() {
        PurserException e = failure(ErrorCode.UNKNOWN_COMMAND, "cots");
        assertThat(e.getMessage()).contains("'cots'").contains("did you mean cost").contains("movers, import, help");
    }

    @Test
    void parse_unknownCommandFarFromAll_noSuggestion() {
        assertThat(failure(ErrorCode.UNKNOWN_COMMAND, "xyzzy").getMessage()).doesNotContain("did you mean");
    }

    @Test
    void parse_unknownOption_namesItAndListsOptions() {
        PurserException e = failure(ErrorCode.BAD_ARGUMENT, "cost", "--bye", "region");
        assertThat(e.getMessage()).contains("--bye").contains("did you mean by").contains("--top").contains("--where");
    }

    @Test
    void parse_optionWithoutValue_badArgument() {
        assertThat(failure(ErrorCode.BAD_ARGUMENT, "cost", "--by").getMessage()).contains("--by needs a value");
        assertThat(failure(ErrorCode.BAD_ARGUMENT, "cost", "--by", "--top", "3").getMessage()).contains("--by needs a value");
    }

    @Test
    void parse_singleValuedTwice_badArgument() {
        assertThat(failure(ErrorCode.BAD_ARGUMENT, "cost", "--by", "region", "--by=service").getMessage())
                .contains("once").contains("'region'").contains("'service'");
        failure(ErrorCode.BAD_ARGUMENT, "cost", "mtd", "--period", "ytd");
    }

    @Test
    void parse_missingRequired_badArgument() {
        assertThat(failure(ErrorCode.BAD_ARGUMENT, "import").getMessage()).contains("<kind>").contains("focus");
        assertThat(failure(ErrorCode.BAD_ARGUMENT, "import", "focus").getMessage()).contains("<file>");
    }

    @Test
    void parse_tooManyPositionals_badArgument() {
        assertThat(failure(ErrorCode.BAD_ARGUMENT, "cost", "mtd", "region").getMessage())
                .contains("'region'").contains("period");
    }

    @Test
    void parse_unknownDimension_listsDimensions() {
        assertThat(failure(ErrorCode.BAD_ARGUMENT, "cost", "--by", "colour").getMessage())
                .contains("--by").contains("'colour'").contains("service-category").contains("tag:<key>");
    }

    @Test
    void parse_month13_badArgument() {
        assertThat(failure(ErrorCode.BAD_ARGUMENT, "cost", "--period", "2026-13").getMessage())
                .contains("2026-13").contains("<period>");
    }

    @Test
    void parse_topOutOfRange_badArgument() {
        assertThat(failure(ErrorCode.BAD_ARGUMENT, "cost", "--top", "0").getMessage()).contains("--top").contains("1 to 50");
    }

    @Test
    void parse_fileOutsideRoot_keepsPathCode() {
        failure(ErrorCode.PATH_NOT_ALLOWED, "import", "focus", "../escape.csv");
        failure(ErrorCode.FILE_NOT_FOUND, "import", "focus", "missing.csv");
    }

    @Test
    void parse_noTokens_unknownCommand() {
        failure(ErrorCode.UNKNOWN_COMMAND);
    }

    @Test
    void parseNamed_sameValuesAsTyped() {
        Map<String, Object> named = new LinkedHashMap<>();
        named.put("period", "last-month");
        named.put("by", "region");
        named.put("top", 5);
        named.put("where", List.of("tag:env=prod"));
        named.put("account", null);
        assertThat(parser.parseNamed("cost", named).values())
                .isEqualTo(parse("cost", "last-month", "--by", "region", "--top", "5", "--where", "tag:env=prod").values());
    }

    @Test
    void parseNamed_jsonNumbersAndBooleans_converted() {
        assertThat(parser.parseNamed("cost", Map.of("top", 7.0)).values()).containsEntry("top", 7);
        assertThat(parser.parseNamed("cost", Map.of("top", 7L)).values()).containsEntry("top", 7);
        assertThat(parser.parseNamed("import", Map.of("kind", "focus", "file", List.of("a.csv"), "lenient", true))
                .values()).containsEntry("lenient", true);
    }

    @Test
    void parseNamed_badValue_sameMessageAsTyped() {
        PurserException named = catchThrowableOfType(PurserException.class,
                () -> parser.parseNamed("cost", Map.of("by", "colour")));
        PurserException typed = failure(ErrorCode.BAD_ARGUMENT, "cost", "--by", "colour");
        assertThat(named.code()).isEqualTo(ErrorCode.BAD_ARGUMENT);
        assertThat(named.getMessage()).isEqualTo(typed.getMessage());
        PurserException fraction = catchThrowableOfType(PurserException.class,
                () -> parser.parseNamed("cost", Map.of("top", 2.5)));
        assertThat(fraction.code()).isEqualTo(ErrorCode.BAD_ARGUMENT);
    }

    @Test
    void parseNamed_unknownKey_badArgument() {
        PurserException e = catchThrowableOfType(PurserException.class,
                () -> parser.parseNamed("cost", Map.of("colour", "red")));
        assertThat(e.code()).isEqualTo(ErrorCode.BAD_ARGUMENT);
        assertThat(e.getMessage()).contains("colour").contains("--by");
    }

    @Test
    void parseNamed_listForSingleValued_badArgument() {
        PurserException e = catchThrowableOfType(PurserException.class,
                () -> parser.parseNamed("cost", Map.of("by", List.of("region", "service"))));
        assertThat(e.code()).isEqualTo(ErrorCode.BAD_ARGUMENT);
        assertThat(parser.parseNamed("cost", Map.of("by", List.of("region"))).values())
                .containsEntry("by", new Dimension(Dimension.Kind.REGION, null));
    }

    @Test
    void parseNamed_unknownCommand() {
        PurserException e = catchThrowableOfType(PurserException.class, () -> parser.parseNamed("costs", Map.of()));
        assertThat(e.code()).isEqualTo(ErrorCode.UNKNOWN_COMMAND);
        assertThat(e.getMessage()).contains("did you mean cost");
    }
}
