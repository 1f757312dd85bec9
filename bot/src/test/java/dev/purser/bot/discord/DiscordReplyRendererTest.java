package dev.purser.bot.discord;

import static org.assertj.core.api.Assertions.assertThat;

import dev.purser.commands.reply.Chart;
import dev.purser.commands.reply.CodeBlock;
import dev.purser.commands.reply.Column;
import dev.purser.commands.reply.Figure;
import dev.purser.commands.reply.FollowUp;
import dev.purser.commands.reply.Reply;
import dev.purser.commands.reply.Table;
import dev.purser.commands.reply.Value;
import dev.purser.commands.reply.ValueType;
import dev.purser.commands.testing.Golden;
import dev.purser.commands.testing.SampleReplies;
import dev.purser.core.error.ErrorCode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import net.dv8tion.jda.api.components.actionrow.ActionRow;
import net.dv8tion.jda.api.entities.MessageEmbed;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The Discord rendering of replies: every part shown, within Discord's limits, pinned by golden files. */
class DiscordReplyRendererTest {

    private static final Map<String, Reply> SAMPLES = DiscordSamples.all();
    // a chart stand-in: the PNG's bytes do not matter here, only that one is attached per chart
    private static final DiscordReplyRenderer RENDERER = new DiscordReplyRenderer(c -> new byte[] {(byte) 0x89, 'P'});

    /** Sequential ids, so golden files do not change from run to run. */
    static DiscordReplyRenderer.ButtonIds sequentialIds() {
        int[] next = {0};
        return f -> FollowUpButtons.PREFIX + "b" + ++next[0];
    }

    static DiscordMessage render(Reply reply) {
        return RENDERER.render(reply, sequentialIds());
    }

    static Stream<String> samples() {
        return SAMPLES.keySet().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void render_sample_matchesGolden(String name) {
        String json = DiscordJson.of(render(SAMPLES.get(name))).replace(DiscordSamples.RIGHTSIZE_ROOT.toString(), "$ROOT");
        Golden.assertMatches("discord/" + name + ".json", json);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void render_sample_withinDiscordLimits(String name) {
        DiscordLimitsCheck.assertWithin(render(SAMPLES.get(name)));
    }

    @Test
    void render_rightsizing_showsDiffVerbatim() {
        Reply reply = SAMPLES.get("rightsize-compose-diff");
        assertThat(reply.isError()).as(String.valueOf(reply.error())).isFalse();
        DiscordMessage message = render(reply);
        String all = text(message);
        for (CodeBlock c : reply.codeBlocks()) {
            assertThat(all.contains(c.text()) || attachedMarkdown(message).contains(c.text()))
                    .as("code block %s shown or attached", c.key()).isTrue();
        }
    }

    @Test
    void render_everyPart_shown() {
        Reply reply = SampleReplies.kitchenSink();
        DiscordMessage message = render(reply);
        String out = text(message);
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
            assertThat(out).contains(c.title()).contains(c.text());
        }
        for (Chart c : reply.charts()) {
            assertThat(out).contains(c.altText());
        }
        assertThat(message.files()).extracting(DiscordMessage.Attachment::name)
                .containsExactlyElementsOf(reply.charts().stream().map(c -> DiscordReplyRenderer.fileName(c.key(), "png"))
                        .toList());
        for (String note : reply.notes()) {
            assertThat(out).contains(note);
        }
        for (FollowUp f : reply.followUps()) {
            assertThat(out).contains(f.commandLine());
        }
        assertThat(message.buttons()).hasSize(reply.followUps().size());
    }

    @Test
    void render_chart_embedShowsItsAttachment() {
        Reply reply = SampleReplies.kitchenSink();
        DiscordMessage message = render(reply);
        List<String> images = message.embeds().stream().map(MessageEmbed::getImage).filter(i -> i != null)
                .map(MessageEmbed.ImageInfo::getUrl).toList();
        assertThat(images).containsExactlyElementsOf(message.files().stream().map(a -> "attachment://" + a.name())
                .toList());
    }

    @Test
    void render_error_redWithCodeAndReference() {
        DiscordMessage message = render(Reply.error("cost", ErrorCode.FORBIDDEN, "cost needs the viewer role", "ab12cd34"));
        assertThat(message.embeds()).hasSize(1);
        MessageEmbed e = message.embeds().get(0);
        assertThat(e.getColorRaw()).isEqualTo(DiscordReplyRenderer.ERROR_COLOR);
        assertThat(e.getDescription()).isEqualTo("cost needs the viewer role");
        assertThat(e.getFooter().getText()).contains("FORBIDDEN").contains("ab12cd34");
        assertThat(message.buttons()).isEmpty();
    }

    @Test
    void render_errorWithoutReference_noPlaceholder() {
        DiscordMessage message = render(Reply.error("cost", ErrorCode.NOT_FOUND, "no such plan", null));
        assertThat(message.embeds().get(0).getFooter().getText()).isEqualTo("NOT_FOUND");
    }

    @Test
    void render_longTable_summarisedWithFullMarkdownAttached() {
        List<List<Value>> rows = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            rows.add(List.of(Value.text("resource-" + i), Value.number(i, "GiB")));
        }
        Reply reply = Reply.builder("waste", "Waste").summary("400 idle volumes.")
                .table(new Table("volumes", "Idle volumes", List.of(new Column("name", "Name", ValueType.TEXT),
                        new Column("size", "Size", ValueType.NUMBER)), rows, List.of()))
                .followUp(FollowUp.to("Savings", "savings")).build();

        DiscordMessage message = render(reply);

        DiscordLimitsCheck.assertWithin(message);
        assertThat(message.embeds()).hasSize(1);
        assertThat(message.embeds().get(0).getDescription()).startsWith("400 idle volumes.")
                .contains("purser-waste.md");
        assertThat(message.files()).extracting(DiscordMessage.Attachment::name).containsExactly("purser-waste.md");
        assertThat(attachedMarkdown(message)).contains("resource-0").contains("resource-399");
        assertThat(message.buttons()).hasSize(1);
    }

