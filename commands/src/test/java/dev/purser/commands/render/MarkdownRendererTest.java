package dev.purser.commands.render;

import static org.assertj.core.api.Assertions.assertThat;

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
    void render_table_pipeTableWithEscapedCellsAndBoldTotal() {
        String out = new MarkdownRenderer().render(SampleReplies.kitchenSink());
        assertThat(out).contains("| name | amount | count | ratio | day |")
                .contains("| :--- | ---: | ---: | ---: | :--- |")
                .contains("alpha \\| beta")
                .contains("| **Total** | **$1,234.56** |");
    }
}
