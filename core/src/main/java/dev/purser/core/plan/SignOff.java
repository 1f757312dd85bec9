package dev.purser.core.plan;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One recorded approval or rejection, bound to the plan revision and content hash it was given for.
 *
 * @param phase       the phase it covers, or {@link #WHOLE_PLAN} for an approval of the whole plan
 * @param validUntil  when it stops counting: the policy's validity after it was given, and never
 *                    past the end of the window of the (last) phase it covers
 * @param messageLink the message where it was given, when the face knows it
 */
public record SignOff(long planId, int revision, String hash, int phase, Decision decision, String platform,
        String userId, String displayName, String principal, String comment, Instant at, Instant validUntil,
        Optional<String> messageLink) {

    /** The phase number of a sign-off that covers every per-plan phase. */
    public static final int WHOLE_PLAN = 0;

    public SignOff {
        Objects.requireNonNull(hash, "hash");
        if (phase < 0) {
            throw new IllegalArgumentException("phase must be 0 (whole plan) or a phase number: " + phase);
        }
        Objects.requireNonNull(decision, "decision");
        Objects.requireNonNull(platform, "platform");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(displayName, "displayName");
        Objects.requireNonNull(principal, "principal");
        comment = comment == null ? "" : comment;
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(validUntil, "validUntil");
        Objects.requireNonNull(messageLink, "messageLink");
    }

    /** Whether it still counts at {@code now}. */
    public boolean validAt(Instant now) {
        return now.isBefore(validUntil);
    }
}
