package dev.purser.commands.jobs;

import dev.purser.commands.ArgumentSpec;
import dev.purser.commands.ArgumentTypes;
import dev.purser.commands.CommandContext;
import dev.purser.commands.CommandSpec;
import dev.purser.commands.Effect;
import dev.purser.commands.Invocation;
import dev.purser.commands.Role;
import dev.purser.commands.reply.Column;
import dev.purser.commands.reply.FollowUp;
import dev.purser.commands.reply.Reply;
import dev.purser.commands.reply.Table;
import dev.purser.commands.reply.Value;
import dev.purser.commands.reply.ValueType;
import dev.purser.core.error.ErrorCode;
import dev.purser.core.error.PurserException;
import dev.purser.core.schedule.JobRuns;
import dev.purser.core.schedule.JobService;
import dev.purser.core.schedule.ScheduledJob;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code jobs [list|run|history] [<job>] [--limit N]}: the scheduled jobs.
 *
 * <ul>
 * <li>{@code jobs} or {@code jobs list} (viewer): each configured job, what it runs, its cron and
 *     time zone, its misfire policy, its next fire and its last run.</li>
 * <li>{@code jobs run <job>} (admin): runs the job now in this process and records the run
 *     (cause {@code manual:<principal>}); its alerts are de-duplicated as usual.</li>
 * <li>{@code jobs history [<job>] [--limit 20]} (viewer): recorded runs, newest first: start,
 *     end, outcome, rows, and for a failure the error with its reference id.</li>
 * </ul>
 */
public final class JobsCommand {

    public static final String NAME = "jobs";
    static final String LIST = "list";
    static final String RUN = "run";
    static final String HISTORY = "history";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    private final JobService jobs;
    private final Clock clock;
    private final ArgumentSpec<String> action;
    private final ArgumentSpec<String> job;
    private final ArgumentSpec<Integer> limit;
    private final CommandSpec spec;

    private JobsCommand(JobService jobs, Clock clock) {
        this.jobs = Objects.requireNonNull(jobs, "jobs");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.action = ArgumentSpec.builder("action", ArgumentTypes.choice(LIST, RUN, HISTORY))
                .description("list (default) shows the jobs; run runs one now (admin); history shows recorded runs")
                .defaultValue(LIST).positional().build();
        this.job = ArgumentSpec.builder("job", ArgumentTypes.text())
                .description("The job's name under schedules, for run and history").positional().build();
        this.limit = ArgumentSpec.builder("limit", ArgumentTypes.integer(1, 200))
                .description("How many runs history shows").defaultValue("20").build();
        this.spec = new CommandSpec(NAME, "Scheduled jobs",
                "Scheduled jobs: what runs when, run one now, and the history of runs",
                "Lists the jobs configured under schedules in purser.yaml (pulls, anomaly detection, budget checks, "
                        + "digests, the monthly report) with their cron expression, time zone, misfire policy, next "
                        + "run and last outcome. Admins can run a job now (jobs run budget-check). jobs history "
                        + "[job] shows each run's start, end, outcome, rows and, for a failure, the error and its "
                        + "reference id.",
                List.of(action, job, limit), Role.VIEWER, Effect.ADDS, this::handle);
    }

    public static CommandSpec create(JobService jobs, Clock clock) {
        return new JobsCommand(jobs, clock).spec;
    }

    private Reply handle(Invocation invocation, CommandContext context) {
        String a = invocation.get(action);
        return switch (a) {
            case LIST -> list();
            case RUN -> run(invocation, context);
            case HISTORY -> history(invocation);
            default -> throw new IllegalStateException("the action choice let through '" + a + "'");
        };
    }

    private Reply list() {
        Reply.Builder reply = Reply.builder(NAME, "Scheduled jobs");
        if (jobs.jobs().isEmpty()) {
            return reply.summary("No jobs are scheduled. Add them under schedules: in purser.yaml "
                    + "(for example budget-check: {cron: \"0 30 * * * ?\"}); purser serve runs them.").build();
        }
        Map<String, JobRuns.JobRunRecord> last = new HashMap<>();
        for (JobRuns.JobRunRecord r : jobs.history(Optional.empty(), 200)) {
            last.putIfAbsent(r.job(), r);
        }
        Instant now = clock.instant();
        List<List<Value>> rows = new ArrayList<>();
        for (ScheduledJob j : jobs.jobs()) {
            JobRuns.JobRunRecord r = last.get(j.name());
            rows.add(List.of(Value.text(j.name()), Value.text(j.kind().word()), Value.text(j.cron()),
                    Value.text(j.zone().getId()), Value.text(j.misfire().word()),
                    text(j.nextFireAfter(now).map(TIME::format).orElse(null)),
                    text(r == null ? null : r.outcome() + " " + TIME.format(r.startedAt()))));
        }
        reply.summary(jobs.jobs().size() + " job(s) scheduled; purser serve runs them, once across instances.");
        reply.table(new Table("jobs", "Jobs", List.of(
                new Column("job", "job", ValueType.TEXT),
                new Column("runs", "runs", ValueType.TEXT),
                new Column("cron", "cron", ValueType.TEXT),
                new Column("zone", "zone", ValueType.TEXT),
                new Column("misfire", "misfire", ValueType.TEXT),
                new Column("next", "next run", ValueType.TEXT),
                new Column("last", "last run", ValueType.TEXT)), rows, List.of()));
        reply.followUp(FollowUp.to("Job history", NAME).positional(HISTORY));
        return reply.build();
    }

