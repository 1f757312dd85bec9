package dev.purser.core.alerts;

import java.time.Instant;
import java.util.Objects;

/**
 * A copy of a plan's message in a chat, whose thread is told about the plan's phases.
 *
 * @param platform  {@code slack} or {@code discord}
 * @param channel   the channel it was posted in
 * @param messageId Slack's {@code ts}, Discord's message id
 * @param postedAt  when it was posted: moves recorded before it are not told in its thread
 */
public record PlanThread(String platform, String channel, String messageId, Instant postedAt) {

    public PlanThread {
        Objects.requireNonNull(platform, "platform");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(postedAt, "postedAt");
    }
}
