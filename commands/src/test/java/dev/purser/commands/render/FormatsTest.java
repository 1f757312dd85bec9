package dev.purser.commands.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.purser.core.model.Money;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class FormatsTest {

    @Test
    void money_usdSymbolOthersCode() {
        assertThat(Formats.money(Money.of("1234.565", "USD"))).isEqualTo("$1,234.56");
        assertThat(Formats.money(Money.of("-1234567.5", "USD"))).isEqualTo("-$1,234,567.50");
        assertThat(Formats.money(Money.of("1234.5", "EUR"))).isEqualTo("1,234.50 EUR");
        assertThat(Formats.money(Money.of("1234.5", "JPY"))).isEqualTo("1,234 JPY");
        assertThat(Formats.money(Money.of("-0.001", "USD"))).isEqualTo("$0.00");
    }

    @Test
    void percent_oneDecimalWithSpace() {
        assertThat(Formats.percent(new BigDecimal("0.0561"))).isEqualTo("5.6 %");
        assertThat(Formats.signedPercent(new BigDecimal("0.0561"))).isEqualTo("+5.6 %");
        assertThat(Formats.signedPercent(new BigDecimal("-0.25"))).isEqualTo("-25.0 %");
        assertThat(Formats.percent(null)).isEqualTo("n/a");
    }

    @Test
    void allocate_residueToLargestRemainders() {
        List<BigDecimal> r = Formats.allocate(List.of(new BigDecimal("1.005"), new BigDecimal("1.005"),
                new BigDecimal("1.005"), new BigDecimal("0.005")), new BigDecimal("3.020"), 2);
        assertThat(r).containsExactly(new BigDecimal("1.01"), new BigDecimal("1.01"), new BigDecimal("1.00"),
                new BigDecimal("0.00"));
    }

    @Test
    void allocate_negativeResidue_takenFromMostRoundedUp() {
        List<BigDecimal> r = Formats.allocate(List.of(new BigDecimal("0.335"), new BigDecimal("0.336"),
                new BigDecimal("0.329")), new BigDecimal("1.000"), 2);
        assertThat(r.stream().reduce(BigDecimal.ZERO, BigDecimal::add)).isEqualByComparingTo("1.00");
        assertThat(r).containsExactly(new BigDecimal("0.33"), new BigDecimal("0.34"), new BigDecimal("0.33"));
    }

    @Test
    void allocate_manyRowsEachHalfCent_sumsToTotal() {
        List<BigDecimal> exact = java.util.Collections.nCopies(7, new BigDecimal("0.125"));
        List<BigDecimal> r = Formats.allocate(exact, new BigDecimal("0.875"), 2);
        assertThat(r.stream().reduce(BigDecimal.ZERO, BigDecimal::add)).isEqualByComparingTo("0.88");
    }
}
