package dev.purser.commands.reply;

import java.util.Objects;
import java.util.Optional;

/**
 * Where a request was asked, so a face can answer in the same place: the platform, the channel
 * and, when the request came from one, the thread.
 *
 * @param platform {@code slack}, {@code discord}, ...
 * @param channel  the platform's channel id
 * @param thread   the platform's thread id (Slack's {@code thread_ts}), empty outside a thread
 */
public record ConversationRef(String platform, String channel, Optional<String> thread) {
    public ConversationRef {
        Objects.requireNonNull(platform, "platform");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(thread, "thread");
        if (platform.isBlank()) {
            throw new IllegalArgumentException("conversation platform is blank");
        }
        if (channel.isBlank()) {
            throw new IllegalArgumentException("conversation channel is blank on " + platform);
        }
    }
}
