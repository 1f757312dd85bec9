package dev.purser.commands.render;

import dev.purser.commands.reply.Reply;

/** Turns the neutral reply into one face's text. */
public interface ReplyRenderer {
    String render(Reply reply);
}
