package dev.purser.commands.render;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.purser.bot.slack.SlackReplyRenderer;
import dev.purser.bot.slack.SlackReplyRenderer.SlackMessage;
import dev.purser.commands.reply.Column;
import dev.purser.commands.reply.FollowUp;
import dev.purser.commands.reply.Reply;
import dev.purser.commands.reply.Table;
import dev.purser.commands.reply.Value;
import dev.purser.commands.reply.ValueType;
import dev.purser.commands.testing.Golden;
import dev.purser.core.error.ErrorCode;
import dev.purser.core.model.Money;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The Slack renderer under the contract every renderer passes (it lives in the commands test-jar,
 * hence this package), its golden files, and Slack's limits on replies far larger than any
 * sample.
 */
class SlackReplyRendererTest extends ReplyRendererContract {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final SlackReplyRenderer slack = new SlackReplyRenderer();

    @Override
    ReplyRenderer renderer() {
        return slack;
    }

    @Override
    String goldenDirectory() {
        return "slack";
    }

    @Override
    String extension() {
        return "json";
    }

    @Override
    String shown(Money money) {
        return Formats.money(money);
    }

    @Override
    String shownCode(String text) {
        try {
            String quoted = JSON.writeValueAsString(text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;"));
            return quoted.substring(1, quoted.length() - 1);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What a right-sizing proposal looks like to Slack: figures, a table and the compose diff. */
    static Reply rightsizing() {
        Table table = new Table("recommendations", "Proposed limits", List.of(
                new Column("service", "service", ValueType.TEXT),
                new Column("current", "current", ValueType.TEXT),
                new Column("proposed", "proposed", ValueType.TEXT),
                new Column("saving", "saving / month", ValueType.MONEY)),
                List.of(List.of(Value.text("elasticsearch"), Value.text("4g"), Value.text("1g"),
                                Value.money(Money.of("9.40", "USD"))),
                        List.of(Value.text("celery_worker"), Value.text("2g"), Value.text("768m"),
                                Value.money(Money.of("3.85", "USD")))),
                List.of(Value.text("Total"), Value.empty(ValueType.TEXT), Value.empty(ValueType.TEXT),
                        Value.money(Money.of("13.25", "USD"))));
        String diff = """
                --- docker-compose.yml
                +++ docker-compose.yml
                @@ -12,7 +12,7 @@
                   elasticsearch:
                     deploy:
                       resources:
                         limits:
                -          memory: 4g
                +          memory: 1g
                """;
        return Reply.builder("rightsize", "Right-sizing: investment")
                .summary("2 services can shrink, saving $13.25 a month against a $50 budget.")
                .figure("saving", "Saving / month", Value.money(Money.of("13.25", "USD")))
                .figure("confidence", "Confidence", Value.percent(new BigDecimal("0.82")))
                .table(table)
                .code("compose_diff", "docker-compose.yml", "diff", diff)
                .note("usage from 14 days of docker stats; 2 gaps over an hour")
                .followUp(FollowUp.to("Show the waste", "waste"))
                .followUp(FollowUp.to("Costs this month", "cost").positional("mtd"))
                .build();
    }

    @Test
    void render_rightsizingWithDiff_matchesGolden() {
        Golden.assertMatches("slack/rightsize-diff.json", slack.render(rightsizing()));
    }

    @Test
    void render_refusal_matchesGolden() {
        Reply refusal = Reply.error("import", ErrorCode.FORBIDDEN,
                "import needs the requester role, which someone does not have", null);
        Golden.assertMatches("slack/refusal.json", slack.render(refusal));
    }

    @Test
    void message_followUps_buttonsCarryTheCommandLine() {
        SlackMessage message = slack.message(rightsizing());

        var actions = message.blocks().get(message.blocks().size() - 1);
        assertThat(actions.path("type").asText()).isEqualTo("actions");
        assertThat(actions.path("elements").get(1).path("value").asText()).isEqualTo("cost mtd");
        assertThat(actions.path("elements").get(1).path("action_id").asText()).isEqualTo("purser.followup.1");
    }

    @Test
    void message_mrkdwnControlCharacters_escaped() {
        Reply reply = Reply.builder("x", "t").summary("<!channel> & <@U1>").build();

        assertThat(slack.message(reply).blocksJson()).contains("&lt;!channel&gt; &amp; &lt;@U1&gt;")
                .doesNotContain("<!channel>");
    }

    @Test
    void message_tableLongerThanOneSection_cutAtALineAndSummarised() {
        SlackMessage message = slack.message(bigTable(200, 1));

        assertThat(message.summarised()).isTrue();
        assertThat(SlackReplyRenderer.limitViolations(message.blocks())).isEmpty();
        assertThat(message.blocksJson()).contains("more rows in the attached file");
    }

    @Test
    void message_manyTables_shortFormWithinEveryLimit() {
        SlackMessage message = slack.message(bigTable(30, 12));

        assertThat(message.summarised()).isTrue();
        assertThat(SlackReplyRenderer.limitViolations(message.blocks())).isEmpty();
        assertThat(message.blocksJson()).contains("attached file");
    }

    @Test
    void message_manyNotesAndFigures_withinEveryLimit() {
        Reply.Builder reply = Reply.builder("x", "t".repeat(400)).summary("s".repeat(5000));
        for (int i = 0; i < 80; i++) {
            reply.figure("f" + i, "figure " + i, Value.number(i, null)).note("note " + i + " " + "n".repeat(300));
        }
        for (int i = 0; i < 40; i++) {
            reply.followUp(FollowUp.to("next " + i, "cost").positional("mtd"));
        }

        SlackMessage message = slack.message(reply.build());

        assertThat(message.summarised()).isTrue();
        assertThat(message.blocksJson()).contains("the full answer is in the attached file");
        assertThat(SlackReplyRenderer.limitViolations(message.blocks())).isEmpty();
        assertThat(message.blocks().get(0).path("text").path("text").asText()).hasSizeLessThanOrEqualTo(150);
    }

    private static Reply bigTable(int rows, int tables) {
        Reply.Builder reply = Reply.builder("cost", "Big").summary("Many rows");
        for (int t = 0; t < tables; t++) {
            List<List<Value>> body = new ArrayList<>();
            for (int r = 0; r < rows; r++) {
                body.add(List.of(Value.text("service-with-a-long-name-" + r), Value.money(Money.of(r + ".25", "USD"))));
            }
            reply.table(new Table("t" + t, "Table " + t, List.of(new Column("service", "service", ValueType.TEXT),
                    new Column("cost", "cost", ValueType.MONEY)), body, List.of()));
        }
        return reply.build();
    }
}