    @Test
    void render_longSummary_clippedAndAttached() {
        Reply reply = Reply.builder("cost", "Costs").summary("x".repeat(9000)).build();
        DiscordMessage message = render(reply);
        DiscordLimitsCheck.assertWithin(message);
        assertThat(attachedMarkdown(message)).contains("x".repeat(9000));
    }

    @Test
    void render_thirtyFollowUps_twentyFiveButtonsInFiveRows() {
        Reply.Builder b = Reply.builder("cost", "Costs").summary("s");
        for (int i = 0; i < 30; i++) {
            b.followUp(FollowUp.to("Month " + i, "cost").positional("2026-" + (i % 12 + 1)));
        }
        DiscordMessage message = render(b.build());
        assertThat(message.buttons()).hasSize(25);
        List<ActionRow> rows = message.rows();
        assertThat(rows).hasSize(5);
        assertThat(rows).allSatisfy(r -> assertThat(r.getComponents()).hasSize(5));
    }

    @Test
    void render_longLabel_clippedTo80() {
        Reply reply = Reply.builder("cost", "Costs").followUp(FollowUp.to("L".repeat(120), "cost")).build();
        assertThat(render(reply).buttons().get(0).label()).hasSize(DiscordLimits.BUTTON_LABEL);
    }

    @Test
    void toEditData_carriesEmbedsButtonsAndFiles() {
        DiscordMessage message = render(SampleReplies.kitchenSink());
        var data = message.toEditData();
        assertThat(data.getEmbeds()).hasSize(message.embeds().size());
        assertThat(data.getComponents()).hasSize(message.rows().size());
        assertThat(data.getFiles()).hasSize(message.files().size());
    }

    static String text(DiscordMessage message) {
        StringBuilder b = new StringBuilder();
        for (MessageEmbed e : message.embeds()) {
            b.append(e.getTitle()).append('\n').append(e.getDescription()).append('\n');
            for (MessageEmbed.Field f : e.getFields()) {
                b.append(f.getName()).append('\n').append(f.getValue()).append('\n');
            }
            if (e.getFooter() != null) {
                b.append(e.getFooter().getText()).append('\n');
            }
        }
        return b.toString();
    }

    static String attachedMarkdown(DiscordMessage message) {
        return message.files().stream().filter(a -> a.name().endsWith(".md"))
                .map(a -> new String(a.bytes(), StandardCharsets.UTF_8)).findFirst().orElse("");
    }
}
