package dev.purser.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CopyTextTest {

    private static String drained(CopyText o) {
        return new String(o.drain(), StandardCharsets.UTF_8);
    }

    @Test
    void text_plainValue_isWrittenAsIs() {
        CopyText o = new CopyText(16);

        o.text("Droplet api-1 (nyc3) \"€\"");

        assertThat(drained(o)).isEqualTo("Droplet api-1 (nyc3) \"€\"");
    }

    @Test
    void text_backslashTabNewlineAndReturn_areEscaped() {
        CopyText o = new CopyText(16);

        o.text("a\\b\tc\nd\re");

        assertThat(drained(o)).isEqualTo("a\\\\b\\tc\\nd\\re");
    }

    @Test
    void text_null_isBackslashN() {
        CopyText o = new CopyText(16);

        o.text(null).tab().decimal(null).endRow();

        assertThat(drained(o)).isEqualTo("\\N\t\\N\n");
    }

    @Test
    void decimal_largeExponent_isPlain() {
        CopyText o = new CopyText(16);

        o.decimal(new BigDecimal("1E+3")).tab().decimal(new BigDecimal("-0.000001"));

        assertThat(drained(o)).isEqualTo("1000\t-0.000001");
    }

    @Test
    void drain_emptiesTheBuffer() {
        CopyText o = new CopyText(16);
        o.raw("x").raw(42L);

        assertThat(drained(o)).isEqualTo("x42");
        assertThat(o.length()).isZero();
    }

    @Test
    void escape_matchesText() {
        CopyText o = new CopyText(16);
        String tricky = "src\\\t\n\r";

        o.text(tricky);

        assertThat(CopyText.escape(tricky)).isEqualTo(drained(o));
    }
}
