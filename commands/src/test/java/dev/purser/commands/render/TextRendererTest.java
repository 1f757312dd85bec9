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
}
