package dev.purser.commands.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.purser.commands.reply.Chart;
import dev.purser.commands.reply.CodeBlock;
import dev.purser.commands.reply.Column;
import dev.purser.commands.reply.Figure;
import dev.purser.commands.reply.FollowUp;
import dev.purser.commands.reply.Reply;
import dev.purser.commands.reply.Table;
import dev.purser.commands.testing.Golden;
import dev.purser.commands.testing.SampleReplies;
import dev.purser.core.error.ErrorCode;
import dev.purser.core.model.Money;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What every renderer must do, run once per renderer: show every part of a reply, show errors
 * with their code and reference, stay deterministic, and match its golden files.
 */
abstract class ReplyRendererContract {

    private static final Map<String, Reply> SAMPLES = SampleReplies.all();

    abstract ReplyRenderer renderer();

    /** Golden subdirectory and file extension, e.g. {@code text} and {@code txt}. */
    abstract String goldenDirectory();

    abstract String extension();

    /** How this renderer shows an amount. */
    abstract String shown(Money money);

    static Stream<Arguments> samples() {
        return SAMPLES.keySet().stream().map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void render_sample_matchesGolden(String name) {
        Golden.assertMatches(goldenDirectory() + "/" + name + "." + extension(), renderer().render(SAMPLES.get(name)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void render_sample_isDeterministic(String name) {
        assertThat(renderer().render(SAMPLES.get(name))).isEqualTo(renderer().render(SAMPLES.get(name)));
    }

    @Test
    void render_everyPart_shown() {
        Reply reply = SampleReplies.kitchenSink();
        String out = renderer().render(reply);
        assertThat(out).contains(reply.title()).contains(reply.summary());
        for (Figure f : reply.figures()) {
            assertThat(out).contains(f.label());
        }
        for (Table t : reply.tables()) {
            assertThat(out).contains(t.title());
            for (Column c : t.columns()) {
                assertThat(out).contains(c.label());
            }
        }
        for (CodeBlock c : reply.codeBlocks()) {
            assertThat(out).contains(c.title()).contains(shownCode(c.text()));
        }
        for (Chart c : reply.charts()) {
            assertThat(out).contains(c.altText());
        }
        for (String note : reply.notes()) {
            assertThat(out).contains(note);
        }
        for (FollowUp f : reply.followUps()) {
            assertThat(out).contains(f.commandLine());
        }
        assertThat(out).contains(shown(Money.of("1234.563891", "USD")));
        assertThat(out).contains("2024-02-29");
    }

    @Test
    void render_error_showsMessageCodeAndReference() {
        String out = renderer().render(Reply.error("cost", ErrorCode.FORBIDDEN, "cost needs the viewer role", "ab12cd34"));
        assertThat(out).contains("cost needs the viewer role").contains("FORBIDDEN").contains("ab12cd34");
    }

    @Test
    void render_errorWithoutReference_noPlaceholder() {
        String out = renderer().render(Reply.error("cost", ErrorCode.NOT_FOUND, "no such plan", null));
        assertThat(out).contains("no such plan").doesNotContain("ref null");
    }

    @Test
    void render_codeBlock_textKeptExactly() {
        String text = "spec:\n  template:\n\ttab\n-  memory: 4g\n+  memory: 512m\n \n";
        Reply reply = Reply.builder("x", "t").code("k", "Patch", "yaml", text).build();
        assertThat(renderer().render(reply)).contains(shownCode(text));
    }

    /** How this renderer writes text that must be kept exactly (JSON escapes it). */
    String shownCode(String text) {
        return text;
    }

    @Test
    void render_bareReply_onlyTitle() {
        Reply reply = new Reply("x", "Just a title", "", List.of(), List.of(), List.of(), List.of(), List.of(), null);
        assertThat(renderer().render(reply)).contains("Just a title");
    }
}
