package dev.purser.core.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.Reader;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The tokenizer cuts each record into one character array ({@link CsvTokenizer#chars()}) and makes
 * Strings only on demand; these pin the edges of that: fields across the 64 KiB read buffer,
 * quoted runs copied in bulk, and the field limit at exactly its size.
 */
class CsvTokenizerTest {

    /** A reader that hands out at most {@code step} characters per read, to cut fields anywhere. */
    private static Reader trickle(String text, int step) {
        return new Reader() {
            private int pos;

            @Override
            public int read(char[] cbuf, int off, int len) {
                if (pos >= text.length()) {
                    return -1;
                }
                int n = Math.min(Math.min(len, step), text.length() - pos);
                text.getChars(pos, pos + n, cbuf, off);
                pos += n;
                return n;
            }

            @Override
            public void close() {
            }
        };
    }

    private static List<List<String>> records(Reader in) throws Exception {
        CsvTokenizer t = new CsvTokenizer(in);
        List<List<String>> all = new ArrayList<>();
        while (t.next()) {
            List<String> r = new ArrayList<>();
            for (int i = 0; i < t.size(); i++) {
                String s = t.get(i);
                // the characters and the String agree, and the String is made once
                assertThat(new String(t.chars(), t.start(i), t.end(i) - t.start(i))).isEqualTo(s);
                assertThat(t.get(i)).isSameAs(s);
                r.add(s);
            }
            all.add(r);
        }
        return all;
    }

    @Test
    void fields_cutAtEveryPossibleReadBoundary_readTheSame() throws Exception {
        String text = "a,\"b \"\"q\"\", c\",,\"multi\r\nline\",12.50\r\nx,\"\",y,\"z\",\n\nlast,\"\"\"\",-0.1,,";
        List<List<String>> whole = records(new StringReader(text));
        assertThat(whole).containsExactly(
                List.of("a", "b \"q\", c", "", "multi\r\nline", "12.50"),
                List.of("x", "", "y", "z", ""),
                List.of("last", "\"", "-0.1", "", ""));
        for (int step = 1; step <= 7; step++) {
            assertThat(records(trickle(text, step))).as("reads of %d characters", step).isEqualTo(whole);
        }
    }

    @Test
    void fields_acrossThe64KiBBuffer_areWhole() throws Exception {
        StringBuilder text = new StringBuilder();
        List<List<String>> expected = new ArrayList<>();
        for (int i = 0; i < 6000; i++) {
            String value = "q" + i + ",\"x\"," + "y".repeat(i % 50);
            String last = i % 7 == 0 ? "" : "v" + i;
            text.append("plain").append(i).append(",\"").append(value.replace("\"", "\"\"")).append("\",")
                    .append(last).append('\n');
            expected.add(List.of("plain" + i, value, last));
        }
        assertThat(text.length()).isGreaterThan(3 * 65_536);
        assertThat(records(new StringReader(text.toString()))).isEqualTo(expected);
    }

    @Test
    void quotedField_ofExactlyTheLimit_isRead_andOneMore_isRefusedOnItsLine() throws Exception {
        String max = "z".repeat(InputLimits.MAX_FIELD_CHARS);
        CsvTokenizer ok = new CsvTokenizer(new StringReader("a,\"" + max + "\"\n"));
        assertThat(ok.next()).isTrue();
        assertThat(ok.get(1)).hasSize(InputLimits.MAX_FIELD_CHARS);

        CsvTokenizer over = new CsvTokenizer(new StringReader("h\n\"x\ny\"\na,\"" + max + "z\"\n"));
        assertThat(over.next()).isTrue();
        assertThat(over.next()).isTrue();
        assertThatThrownBy(over::next)
                .isInstanceOf(CsvTokenizer.LimitException.class)
                .hasMessageContaining("a field is longer than")
                .satisfies(e -> {
                    assertThat(((CsvTokenizer.LimitException) e).line()).isEqualTo(4);
                    assertThat(((CsvTokenizer.LimitException) e).field()).isEqualTo(2);
                });
    }

    @Test
    void unquotedField_overTheLimitAcrossReads_isRefused() {
        String over = "w".repeat(InputLimits.MAX_FIELD_CHARS + 1);
        CsvTokenizer t = new CsvTokenizer(trickle("a," + over + "\n", 1000));
        assertThatThrownBy(t::next)
                .isInstanceOf(CsvTokenizer.LimitException.class)
                .hasMessageContaining("a field is longer than");
    }

    @Test
    void nulInsideAQuotedRun_isBinaryData() {
        CsvTokenizer t = new CsvTokenizer(new StringReader("a,\"abc\0def\"\n"));
        assertThatThrownBy(t::next)
                .isInstanceOf(CsvTokenizer.LimitException.class)
                .hasMessageStartingWith("binary data");
    }
}
