package dev.purser.core.schedule;

import dev.purser.core.alerts.AlertService;
import dev.purser.core.alerts.Alerts;
import dev.purser.core.error.ErrorCode;
import dev.purser.core.error.PurserException;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiConsumer;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The configured jobs and how one runs: claimed, run, recorded.
 *
 * <p>Once per fire: a scheduled run's key is its job and scheduled fire time, claimed in
 * {@link JobRuns} before the task starts, so a fire that reaches a second instance (or is
 * re-fired after a crash once it had finished) finds the claim and does nothing. Quartz's
 * clustered store already fires each trigger on one instance; the claim is the second line, and
 * is what makes {@code jobs history} exact.
 *
 * <p>Failures: a task's exception is recorded with its reference id (the one the log line
 * carries) and, for pulls, alerted as {@code ingestion}; the job stays scheduled.
 */
public final class JobService {

    private static final Logger LOG = LoggerFactory.getLogger(JobService.class);

    private final List<ScheduledJob> jobs;
    private final Map<JobKind, JobTask> tasks;
    private final JobRuns runs;
    private final AlertService alerts;
    private final Clock clock;
    private final String instance;
    private volatile BiConsumer<String, String> finished = (job, outcome) -> { };

    /**
     * @param alerts   where failed pulls are alerted, or null for nowhere
     * @param instance names this process in recorded runs
     */
    public JobService(List<ScheduledJob> jobs, Map<JobKind, JobTask> tasks, JobRuns runs, AlertService alerts,
            Clock clock, String instance) {
        this.jobs = List.copyOf(jobs);
        this.tasks = tasks.isEmpty() ? Map.of() : new EnumMap<>(tasks);
        this.runs = Objects.requireNonNull(runs, "runs");
        this.alerts = alerts;
        this.clock = Objects.requireNonNull(clock, "clock");
        this.instance = Objects.requireNonNull(instance, "instance");
    }

    public List<ScheduledJob> jobs() {
        return jobs;
    }

    /**
     * Tells {@code listener} the job name and outcome ({@code success} or {@code failure}) of every
     * run this process finishes, for the job-run metrics; it must be quick and must not throw.
     */
    public void onFinished(BiConsumer<String, String> listener) {
        finished = Objects.requireNonNull(listener, "listener");
    }

    public Optional<ScheduledJob> job(String name) {
        return jobs.stream().filter(j -> j.name().equals(name)).findFirst();
    }

    /**
     * Runs a job now, outside its schedule, as {@code jobs run} does.
     *
     * @param who the principal asking, recorded as the run's cause
     * @throws PurserException NOT_FOUND for a job that is not configured
     */
    public JobRuns.JobRunRecord runNow(String name, String who) {
        ScheduledJob job = job(name).orElseThrow(() -> new PurserException(ErrorCode.NOT_FOUND,
                "there is no job named '" + name + "'" + (jobs.isEmpty() ? " (no schedules are configured)"
                        : "; jobs: " + String.join(", ", jobs.stream().map(ScheduledJob::name).toList()))));
        return run(job, "manual-" + UUID.randomUUID(), "manual:" + who, null, false, instance).orElseThrow();
    }

    /**
     * Runs the scheduled fire of a job, unless that fire was already claimed.
     *
     * @param scheduledFor the fire time (the run's key)
     * @param recovering   whether Quartz re-fires it after its instance died
     * @param runner       the scheduler instance running it
     * @return the recorded run, or empty when the fire was already claimed
     */
    public Optional<JobRuns.JobRunRecord> runScheduled(String name, Instant scheduledFor, boolean recovering,
            String runner) {
        Optional<ScheduledJob> job = job(name);
        if (job.isEmpty()) {
            LOG.warn("job {} fired but is no longer configured; ignored", name);
            return Optional.empty();
        }
        return run(job.get(), "fire-" + scheduledFor.toEpochMilli(), recovering ? "recovery" : "schedule", scheduledFor,
                recovering, runner);
    }

    private Optional<JobRuns.JobRunRecord> run(ScheduledJob job, String runKey, String cause, Instant scheduledFor,
            boolean recovering, String runner) {
        Instant started = clock.instant();
        OptionalLong id = runs.claim(job.name(), runKey, cause, runner, scheduledFor, started, recovering);
        if (id.isEmpty()) {
            LOG.info("job {} run {} was already claimed; not run again", job.name(), runKey);
            return Optional.empty();
        }
        JobTask task = tasks.get(job.kind());
        try {
            if (task == null) {
                throw PurserException.badArgument("this Purser cannot run " + job.kind().word() + " jobs");
            }
            JobTask.Result r = task.run(new JobTask.Context(job, scheduledFor, started));
            runs.finish(id.getAsLong(), true, r.rows(), r.summary(), null, null, clock.instant());
            finished.accept(job.name(), "success");
            LOG.info("job {} ({}) succeeded: {}", job.name(), cause, r.summary());
        } catch (RuntimeException e) {
            PurserException p = e instanceof PurserException pe ? pe
                    : new PurserException(ErrorCode.INTERNAL_ERROR, "job " + job.name() + " failed: "
                            + e.getClass().getSimpleName(), e);
            LOG.warn("job {} ({}) failed [ref {}]", job.name(), cause, p.referenceId(), e);
            runs.finish(id.getAsLong(), false, 0, null, p.referenceId(), firstLine(p.getMessage()), clock.instant());
            finished.accept(job.name(), "failure");
            if (job.kind().isPull() && alerts != null) {
                try {
                    alerts.publish(Alerts.failedPull(job.name(), job.kind().word(), job.account(),
                            firstLine(p.getMessage()), p.referenceId()));
                } catch (RuntimeException alertFailure) {
                    LOG.warn("alerting the failure of job {} failed too", job.name(), alertFailure);
                }
            }
        }
        return runs.get(id.getAsLong());
    }

    public List<JobRuns.JobRunRecord> history(Optional<String> job, int limit) {
        return runs.history(job, limit);
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        String line = nl < 0 ? s : s.substring(0, nl);
        return line.length() > 500 ? line.substring(0, 500) + "..." : line;
    }
}
