package dev.purser.commands.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.purser.commands.reply.Quantity;
import dev.purser.commands.reply.Reply;
import dev.purser.commands.reply.Value;
import dev.purser.commands.testing.SampleReplies;
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
    void value_structured_readsAsTheTablesAlwaysDid() {
        Reply reply = SampleReplies.kitchenSink();
        List<Value> web = reply.tables().get(1).rows().get(0);
        assertThat(Formats.value(web.get(1))).isEqualTo("250m");
        assertThat(Formats.value(web.get(2))).isEqualTo("1 → 0.45");
        assertThat(Formats.value(web.get(3))).isEqualTo("s-2vcpu-4gb → s-1vcpu-2gb");
        assertThat(Formats.value(web.get(4))).isEqualTo("1, 512 MiB");
        assertThat(Formats.value(web.get(5))).isEqualTo("0.29/0.30 cores, 356 MiB");
        assertThat(Formats.value(web.get(6))).isEqualTo("50 %, 75 %");
        List<Value> worker = reply.tables().get(1).rows().get(1);
        assertThat(Formats.value(worker.get(2))).isEqualTo("none → 1");
        assertThat(Formats.value(worker.get(4))).isEqualTo("none, none");
        assertThat(Formats.value(worker.get(5))).isEqualTo("no data");
        assertThat(Formats.value(worker.get(6))).isEqualTo("none");
    }

    @Test
    void quantity_bytes_mebibytesThenGibibytes() {
        assertThat(Formats.quantity(Quantity.bytes(1023L * 1024 * 1024))).isEqualTo("1023 MiB");
        assertThat(Formats.quantity(Quantity.bytes(3L * 1024 * 1024 * 1024 / 2))).isEqualTo("1.50 GiB");
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
