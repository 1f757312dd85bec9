package dev.purser.bot.discord;

import java.util.Optional;

/**
 * The part of a Discord interaction the handler uses: who asked, where, and the four ways to
 * answer. {@link JdaInteractions} adapts JDA's events to it; tests implement it by hand. Kept this
 * small so a fake needs no JDA internals.
 *
 * <p>Discord's rules it encodes: an interaction is answered once within 3 seconds, either at once
 * ({@link #replyEphemeral}) or by deferring ({@link #deferReply}); after deferring, the answer
 * replaces the "thinking…" message through the hook within the token's 15 minutes
 * ({@link #editReply}), or the public placeholder is removed and an ephemeral follow-up sent in its
 * place ({@link #replaceWithEphemeral}).
 */
public interface DiscordInteraction {

    /** Discord's id of this interaction. */
    String id();

    /** The user's id (a snowflake). */
    String userId();

    /** The user's display name. */
    String userName();

    /** The channel the interaction came from, empty in a direct message without one. */
    Optional<String> channelId();

    /** The ids of the user's roles in the guild the interaction came from; empty in a direct message. */
    java.util.List<String> guildRoleIds();

    /** Acknowledges with a public "thinking…" placeholder; must happen within 3 seconds. */
    void deferReply();

    /** Answers at once, visible only to the user, instead of deferring. */
    void replyEphemeral(DiscordMessage message);

    /** After {@link #deferReply}: the answer replaces the placeholder. */
    void editReply(DiscordMessage message);

    /**
     * As {@link #editReply(DiscordMessage)}, then tells {@code posted} the id of the message the
     * answer now is (once Discord has confirmed the edit), so a live view can be updated later.
     */
    default void editReply(DiscordMessage message, java.util.function.Consumer<String> posted) {
        editReply(message);
    }

    /** After {@link #deferReply}: the placeholder goes and the answer is shown only to the user. */
    void replaceWithEphemeral(DiscordMessage message);

    /** A {@code /purser <subcommand>} invocation. */
    interface Slash extends DiscordInteraction {
        String subcommand();

        /** Option name to value: a String, Long, Double or Boolean, as Discord typed it. */
        java.util.Map<String, Object> options();
    }

    /** A click on one of Purser's buttons. */
    interface ButtonClick extends DiscordInteraction {
        String customId();

        /** The id of the message whose button was clicked, when Discord says. */
        default Optional<String> messageId() {
            return Optional.empty();
        }
    }

    /** Discord asking for suggestions while the user types an option. */
    interface Autocomplete {
        String userId();

        String userName();

        /** As {@link DiscordInteraction#guildRoleIds()}. */
        java.util.List<String> guildRoleIds();

        String subcommand();

        String option();

        /** What the user has typed so far. */
        String typed();

        /** Answers with at most 25 suggestions, each shown and sent as is. */
        void suggest(java.util.List<String> values);
    }
}
