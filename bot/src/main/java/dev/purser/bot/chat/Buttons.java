package dev.purser.bot.chat;

import dev.purser.commands.reply.FollowUp;
import java.util.Optional;

/**
 * The follow-ups behind buttons, kept server-side under short ids: a button's id is
 * {@link #PREFIX} plus an id, never the command itself, so it stays within Discord's 100
 * characters and a client cannot forge a command line by editing a button.
 *
 * <p>Implementations: {@link JdbcButtons} (PostgreSQL, shared by every instance; what
 * {@code purser serve} uses) and an in-memory one for a single process.
 */
public interface Buttons {

    /** What every button id Purser makes starts with. */
    String PREFIX = "purser:";

    /** Keeps the follow-up and returns the id for its button. */
    String remember(FollowUp followUp);

    /** The follow-up behind a button, or empty when the id is unknown, expired or not Purser's. */
    Optional<FollowUp> recall(String buttonId);
}
