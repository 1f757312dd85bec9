package dev.purser.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LineItemCopyEncoderTest {

    private static final int COLUMNS = 38;

    private static String[] encode(LineItemCopyEncoder encoder, dev.purser.core.model.CostLineItem item) {
        CopyText o = new CopyText(256);
        encoder.encode(item, 0, o);
        String line = new String(o.drain(), StandardCharsets.UTF_8);
        assertThat(line).endsWith("\n");
        return line.substring(0, line.length() - 1).split("\t", -1);
    }

    @Test
    void encode_row_writesEveryColumnOfTheCopyStatement() {
        String[] fields = encode(new LineItemCopyEncoder(42, "focus"),
                Rows.charge("acct-1", LocalDate.of(2026, 10, 5), "Droplets", "1.50", null, Map.of(), Map.of()));

        assertThat(fields).hasSize(COLUMNS);
        assertThat(LineItemCopyEncoder.COPY.split(",")).hasSize(COLUMNS);
        assertThat(fields[0]).isEqualTo("42");
        assertThat(fields[1]).as("the COPY stream, the leaf's partition key").isEqualTo("0");
        assertThat(fields[2]).isEqualTo("focus");
        assertThat(fields[3]).isEqualTo("acct-1");
        assertThat(fields[7]).isEqualTo("2026-10-05T00:00:00Z");
        assertThat(fields[9]).isEqualTo("Usage");
        assertThat(fields[10]).isEqualTo("\\N");
        assertThat(fields[12]).isEqualTo("1.50");
        assertThat(fields[14]).as("list cost absent").isEqualTo("\\N");
        assertThat(fields[16]).isEqualTo("USD");
        assertThat(fields[36]).isEqualTo("{}");
        assertThat(fields[37]).isEqualTo("{}");
    }

    @Test
    void encode_tagsWithQuotesAndTabs_areJsonThenCopyEscaped() {
        String[] fields = encode(new LineItemCopyEncoder(1, "cur"),
                Rows.charge("acct-1", LocalDate.of(2026, 10, 5), "Droplets", "1", "1",
                        Map.of("team", "a\"b\tc"), Map.of("x_note", "back\\slash")));

        assertThat(fields[36]).isEqualTo("{\"team\":\"a\\\\\"b\\\\tc\"}");
        assertThat(fields[37]).isEqualTo("{\"x_note\":\"back\\\\\\\\slash\"}");
    }

    @Test
    void encode_sourceWithTab_isEscapedOnEveryRow() {
        LineItemCopyEncoder encoder = new LineItemCopyEncoder(7, "odd\tsource");

        String[] first = encode(encoder, Rows.charge("acct-1", LocalDate.of(2026, 10, 5), "1"));
        String[] second = encode(encoder, Rows.charge("acct-1", LocalDate.of(2026, 10, 6), "1"));

        assertThat(first[2]).isEqualTo("odd\\tsource");
        assertThat(second[2]).isEqualTo("odd\\tsource");
        assertThat(second[7]).as("the instant cache moves on").isEqualTo("2026-10-06T00:00:00Z");
    }

    @Test
    void json_controlCharacter_isUnicodeEscaped() {
        assertThat(new LineItemCopyEncoder(1, "focus").json(Map.of("k", "\u0001")))
                .isEqualTo("{\"k\":\"\\u0001\"}");
    }
}