    private Reply run(Invocation invocation, CommandContext context) {
        if (!context.principal().has(Role.ADMIN)) {
            throw new PurserException(ErrorCode.FORBIDDEN, "jobs run needs the admin role, which "
                    + context.principal().displayName() + " does not have");
        }
        String name = invocation.get(job);
        if (name == null) {
            throw PurserException.badArgument("jobs run needs a job: jobs run <job>"
                    + (jobs.jobs().isEmpty() ? "" : " (one of: " + String.join(", ",
                    jobs.jobs().stream().map(ScheduledJob::name).toList()) + ")"));
        }
        JobRuns.JobRunRecord r = jobs.runNow(name, context.principal().id());
        Reply.Builder reply = Reply.builder(NAME, "Job " + name + " " + r.outcome());
        if ("failed".equals(r.outcome())) {
            reply.summary("Job " + name + " failed: " + r.error() + " (reference " + r.errorRef() + ").");
        } else {
            reply.summary("Job " + name + " ran: " + r.summary() + ".");
        }
        reply.figure("outcome", "Outcome", Value.text(r.outcome()))
                .figure("rows", "Rows", r.rows() == null ? Value.empty(ValueType.NUMBER) : Value.number(r.rows(), ""))
                .figure("started", "Started", Value.text(TIME.format(r.startedAt())))
                .figure("finished", "Finished", text(r.finishedAt() == null ? null : TIME.format(r.finishedAt())));
        reply.followUp(FollowUp.to("Job history", NAME).positional(HISTORY).positional(name));
        return reply.build();
    }

    private Reply history(Invocation invocation) {
        Optional<String> name = Optional.ofNullable(invocation.get(job));
        if (name.isPresent() && jobs.job(name.get()).isEmpty() && !name.get().startsWith("once:")) {
            throw new PurserException(ErrorCode.NOT_FOUND, "there is no job named '" + name.get() + "'"
                    + (jobs.jobs().isEmpty() ? "" : "; jobs: " + String.join(", ",
                    jobs.jobs().stream().map(ScheduledJob::name).toList())));
        }
        List<JobRuns.JobRunRecord> runs = jobs.history(name, invocation.get(limit));
        Reply.Builder reply = Reply.builder(NAME, "Job runs" + name.map(n -> " of " + n).orElse(""));
        if (runs.isEmpty()) {
            return reply.summary("No runs recorded" + name.map(n -> " for " + n).orElse("") + " yet.").build();
        }
        long failed = runs.stream().filter(r -> "failed".equals(r.outcome())).count();
        reply.summary(runs.size() + " run(s), newest first; " + failed + " failed.");
        List<List<Value>> rows = new ArrayList<>();
        for (JobRuns.JobRunRecord r : runs) {
            rows.add(List.of(Value.text(r.job()), Value.text(TIME.format(r.startedAt())),
                    text(r.finishedAt() == null ? null : TIME.format(r.finishedAt())), Value.text(r.outcome()),
                    r.rows() == null ? Value.empty(ValueType.NUMBER) : Value.number(r.rows(), ""),
                    Value.text(r.cause()),
                    text("failed".equals(r.outcome()) ? r.error() + " (ref " + r.errorRef() + ")" : r.summary())));
        }
        reply.table(new Table("runs", "Runs", List.of(
                new Column("job", "job", ValueType.TEXT),
                new Column("started", "started", ValueType.TEXT),
                new Column("finished", "finished", ValueType.TEXT),
                new Column("outcome", "outcome", ValueType.TEXT),
                new Column("rows", "rows", ValueType.NUMBER),
                new Column("cause", "cause", ValueType.TEXT),
                new Column("detail", "detail", ValueType.TEXT)), rows, List.of()));
        return reply.build();
    }

    private static Value text(String s) {
        return s == null ? Value.empty(ValueType.TEXT) : Value.text(s);
    }
}
