package dev.purser.bot.cli;

import dev.purser.commands.render.JsonRenderer;
import dev.purser.commands.render.MarkdownRenderer;
import dev.purser.commands.render.ReplyRenderer;
import dev.purser.commands.render.TextRenderer;

/** How the CLI prints a reply: {@code --format text|json|markdown}. */
public enum OutputFormat {
    TEXT,
    JSON,
    MARKDOWN;

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
        }
        throw new AssertionError(this);
    }
}
