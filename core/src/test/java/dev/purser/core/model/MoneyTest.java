package dev.purser.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.purser.core.error.ErrorCode;
import dev.purser.core.error.PurserException;
import java.math.BigDecimal;
import java.util.Currency;
import org.junit.jupiter.api.Test;

class MoneyTest {

    @Test
    void plus_sameCurrency_isExact() {
        Money sum = Money.of("0.1", "USD").plus(Money.of("0.2", "USD"));
        assertThat(sum.amount()).isEqualByComparingTo("0.3");
        assertThat(sum.currency()).isEqualTo(Currency.getInstance("USD"));
    }

    @Test
    void plus_manySmallAmounts_reconcilesToTheCent() {
        Money total = Money.zero(Currency.getInstance("USD"));
        for (int i = 0; i < 10_000; i++) {
            total = total.plus(Money.of("0.000123", "USD"));
        }
        assertThat(total.amount()).isEqualByComparingTo("1.23");
    }

    @Test
    void plus_differentCurrencies_throwsCurrencyMismatch() {
        assertThatThrownBy(() -> Money.of("1", "USD").plus(Money.of("1", "EUR")))
                .isInstanceOf(CurrencyMismatchException.class)
                .extracting(e -> PurserException.of((CurrencyMismatchException) e).code())
                .isEqualTo(ErrorCode.CURRENCY_MISMATCH);
    }

    @Test
    void minus_differentCurrencies_throwsCurrencyMismatch() {
        assertThatThrownBy(() -> Money.of("1", "USD").minus(Money.of("1", "EUR")))
                .isInstanceOf(CurrencyMismatchException.class);
    }

    @Test
    void compareTo_differentCurrencies_throws() {
        assertThatThrownBy(() -> Money.of("1", "USD").compareTo(Money.of("1", "EUR")))
                .isInstanceOf(CurrencyMismatchException.class);
    }

    @Test
    void negate_credit_isNegative() {
        Money credit = Money.of("25.00", "USD").negate();
        assertThat(credit.isNegative()).isTrue();
        assertThat(credit.plus(Money.of("25", "USD")).isZero()).isTrue();
    }

    @Test
    void roundedToMinorUnit_halfEven() {
        assertThat(Money.of("2.345", "USD").roundedToMinorUnit().amount()).isEqualTo(new BigDecimal("2.34"));
        assertThat(Money.of("2.355", "USD").roundedToMinorUnit().amount()).isEqualTo(new BigDecimal("2.36"));
        assertThat(Money.of("1234.5", "JPY").roundedToMinorUnit().amount()).isEqualTo(new BigDecimal("1234"));
    }

    @Test
    void isSameAmount_ignoresScale() {
        assertThat(Money.of("1.50", "USD").isSameAmount(Money.of("1.5", "USD"))).isTrue();
        assertThat(Money.of("1.50", "USD").isSameAmount(Money.of("1.5", "EUR"))).isFalse();
    }

    @Test
    void constructor_nullAmount_namesTheField() {
        assertThatThrownBy(() -> new Money(null, Currency.getInstance("USD")))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("amount");
    }
}
