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

    public ReplyRenderer renderer() {
        switch (this) {
            case TEXT:
                return new TextRenderer();
            case JSON:
                return new JsonRenderer();
            case MARKDOWN:
                return new MarkdownRenderer();
        }
        throw new AssertionError(this);
    }
}
