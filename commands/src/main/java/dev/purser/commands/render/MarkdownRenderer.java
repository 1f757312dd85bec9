package dev.purser.commands.render;

import dev.purser.commands.reply.Reply;

/** Being written: see the commands helper. */
public final class MarkdownRenderer implements ReplyRenderer {
    @Override
    public String render(Reply reply) {
        throw new UnsupportedOperationException("being written");
    }
}
