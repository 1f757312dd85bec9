package dev.purser.core.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/**
 * {@link FocusCsvReader#parseDecimal} reads plain decimals from the record's characters without
 * {@code new BigDecimal(String)}; it must give exactly what that constructor gives (value and
 * scale, so money keeps its cents) and refuse what it refuses.
 */
class FocusDecimalTest {

    private static BigDecimal parse(String text) throws CsvRows.RowError {
        char[] padded = ("##" + text + "##").toCharArray();
        return FocusCsvReader.parseDecimal(FocusColumn.BILLED_COST, padded, 2, 2 + text.length());
    }

    @Test
    void plainAndGeneralForms_matchTheBigDecimalConstructor_valueAndScale() throws Exception {
        String[] texts = {"0", "-0", "-0.00", "0.00754338", "-0.00754338", "12.50", "007.50", "1", "-1",
            "123456789012345678", "-123456789012345678", "1234567890123456789", "99999999999999999999.99",
            "0.000000000000000001", "1.", ".5", "-.5", "+1.25", "1e3", "1E-3", "-2.5e+2", "9223372036854775807",
            "0.100000000000000000"};
        for (String t : texts) {
            BigDecimal expected = new BigDecimal(t);
            BigDecimal got = parse(t);
            assertThat(got).as(t).isEqualTo(expected);
            assertThat(got.scale()).as(t + " scale").isEqualTo(expected.scale());
            assertThat(got.toPlainString()).as(t).isEqualTo(expected.toPlainString());
        }
    }

    @Test
    void notNumbers_areRefusedWithTheCellQuoted() {
        for (String t : new String[] {"-", "1.2.3", "--1", "1,5", "12 USD", "abc", "1-2", "."}) {
            assertThatThrownBy(() -> new BigDecimal(t)).isInstanceOf(NumberFormatException.class);
            assertThatThrownBy(() -> parse(t))
                    .as(t)
                    .isInstanceOf(CsvRows.RowError.class)
                    .hasMessage("'" + t + "' is not a number (expected a plain decimal such as -12.345)")
                    .extracting(e -> ((CsvRows.RowError) e).column()).isEqualTo("BilledCost");
        }
    }
}
