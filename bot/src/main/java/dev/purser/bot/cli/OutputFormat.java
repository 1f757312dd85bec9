package dev.purser.bot.cli;

import dev.purser.commands.render.HtmlRenderer;
import dev.purser.commands.render.JsonRenderer;
import dev.purser.commands.render.MarkdownRenderer;
import dev.purser.commands.render.ReplyRenderer;
import dev.purser.commands.render.TextRenderer;

/**
 * How the CLI prints a reply: {@code --format text|json|markdown|html}. HTML is one
 * self-contained page with its charts inline ({@code purser report --format html > report.html}).
 */
public enum OutputFormat {
    TEXT,
    JSON,
    MARKDOWN,
    HTML;

    /** The renderer, with text tables wrapped to {@value TextRenderer#DEFAULT_WIDTH} characters. */
    public ReplyRenderer renderer() {
        return renderer(TextRenderer.DEFAULT_WIDTH);
    }

    /** The renderer, with text tables wrapped to {@code textWidth} characters. */
    public ReplyRenderer renderer(int textWidth) {
        switch (this) {
            case TEXT:
                return new TextRenderer(textWidth);
            case JSON:
                return new JsonRenderer();
            case MARKDOWN:
                return new MarkdownRenderer();
            case HTML:
                return new HtmlRenderer();
        }
        throw new AssertionError(this);
    }

    /** Whether charts go to PNG files beside the answer: JSON carries their data and HTML draws them inline. */
    boolean savesChartFiles() {
        return this == TEXT || this == MARKDOWN;
    }
}
