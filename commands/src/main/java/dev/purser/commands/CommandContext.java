package dev.purser.commands;

import dev.purser.commands.reply.ConversationRef;
import java.util.Objects;
import java.util.Optional;

/**
 * What a handler knows about the request beyond its arguments. The dispatcher copies the request
 * id and the conversation into the reply, so a face can answer in the thread it was asked in.
 *
 * @param face         where the request came from: {@code cli}, {@code console}, {@code slack},
 *                     {@code discord}, {@code mcp}; handlers may use it only for wording, never for logic
 * @param requestId    the face's id for this request, when it has one
 * @param conversation the channel and thread the request was asked in, for chat faces
 */
public record CommandContext(Principal principal, String face, Optional<String> requestId,
        Optional<ConversationRef> conversation) {

    public CommandContext {
        Objects.requireNonNull(principal, "principal");
        Objects.requireNonNull(face, "face");
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(conversation, "conversation");
    }

    /** A request without an id or a conversation (a shell, a test). */
    public CommandContext(Principal principal, String face) {
        this(principal, face, Optional.empty(), Optional.empty());
    }

    public CommandContext withRequestId(String id) {
        return new CommandContext(principal, face, Optional.of(id), conversation);
    }

    public CommandContext withConversation(ConversationRef where) {
        return new CommandContext(principal, face, requestId, Optional.of(where));
    }
}
