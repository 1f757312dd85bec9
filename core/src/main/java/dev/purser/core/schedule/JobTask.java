package dev.purser.core.schedule;

import java.time.Instant;

/** What one kind of job does when it runs. Must be idempotent: a run may be repeated after a crash. */
@FunctionalInterface
public interface JobTask {

    /**
     * @throws dev.purser.core.error.PurserException when the run failed; it is recorded with its
     *         reference id, and a failed pull is alerted
     */
    Result run(Context context);

    /**
     * @param scheduledFor the fire time this run is for, or null for a manual run
     * @param now          when it started
     */
    record Context(ScheduledJob job, Instant scheduledFor, Instant now) {
    }

    /**
     * @param rows    rows written or items handled, as {@code jobs history} shows them
     * @param summary one line saying what it did
     */
    record Result(long rows, String summary) {
    }
}
