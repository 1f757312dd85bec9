package dev.purser.commands.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.purser.commands.reply.Reply;
import dev.purser.commands.testing.SampleReplies;
import dev.purser.core.model.Money;
import org.junit.jupiter.api.Test;

class MarkdownRendererTest extends ReplyRendererContract {

    @Override
    ReplyRenderer renderer() {
        return new MarkdownRenderer();
    }

    @Override
    String goldenDirectory() {
        return "markdown";
    }

    @Override
    String extension() {
        return "md";
    }

    @Override
    String shown(Money money) {
        return Formats.money(money);
    }

    @Test
    void render_codeBlock_fencedWithLanguageUnderBoldTitle() {
        Reply reply = Reply.builder("x", "t").code("k", "Patch for shop/api", "yaml", "spec:\n  replicas: 2\n").build();

        assertThat(new MarkdownRenderer().render(reply))
                .contains("\n**Patch for shop/api**\n\n```yaml\nspec:\n  replicas: 2\n```\n");
    }

    @Test
    void render_codeBlockWithBackticks_fenceLongerThanAnyRunInside() {
        String text = "a ``` b\n`````\n```\n";
        Reply reply = Reply.builder("x", "t").code("k", "Odd", "", text).build();

        String out = new MarkdownRenderer().render(reply);

        assertThat(out).contains("\n``````\n" + text + "``````\n");
    }

    @Test
    void render_codeBlockWithoutFinalLineBreak_closingFenceOnItsOwnLine() {
        Reply reply = Reply.builder("x", "t").code("k", "Diff", "diff", "-a\n+b").build();

        assertThat(new MarkdownRenderer().render(reply)).contains("```diff\n-a\n+b\n```\n");
    }

    @Test
    void render_codeBlocks_afterTablesBeforeNotes() {
        String out = new MarkdownRenderer().render(SampleReplies.kitchenSink());

        assertThat(out.indexOf("| **Total** |")).isLessThan(out.indexOf("**Patched compose file**"));
        assertThat(out.indexOf("**Patched compose file**")).isLessThan(out.indexOf("**Compose diff**"));
        assertThat(out.indexOf("**Compose diff**")).isLessThan(out.indexOf("> **Note:**"));
        // the diff holds a run of four backticks, so its fence has five
        assertThat(out).contains("`````diff\n--- a/docker-compose.yml\n", "# run it with ```` in a shell\n`````\n");
    }

    @Test
    void render_table_pipeTableWithEscapedCellsAndBoldTotal() {
        String out = new MarkdownRenderer().render(SampleReplies.kitchenSink());
        assertThat(out).contains("| name | amount | count | ratio | day |")
                .contains("| :--- | ---: | ---: | ---: | :--- |")
                .contains("alpha \\| beta")
                .contains("| **Total** | **$1,234.56** |");
    }
}
