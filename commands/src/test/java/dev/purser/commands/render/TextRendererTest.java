package dev.purser.commands.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.purser.commands.reply.Column;
import dev.purser.commands.reply.FollowUp;
import dev.purser.commands.reply.Reply;
import dev.purser.commands.reply.Table;
import dev.purser.commands.reply.Value;
import dev.purser.commands.reply.ValueType;
import dev.purser.core.model.Money;
import java.util.List;
import org.junit.jupiter.api.Test;

class TextRendererTest extends ReplyRendererContract {

    @Override
    ReplyRenderer renderer() {
        return new TextRenderer();
    }

    @Override
    String goldenDirectory() {
        return "text";
    }

    @Override
    String extension() {
        return "txt";
    }

    @Override
    String shown(Money money) {
        return Formats.money(money);
    }

    @Test
    void render_codeBlock_titleThenTextVerbatimBetweenFences() {
        String diff = "--- a/docker-compose.yml\n+++ b/docker-compose.yml\n@@ -5,2 +5,2 @@\n         limits:\n"
                + "-          memory: 4g\n+          memory: 512m\n";
        Reply reply = Reply.builder("x", "t").summary("s").code("compose_diff", "Compose diff", "diff", diff).build();

        String out = new TextRenderer().render(reply);

        // not re-indented or trimmed: leading spaces and the +/- markers survive, so the diff applies
        assertThat(out).isEqualTo("t\ns\n\nCompose diff\n```diff\n" + diff + "```\n");
    }

    @Test
    void render_codeBlockWithBackticks_fenceLongerThanAnyRunInside() {
        Reply reply = Reply.builder("x", "t").code("k", "", "", "```\ncode\n```").build();

        assertThat(new TextRenderer().render(reply)).endsWith("\n````\n```\ncode\n```\n````\n");
    }

    @Test
    void render_table_numbersRightAlignedTextLeft() {
        Table t = new Table("t", "", List.of(new Column("k", "key", ValueType.TEXT), new Column("a", "amount", ValueType.MONEY)),
                List.of(List.of(Value.text("a"), Value.money(Money.of("1000", "USD"))),
                        List.of(Value.text("longer"), Value.money(Money.of("5", "USD")))), List.of());
        String out = new TextRenderer().render(Reply.builder("x", "T").table(t).build());
        assertThat(out).contains("a       $1,000.00\n").contains("longer      $5.00\n");
    }

    @Test
    void render_thirds_columnAddsUpToFooter() {
        Table t = new Table("t", "", List.of(new Column("k", "key", ValueType.TEXT), new Column("a", "amount", ValueType.MONEY)),
                List.of(List.of(Value.text("a"), Value.money(Money.of("0.335", "USD"))),
                        List.of(Value.text("b"), Value.money(Money.of("0.335", "USD"))),
                        List.of(Value.text("c"), Value.money(Money.of("0.33", "USD")))),
                List.of(Value.text("Total"), Value.money(Money.of("1.000", "USD"))));
        String out = new TextRenderer().render(Reply.builder("x", "T").table(t).build());
        // Each rounded alone would show 0.34 + 0.34 + 0.33 = 1.01 under a total of 1.00.
        assertThat(out).contains("a       $0.33\n").contains("b       $0.34\n").contains("c       $0.33\n")
                .contains("Total   $1.00\n");
    }

    @Test
    void render_followUp_prefixedWithPurser() {
        String out = new TextRenderer().render(Reply.builder("x", "T").followUp(FollowUp.to("By region", "cost").option("by", "region")).build());
        assertThat(out).contains("Next: purser cost --by region");
    }

    private static Table hostTable() {
        String detail = "cheapest s size with 4 vCPUs >= 2.39 and 8.0 GiB >= 6.0 GiB (bundled snapshot 2026-11-01);"
                + " priced as billed: list 48.00 USD x 1.286, what the bill pays over today's list price; saves $0.00/month";
        return new Table("host", "investment-host: host",
                List.of(new Column("item", "", ValueType.TEXT), new Column("size", "host", ValueType.TEXT),
                        new Column("monthly", "monthly", ValueType.MONEY), new Column("detail", "detail", ValueType.TEXT)),
                List.of(List.of(Value.text("right-sized"), Value.text("s-4vcpu-8gb"), Value.money(Money.of("61.72", "USD")),
                        Value.text(detail)),
                        List.of(Value.text("now"), Value.text("s-4vcpu-8gb"), Value.money(Money.of("61.72", "USD")),
                                Value.text("as billed"))),
                List.of());
    }

    @Test
    void table_widerThanWidth_wrapsTheLongTextColumn_everyLineFits() {
        Reply reply = Reply.builder("rightsize", "Right-sizing").table(hostTable()).build();
        for (int width : List.of(100, 80, 60)) {
            String text = new TextRenderer(width).render(reply);
            List<String> tableLines = text.lines().dropWhile(l -> !l.startsWith("investment-host")).skip(1).toList();
            assertThat(tableLines).as("width " + width).allSatisfy(l -> assertThat(l.length()).isLessThanOrEqualTo(width));
            // every word of the detail is still there, in order
            String detailColumn = String.join(" ", tableLines.stream().skip(2).takeWhile(l -> !l.startsWith("now"))
                    .map(l -> l.substring(l.indexOf("$61.72") + "$61.72".length()).trim()).toList());
            assertThat(detailColumn).startsWith("cheapest s size with 4 vCPUs").endsWith("saves $0.00/month");
        }
    }

    @Test
    void table_wrapped_continuationLinesLeaveOtherColumnsBlank_andMoneyWhole() {
        String text = new TextRenderer(80).render(Reply.builder("rightsize", "Right-sizing").table(hostTable()).build());
        List<String> lines = text.lines().toList();
        int first = lines.indexOf(lines.stream().filter(l -> l.startsWith("right-sized")).findFirst().orElseThrow());
        assertThat(lines.get(first)).contains("s-4vcpu-8gb", "$61.72");
        assertThat(lines.get(first + 1)).startsWith(" ".repeat(20)).doesNotContain("$");
    }

    @Test
    void table_narrowEnough_unchanged() {
        Reply reply = Reply.builder("rightsize", "Right-sizing").table(hostTable()).build();
        assertThat(new TextRenderer(1000).render(reply)).isEqualTo(TextRenderer.unbounded().render(reply));
        assertThat(TextRenderer.table(hostTable())).contains("what the bill pays over today's list price; saves");
    }

    @Test
    void wrap_longWord_cutAtTheLineEnd() {
        assertThat(TextRenderer.wrap("arn:aws:ec2:us-east-1:444455556666:snapshot/snap-0a1b2c3d4e5f60015 old", 20))
                .containsExactly("arn:aws:ec2:us-east-", "1:444455556666:snaps", "hot/snap-0a1b2c3d4e5", "f60015 old");
        assertThat(TextRenderer.wrap("", 20)).containsExactly("");
    }

    @Test
    void widthFrom_columnsOrDefault() {
        assertThat(TextRenderer.widthFrom(java.util.Map.of("COLUMNS", "132"))).isEqualTo(132);
        assertThat(TextRenderer.widthFrom(java.util.Map.of())).isEqualTo(100);
        assertThat(TextRenderer.widthFrom(java.util.Map.of("COLUMNS", "wide"))).isEqualTo(100);
        assertThat(TextRenderer.widthFrom(java.util.Map.of("COLUMNS", "5"))).isEqualTo(100);
    }
}
