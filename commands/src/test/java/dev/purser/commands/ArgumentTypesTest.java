package dev.purser.commands;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.purser.commands.testing.MutableClock;
import dev.purser.core.analysis.costs.CostMetric;
import dev.purser.core.error.ErrorCode;
import dev.purser.core.error.PurserException;
import dev.purser.core.model.Dimension;
import dev.purser.core.model.Period;
import dev.purser.core.query.PeriodParser;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ArgumentTypesTest {

    private static PurserException badArgument(Runnable r) {
        try {
            r.run();
        } catch (PurserException e) {
            assertThat(e.code()).isEqualTo(ErrorCode.BAD_ARGUMENT);
            return e;
        }
        throw new AssertionError("expected BAD_ARGUMENT");
    }

    @Test
    void integer_inRange_parses() {
        assertThat(ArgumentTypes.integer(1, 50).parse(" 7 ")).isEqualTo(7);
        assertThat(ArgumentTypes.integer(1, 50).expected()).isEqualTo("1..50");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "51", "-3", "99999999999"})
    void integer_outOfRange_namesBounds(String text) {
        assertThat(badArgument(() -> ArgumentTypes.integer(1, 50).parse(text)).getMessage()).contains("1 to 50");
    }

    @Test
    void integer_notANumber_quotesToken() {
        assertThat(badArgument(() -> ArgumentTypes.integer(1, 50).parse("ten")).getMessage())
                .contains("'ten'").contains("1 to 50");
    }

    @Test
    void decimal_keepsExactDigits() {
        assertThat(ArgumentTypes.decimal().parse("0.10")).isEqualTo(new BigDecimal("0.10"));
        badArgument(() -> ArgumentTypes.decimal().parse("1,5"));
    }

    @ParameterizedTest
    @CsvSource({"true,true", "YES,true", "on,true", "1,true", "false,false", "no,false", "off,false", "0,false"})
    void bool_acceptsCommonWords(String text, boolean expected) {
        assertThat(ArgumentTypes.bool().parse(text)).isEqualTo(expected);
    }

    @Test
    void bool_other_badArgument() {
        assertThat(badArgument(() -> ArgumentTypes.bool().parse("maybe")).getMessage()).contains("'maybe'");
    }

    @Test
    void text_blank_badArgument() {
        badArgument(() -> ArgumentTypes.text().parse("  "));
        assertThat(ArgumentTypes.text().parse(" mandible ")).isEqualTo("mandible");
    }

    @Test
    void choice_ignoresCase_returnsDeclaredWord() {
        assertThat(ArgumentTypes.choice("focus", "cur").parse("FOCUS")).isEqualTo("focus");
    }

    @Test
    void choice_unknown_listsChoicesAndSuggests() {
        String message = badArgument(() -> ArgumentTypes.choice("focus", "cur").parse("focs")).getMessage();
        assertThat(message).contains("'focs'").contains("focus, cur").contains("did you mean focus");
    }

    @Test
    void enumOf_usesDashedLowerCaseWords() {
        ArgumentType<Dimension.Kind> kinds = ArgumentTypes.enumOf(Dimension.Kind.class);
        assertThat(kinds.choices()).contains("service-category", "sub-account");
        assertThat(kinds.parse("service-category")).isEqualTo(Dimension.Kind.SERVICE_CATEGORY);
        assertThat(ArgumentTypes.enumOf(CostMetric.class).parse("Effective")).isEqualTo(CostMetric.EFFECTIVE);
        assertThat(badArgument(() -> ArgumentTypes.enumOf(CostMetric.class).parse("net")).getMessage())
                .contains("billed, effective, list");
    }

    @ParameterizedTest
    @CsvSource({
        "2024-02, 2024-02-01, 2024-02-29",
        "2026-02, 2026-02-01, 2026-02-28",
        "2026-09-01..2026-09-30, 2026-09-01, 2026-09-30",
        "2024-02-28..2024-03-01, 2024-02-28, 2024-03-01",
        "mtd, 2024-03-01, 2024-03-31",
        "last-month, 2024-02-01, 2024-02-29",
        "ytd, 2024-01-01, 2024-03-31",
        "7d, 2024-03-25, 2024-03-31",
        "yesterday, 2024-03-30, 2024-03-30",
    })
    void period_forms_atMonthEndOfLeapYear(String text, LocalDate first, LocalDate last) {
        PeriodParser parser = new PeriodParser(MutableClock.at("2024-03-31T23:30:00Z"), ZoneOffset.UTC);
        Period p = ArgumentTypes.period(parser).parse(text);
        assertThat(p.start()).isEqualTo(first);
        assertThat(p.lastDay()).isEqualTo(last);
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-13", "2026-02-30..2026-03-01", "2026-10-31..2026-10-01", "fortnight", "0d"})
    void period_invalid_listsForms(String text) {
        PeriodParser parser = new PeriodParser(MutableClock.at("2026-11-15T10:00:00Z"), ZoneOffset.UTC);
        assertThat(badArgument(() -> ArgumentTypes.period(parser).parse(text)).getMessage())
                .contains(text).contains("last-month");
    }

    @Test
    void dimension_unknown_listsTheDimensions() {
        assertThat(badArgument(() -> ArgumentTypes.dimension().parse("colour")).getMessage())
                .contains("'colour'").contains("service").contains("region").contains("tag:<key>");
        assertThat(ArgumentTypes.dimension().examples()).isEqualTo(Dimension.words());
        assertThat(ArgumentTypes.dimension().parse("tag:env")).isEqualTo(Dimension.tag("env"));
    }

    @Test
    void dimensionValue_splitsAtFirstEquals() {
        ArgumentTypes.DimensionValue v = ArgumentTypes.dimensionValue().parse("tag:env=prod=blue");
        assertThat(v.dimension()).isEqualTo(Dimension.tag("env"));
        assertThat(v.value()).isEqualTo("prod=blue");
    }

    @ParameterizedTest
    @ValueSource(strings = {"region", "=nyc3", "region=", "colour=red"})
    void dimensionValue_malformed_badArgument(String text) {
        badArgument(() -> ArgumentTypes.dimensionValue().parse(text));
    }

    @Test
    void choice_noWords_refusedAtDefinition() {
        assertThatThrownBy(() -> ArgumentTypes.choice()).isInstanceOf(IllegalArgumentException.class);
    }
}
