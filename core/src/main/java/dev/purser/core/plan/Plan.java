package dev.purser.core.plan;

import java.time.Instant;
import java.util.Objects;

/**
 * A plan at one revision, as stored.
 *
 * @param id            the plan's number, shown as {@code plan 7}
 * @param revision      1 when created, one more for each edit
 * @param requester     the principal who created it; never one of its approvers
 * @param requesterName how to show the requester
 * @param state         where it is
 * @param created       when revision 1 was made
 * @param revised       when this revision was made
 * @param content       what it says
 * @param hash          {@code content.hash()}, kept with the revision so a stored plan can be checked
 */
public record Plan(long id, int revision, String requester, String requesterName, PlanState state, Instant created,
        Instant revised, PlanContent content, String hash) {

    public Plan {
        if (id < 1) {
            throw new IllegalArgumentException("plan id must be positive: " + id);
        }
        if (revision < 1) {
            throw new IllegalArgumentException("revision must be at least 1: " + revision);
        }
        Objects.requireNonNull(requester, "requester");
        Objects.requireNonNull(requesterName, "requesterName");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(created, "created");
        Objects.requireNonNull(revised, "revised");
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(hash, "hash");
    }

    /** A plan whose hash is computed from its content. */
    public static Plan of(long id, int revision, String requester, String requesterName, PlanState state,
            Instant created, Instant revised, PlanContent content) {
        return new Plan(id, revision, requester, requesterName, state, created, revised, content, content.hash());
    }

    public Plan withState(PlanState newState) {
        return new Plan(id, revision, requester, requesterName, newState, created, revised, content, hash);
    }

    /** The first 12 hex digits of the hash, as messages show it. */
    public String shortHash() {
        return hash.substring(0, 12);
    }

    /** {@code plan:7}, the audit subject. */
    public String subject() {
        return subject(id);
    }

    public static String subject(long id) {
        return "plan:" + id;
    }
}
