package dev.purser.core.schedule;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/** Where job runs are recorded ({@code dev.purser.core.store.JdbcJobRuns}). */
public interface JobRuns {

    /**
     * Claims a run: records it as running, unless a run with the same job and key exists. A
     * recovering fire (Quartz re-firing a job whose instance died mid-run) takes over a run left
     * {@code running}.
     *
     * @return the run's id, or empty when the run was already claimed (it ran, or runs elsewhere)
     */
    OptionalLong claim(String job, String runKey, String cause, String instance, Instant scheduledFor, Instant startedAt,
            boolean recovering);

    /** Records how a claimed run ended. */
    void finish(long id, boolean succeeded, long rows, String summary, String errorRef, String error, Instant finishedAt);

    Optional<JobRunRecord> get(long id);

    /** The latest runs, newest first; of one job, or of all when {@code job} is empty. */
    List<JobRunRecord> history(Optional<String> job, int limit);

    /** One recorded run. */
    record JobRunRecord(long id, String job, String runKey, String cause, String instance, Instant scheduledFor,
            Instant startedAt, Instant finishedAt, String outcome, Long rows, String summary, String errorRef,
            String error, int attempts) {
    }
}
