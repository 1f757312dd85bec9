package dev.purser.bot.discord;

import dev.purser.bot.chat.Buttons;
import dev.purser.bot.chat.LiveMessages;
import dev.purser.commands.reply.Reply;
import java.util.Objects;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.exceptions.ErrorResponseException;
import net.dv8tion.jda.api.requests.ErrorResponse;
import net.dv8tion.jda.api.requests.Route;
import net.dv8tion.jda.api.utils.messages.MessageEditBuilder;
import net.dv8tion.jda.api.utils.messages.MessageEditData;
import net.dv8tion.jda.internal.requests.RestActionImpl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Updates a Discord message Purser posted, with Discord's channel message edit
 * ({@code PATCH /channels/{channel.id}/messages/{message.id}}), through JDA's requester: the
 * configured REST base, the bot token, and JDA's rate limiter (a 429 waits its
 * {@code retry_after} and is sent again).
 *
 * <p>Why not the interaction hook: its token lasts 15 minutes, and a plan's message is updated
 * for as long as the plan is decided. Why JDA's internal {@code RestActionImpl}: with the light
 * session there is no channel cache to get a {@code MessageChannel} from, and JDA's public API
 * edits messages only through one; the route itself ({@link Route.Messages#EDIT_MESSAGE}) is
 * public.
 *
 * <p>What is sent: embeds and buttons (fresh button ids, kept in the shared store). Attachments
 * are left as they are, since a live view's figures change, not its files.
 */
public final class JdaMessageEdits implements LiveMessages.Face {

    private static final Logger LOG = LoggerFactory.getLogger(JdaMessageEdits.class);

    private final JDA jda;
    private final DiscordReplyRenderer renderer;
    private final Buttons buttons;

    public JdaMessageEdits(JDA jda, DiscordReplyRenderer renderer, Buttons buttons) {
        this.jda = Objects.requireNonNull(jda, "jda");
        this.renderer = Objects.requireNonNull(renderer, "renderer");
        this.buttons = Objects.requireNonNull(buttons, "buttons");
    }

    @Override
    public String platform() {
        return DiscordInteractionHandler.FACE;
    }

    @Override
    public LiveMessages.Outcome update(String channel, String messageId, Reply reply) {
        DiscordMessage message = renderer.render(reply, buttons::remember);
        MessageEditData data = new MessageEditBuilder().setEmbeds(message.embeds()).setComponents(message.rows())
                .build();
        try {
            new RestActionImpl<Void>(jda, Route.Messages.EDIT_MESSAGE.compile(channel, messageId), data.toData())
                    .complete();
            return LiveMessages.Outcome.UPDATED;
        } catch (ErrorResponseException e) {
            if (e.getErrorResponse() == ErrorResponse.UNKNOWN_MESSAGE
                    || e.getErrorResponse() == ErrorResponse.UNKNOWN_CHANNEL) {
                return LiveMessages.Outcome.GONE;
            }
            LOG.warn("discord refused the edit of message {} in {}: {} {}", messageId, channel, e.getErrorCode(),
                    e.getMeaning());
            return LiveMessages.Outcome.FAILED;
        }
    }
}
