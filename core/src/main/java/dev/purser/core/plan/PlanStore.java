package dev.purser.core.plan;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Where plans, their revisions, sign-offs and resource locks are kept: one state in Purser's
 * database, so every face and every Purser instance sees the same tally. The store implements it;
 * plan logic never reaches the database.
 *
 * <p>Concurrency: {@link #update} runs its work with the plan's row locked until the change is
 * written, so two clicks on the same plan (two faces, two instances) are decided one after the
 * other, each seeing what the other wrote.
 */
public interface PlanStore {

    /**
     * Stores revision 1 of a new plan, state {@link PlanState#AWAITING_APPROVAL}.
     *
     * @return the plan with its id
     */
    Plan create(PlanContent content, String requester, String requesterName, Instant at);

    Optional<Plan> find(long id);

    /** Plans, newest first; ended ones (cancelled, done, rolled back, failed) only when asked. */
    List<Plan> list(boolean includeEnded);

    /** Every revision of a plan, oldest first. */
    List<Plan> revisions(long id);

    /** Every sign-off of a plan, any revision, oldest first. */
    List<SignOff> signOffs(long planId);

    /** Locks held now, oldest first. */
    List<ResourceLock> locks();

    /**
     * Runs {@code work} on the plan as stored, with its row locked, and writes what it returns in
     * the same transaction.
     *
     * @throws dev.purser.core.error.PurserException NOT_FOUND when there is no such plan;
     *         FORBIDDEN when a lock to take is held by another plan (taken since the work read the locks)
     */
    <T> T update(long planId, Work<T> work);

    /**
     * Ends the lock on a resource (by id or name) before its plan ends, as an admin does.
     *
     * @return the lock that was released, empty when the resource was not locked
     */
    Optional<ResourceLock> release(String resource, String by, String reason, Instant at);

    /** What to do with a plan inside {@link #update}. */
    @FunctionalInterface
    interface Work<T> {
        /**
         * @param lockedByOthers locks other plans hold on this plan's resources
         */
        Change<T> apply(Plan plan, List<SignOff> signOffs, List<ResourceLock> lockedByOthers);
    }

    /** What to do with the locks of the plan being updated. */
    enum Locks { KEEP, TAKE, RELEASE }

    /**
     * What an update writes.
     *
     * @param result  handed back to the caller
     * @param plan    the plan to store: a new revision (revision one higher, with {@code by}) or
     *                the same revision in a new state; empty to leave it
     * @param by      who made a new revision
     * @param signOff a sign-off to add
     * @param locks   whether to take the locks of the plan's resources, release them, or neither
     * @param at      when: the plan's update time, and when locks are taken or released
     */
    record Change<T>(T result, Optional<Plan> plan, String by, Optional<SignOff> signOff, Locks locks, Instant at) {
        public Change {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(plan, "plan");
            Objects.requireNonNull(signOff, "signOff");
            Objects.requireNonNull(locks, "locks");
        }

        /** Writes nothing. */
        public static <T> Change<T> none(T result, Instant at) {
            return new Change<>(result, Optional.empty(), "", Optional.empty(), Locks.KEEP, at);
        }
    }
}
