package dev.purser.commands.testing;

import dev.purser.commands.render.JsonRenderer;
import dev.purser.commands.render.MarkdownRenderer;
import dev.purser.commands.render.TextRenderer;
import dev.purser.commands.reply.Reply;

/** Pins a reply's three renderings (text, Markdown, JSON) to golden files of one name. */
public final class Renderings {

    private Renderings() {
    }

    /** Compares with {@code golden/text/NAME.txt}, {@code golden/markdown/NAME.md} and {@code golden/json/NAME.json}. */
    public static void assertMatchGolden(String name, Reply reply) {
        Golden.assertMatches("text/" + name + ".txt", new TextRenderer().render(reply));
        Golden.assertMatches("markdown/" + name + ".md", new MarkdownRenderer().render(reply));
        Golden.assertMatches("json/" + name + ".json", new JsonRenderer().render(reply));
    }
}
