package dev.purser.core.execution;

import dev.purser.core.analysis.rightsizing.Percentiles;
import dev.purser.core.audit.AuditEvent;
import dev.purser.core.cloud.digitalocean.DatabaseBackup;
import dev.purser.core.cloud.digitalocean.DigitalOceanClient;
import dev.purser.core.cloud.http.ApiCallException;
import dev.purser.core.cloud.prometheus.PrometheusClient;
import dev.purser.core.config.ExecutionConfig;
import dev.purser.core.error.ErrorCode;
import dev.purser.core.error.PurserException;
import dev.purser.core.model.UsageSeries;
import dev.purser.core.plan.Durations;
import dev.purser.core.plan.Phase;
import dev.purser.core.plan.PhaseTarget;
import dev.purser.core.plan.Plan;
import dev.purser.core.plan.PreCheck;
import dev.purser.core.plan.ResourceLock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Evaluates a phase's {@link PreCheck pre-checks} right before its change, so a check an approver
 * read in the plan is a check that was made.
 *
 * <p>What each check reads, per target of the phase:
 * <ul>
 * <li>{@code backup_newer_than}: the newest backup from DigitalOcean's
 *     {@code GET /v2/databases/{uuid}/backups} (database clusters only); it holds when that backup is
 *     no older than the limit. No backup at all, or a cluster the API does not know (404), fails.</li>
 * <li>{@code metrics_in_band}: each named metric's 5th and 95th percentile over the traffic window
 *     the plan was approved with (one {@code query_range} at a step that fits the window), and its
 *     current value (the last sample of the last ten check intervals); it holds when
 *     p5 ≤ current ≤ p95. Sources are the soak's: a Prometheus query in
 *     {@code execution.prometheus.queries}, or DigitalOcean monitoring for a droplet's CPU.</li>
 * <li>{@code no_other_plan_lock}: the resource locks in the store; it fails when another plan holds
 *     one on the target.</li>
 * </ul>
 *
 * <p>What cannot be evaluated: backup and lock checks are never skipped. A backup list that cannot
 * be read for a moment (429, 5xx, a timeout) is tried again at the rate limit's reset or a minute
 * later, while the phase's window is open; a rejected token, an unreadable answer or no lock store
 * hold the phase; a DigitalOcean token that is not set at all fails it, naming the variable, as its
 * executor would. A metric with no configured source, or one
 * whose source returns no samples, is recorded as not measured; like a soak trigger without a
 * source, it holds the phase when {@code execution.require_every_trigger} is true (the default) and
 * is only named when it is false. A metric source that fails holds the phase (or is retried, as
 * above, when the failure is transient).
 *
 * <p>Every evaluation is appended to the audit trail as {@code phase.prechecks} with each check's
 * figures ({@code latest backup 2026-12-05T02:00:00Z, 6h old, limit 24h}).
 */
public final class PreCheckEvaluator {

    /** How far back "the current value" of a metric may be found, in check intervals. */
    static final int CURRENT_INTERVALS = 10;

    /** Where one check on one target came out. */
    public enum Verdict {
        /** It holds. */
        PASSED,
        /** It does not hold: the phase must not change anything. */
        FAILED,
        /** No source gives the metric, or the source had no samples. */
        NOT_MEASURED,
        /** It could not be read now (a rate limit, a 5xx, a timeout); {@code retryAt} says when to try again. */
        UNAVAILABLE,
        /** It could not be evaluated and trying again will not help by itself (a token, no lock store). */
        UNKNOWN
    }

    /**
     * One check on one target.
     *
     * @param name    {@code backup_newer_than.mandible-prod}, {@code metrics_in_band.sso-prod.cpu_percent}
     * @param label   the check as people read it ({@code backup newer than 24h})
     * @param figures what was measured, in words with the numbers
     */
    public record Finding(String name, String label, String target, Verdict verdict, String figures,
            Optional<Instant> retryAt) {
        public Finding {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(label, "label");
            Objects.requireNonNull(target, "target");
            Objects.requireNonNull(verdict, "verdict");
            Objects.requireNonNull(figures, "figures");
            Objects.requireNonNull(retryAt, "retryAt");
        }

        /** {@code backup newer than 24h on mandible-prod: latest backup ..., 30h old, limit 24h}. */
        public String line() {
            return label + " on " + target + ": " + (verdict == Verdict.NOT_MEASURED ? "not measured, " : "") + figures;
        }
    }

    /** What the pre-checks came to for the phase. */
    public enum Outcome {
        /** Every check holds (metrics not measured are named, when not required). */
        PASSED,
        /** A check failed or could not be evaluated: nothing is changed, a person decides. */
        HELD,
        /** A check could not be read for a moment: the phase tries again at {@code retryAt}. */
        RETRY_LATER
    }

    /**
     * @param findings every check on every target, in the phase's order
     */
    public record Report(Outcome outcome, List<Finding> findings, Optional<Instant> retryAt, boolean metricsRequired) {
        public Report {
            Objects.requireNonNull(outcome, "outcome");
            findings = List.copyOf(findings);
            Objects.requireNonNull(retryAt, "retryAt");
        }

        /** The findings that hold the phase (or made it wait). */
        public List<Finding> blocking() {
            return findings.stream().filter(f -> switch (f.verdict()) {
                case PASSED -> false;
                case NOT_MEASURED -> metricsRequired;
                case FAILED, UNAVAILABLE, UNKNOWN -> true;
            }).toList();
        }

        /** Metrics recorded as not measured that did not hold the phase. */
        public List<Finding> unmeasured() {
            return metricsRequired ? List.of()
                    : findings.stream().filter(f -> f.verdict() == Verdict.NOT_MEASURED).toList();
        }
    }

    private final ExecutionConfig config;
    private final PlanExecution.Clients clients;
    private final Supplier<List<ResourceLock>> locks;
    private final CallLedger ledger;

    /**
     * @param locks the resource locks held now; null when no lock store is wired, which holds every
     *              phase that has a lock check
     */
    public PreCheckEvaluator(ExecutionConfig config, PlanExecution.Clients clients, Supplier<List<ResourceLock>> locks,
            CallLedger ledger) {
        this.config = Objects.requireNonNull(config, "config");
        this.clients = Objects.requireNonNull(clients, "clients");
        this.locks = locks;
        this.ledger = Objects.requireNonNull(ledger, "ledger");
    }

    /**
     * Evaluates every pre-check of the phase on every target and appends {@code phase.prechecks}.
     *
     * @param targets the typed target of each of the phase's targets, in order
     */
    public Report evaluate(Plan plan, Phase phase, List<Target> targets, IdempotencyKey key) {
        Objects.requireNonNull(plan, "plan");
        Objects.requireNonNull(phase, "phase");
        if (targets.size() != phase.targets().size()) {
            throw new IllegalArgumentException("phase " + phase.number() + " has " + phase.targets().size()
                    + " targets, " + targets.size() + " given");
        }
        Instant now = ledger.now();
        List<Finding> findings = new ArrayList<>();
        for (PreCheck check : phase.preChecks()) {
            for (int i = 0; i < targets.size(); i++) {
                PhaseTarget t = phase.targets().get(i);
                Target target = targets.get(i);
                switch (check.kind()) {
                    case BACKUP_NEWER_THAN -> {
                        if (target.kind() == Target.Kind.DATABASE_CLUSTER) {
                            findings.add(backup(check, t, target, now));
                        }
                    }
                    case METRICS_IN_BAND -> findings.addAll(band(check, t, target, now));
                    case NO_OTHER_PLAN_LOCK -> findings.add(lock(check, plan, t));
                }
            }
        }
        Report report = decide(findings, phase, now);
        audit(report, key);
        return report;
    }

    private Report decide(List<Finding> findings, Phase phase, Instant now) {
        boolean required = config.requireEveryTrigger();
        Report draft = new Report(Outcome.PASSED, findings, Optional.empty(), required);
        List<Finding> blocking = draft.blocking();
        if (blocking.isEmpty()) {
            return draft;
        }
        boolean onlyWaiting = blocking.stream().allMatch(f -> f.verdict() == Verdict.UNAVAILABLE);
        Optional<Instant> retry = blocking.stream().map(Finding::retryAt).flatMap(Optional::stream)
                .max(Comparator.naturalOrder());
        if (onlyWaiting && retry.isPresent() && retry.get().isBefore(phase.window().end())) {
            return new Report(Outcome.RETRY_LATER, findings, retry, required);
        }
        return new Report(Outcome.HELD, findings, Optional.empty(), required);
    }

    // ------------------------------------------------------------------ backups

    private Finding backup(PreCheck check, PhaseTarget t, Target target, Instant now) {
        String name = "backup_newer_than." + t.name();
        String label = check.label();
        Duration limit = check.maxAge();
        // a missing token is thrown on: the phase fails naming the variable to set, as its executor would
        DigitalOceanClient client = clients.digitalOcean();
        List<DatabaseBackup> backups;
        try {
            backups = client.databaseBackups(target.id());
        } catch (ApiCallException e) {
            return unreadable(name, label, t.name(), e, now, "the backups of " + t.name() + " could not be read");
        }
        Optional<Instant> latest = backups.stream().map(DatabaseBackup::createdAt).max(Comparator.naturalOrder());
        if (latest.isEmpty()) {
            return new Finding(name, label, t.name(), Verdict.FAILED, "DigitalOcean lists no backup of " + t.name()
                    + " at all; limit " + Durations.words(limit), Optional.empty());
        }
        Duration age = Duration.between(latest.get(), now);
        String figures = "latest backup " + latest.get() + ", " + age(age) + ", limit " + Durations.words(limit)
                + " (" + backups.size() + (backups.size() == 1 ? " backup" : " backups") + " listed)";
        return new Finding(name, label, t.name(), age.compareTo(limit) <= 0 ? Verdict.PASSED : Verdict.FAILED, figures,
                Optional.empty());
    }

    private static String age(Duration age) {
        if (age.isNegative()) {
            return "taken " + Durations.words(age.negated().truncatedTo(ChronoUnit.MINUTES)) + " ahead of this clock";
        }
        Duration whole = age.truncatedTo(ChronoUnit.MINUTES);
        return (whole.isZero() ? "under a minute" : Durations.words(whole)) + " old";
    }

    /** The defined outcome of a failed read, as {@link CloudFailures} defines it for executors. */
    private static Finding unreadable(String name, String label, String target, ApiCallException e, Instant now,
            String context) {
        String said = context + ": " + e.getMessage();
        return switch (e.failure().kind()) {
            case NOT_FOUND -> new Finding(name, label, target, Verdict.FAILED, said + " (404: DigitalOcean does not know "
                    + "the cluster)", Optional.empty());
            case UNAUTHORIZED, FORBIDDEN, MALFORMED_RESPONSE, CLIENT_ERROR -> new Finding(name, label, target,
                    Verdict.UNKNOWN, said, Optional.empty());
            case RATE_LIMITED, SERVER_ERROR, TIMEOUT, CONNECTION -> {
                Instant at = CloudFailures.retryAt(e, now);
                yield new Finding(name, label, target, Verdict.UNAVAILABLE, said + "; tried again at " + at,
                        Optional.of(at));
            }
        };
    }

    // ------------------------------------------------------------------ metrics

    private List<Finding> band(PreCheck check, PhaseTarget t, Target target, Instant now) {
        List<Finding> out = new ArrayList<>();
        Duration window = check.window();
        for (String metric : check.metrics()) {
            String name = "metrics_in_band." + t.name() + "." + metric;
            String label = metric + " within p5-p95 of " + Durations.words(window);
            Optional<Sources> sources = sources(t, target, metric, window);
            if (sources.isEmpty()) {
                out.add(new Finding(name, label, t.name(), Verdict.NOT_MEASURED, "no source is "
                        + "configured for " + metric + " (no query in execution.prometheus.queries"
                        + (target.kind() == Target.Kind.DROPLET ? "" : ", and DigitalOcean monitoring gives only a "
                                + "droplet's cpu_percent") + ")", Optional.empty()));
                continue;
            }
            String resource = sources.get().resource();
            List<UsageSeries.Sample> history;
            List<UsageSeries.Sample> recent;
            try {
                history = sources.get().band().samples(resource, metric, now.minus(window), now);
                Duration lookback = config.timing().checkInterval().multipliedBy(CURRENT_INTERVALS);
                recent = sources.get().current().samples(resource, metric, now.minus(lookback), now);
            } catch (ApiCallException e) {
                out.add(unreadable(name, label, t.name(), e, now, metric + " of " + t.name() + " could not be read"));
                continue;
            } catch (PurserException e) {
                out.add(metricFailure(name, label, t.name(), e, now, metric));
                continue;
            }
            double[] values = history.stream().mapToDouble(UsageSeries.Sample::value).filter(Double::isFinite)
                    .sorted().toArray();
            Optional<UsageSeries.Sample> current = recent.stream().filter(s -> Double.isFinite(s.value()))
                    .max(Comparator.comparing(UsageSeries.Sample::at));
            if (values.length == 0 || current.isEmpty()) {
                out.add(new Finding(name, label, t.name(), Verdict.NOT_MEASURED,
                        sources.get().describe() + " returned " + (values.length == 0 ? "no samples over the last "
                                + Durations.words(window) : "no sample in the last "
                                + Durations.words(config.timing().checkInterval().multipliedBy(CURRENT_INTERVALS)))
                        + " for " + metric + " of " + resource, Optional.empty()));
                continue;
            }
            double p5 = Percentiles.of(values, 0.05);
            double p95 = Percentiles.of(values, 0.95);
            double v = current.get().value();
            boolean inside = v >= p5 && v <= p95;
            String where = inside ? "within" : v < p5 ? "below" : "above";
            String figures = metric + " " + Breach.num(v) + " " + where + " p5-p95 " + Breach.num(p5) + "-"
                    + Breach.num(p95) + " over " + Durations.words(window) + " (" + values.length + " samples, now "
                    + "read at " + current.get().at() + ")";
            out.add(new Finding(name, label, t.name(), inside ? Verdict.PASSED : Verdict.FAILED, figures,
                    Optional.empty()));
        }
        return out;
    }

    private static Finding metricFailure(String name, String label, String target, PurserException e, Instant now,
            String metric) {
        // Prometheus has retried already by its own settings; an unreachable one is tried again a minute later
        if (e.code() == ErrorCode.EXTERNAL_API_ERROR) {
            Instant at = now.plus(CloudFailures.TRANSIENT_RETRY);
            return new Finding(name, label, target, Verdict.UNAVAILABLE, metric + " could not be read: "
                    + e.getMessage() + "; tried again at " + at, Optional.of(at));
        }
        return new Finding(name, label, target, Verdict.UNKNOWN, metric + " could not be read: " + e.getMessage(),
                Optional.empty());
    }

    /** The band's and the current value's source for one metric of one target; empty when none is configured. */
    private record Sources(MetricSource band, MetricSource current, String resource) {
        String describe() {
            return band.describe();
        }
    }

    /** Prometheus is asked about the phase target's name, as the soak asks it ({@code PhaseRunner}). */
    private Optional<Sources> sources(PhaseTarget t, Target target, String metric, Duration window) {
        Map<String, String> queries = config.prometheus().queries();
        if (queries.containsKey(metric)) {
            Optional<PrometheusClient> prometheus = clients.prometheus();
            if (prometheus.isPresent()) {
                PrometheusClient p = prometheus.get();
                Duration step = p.stepFor(window);
                return Optional.of(new Sources(new PrometheusMetricSource(p, queries, step),
                        new PrometheusMetricSource(p, queries, config.timing().checkInterval()), t.name()));
            }
        }
        if (target.kind() == Target.Kind.DROPLET && DropletCpuMetricSource.METRIC.equals(metric)) {
            MetricSource droplet = new DropletCpuMetricSource(clients.digitalOcean());
            return Optional.of(new Sources(droplet, droplet, target.id()));
        }
        return Optional.empty();
    }

    // ------------------------------------------------------------------ locks

    private Finding lock(PreCheck check, Plan plan, PhaseTarget t) {
        String name = "no_other_plan_lock." + t.name();
        String label = check.label();
        if (locks == null) {
            return new Finding(name, label, t.name(), Verdict.UNKNOWN, "no lock store is wired to the executors: the "
                    + "locks on " + t.name() + " cannot be read", Optional.empty());
        }
        List<ResourceLock> held;
        try {
            held = locks.get().stream().filter(l -> l.resourceId().equals(t.resourceId())).toList();
        } catch (PurserException e) {
            return new Finding(name, label, t.name(), Verdict.UNKNOWN, "the locks could not be read: " + e.getMessage(),
                    Optional.empty());
        }
        Optional<ResourceLock> other = held.stream().filter(l -> l.planId() != plan.id()).findFirst();
        if (other.isPresent()) {
            return new Finding(name, label, t.name(), Verdict.FAILED, t.name() + " is locked by plan "
                    + other.get().planId() + " since " + other.get().since(), Optional.empty());
        }
        Optional<ResourceLock> own = held.stream().filter(l -> l.planId() == plan.id()).findFirst();
        return new Finding(name, label, t.name(), Verdict.PASSED, own.map(l -> "locked by this plan (" + plan.id()
                + ") since " + l.since() + "; no other plan holds a lock on it").orElse("no plan holds a lock on "
                        + t.name() + " (this plan's lock was released)"), Optional.empty());
    }

    // ------------------------------------------------------------------ audit

    private void audit(Report report, IdempotencyKey key) {
        Map<String, String> d = new LinkedHashMap<>();
        d.put("key", key.value());
        d.put("outcome", report.outcome().name().toLowerCase(Locale.ROOT));
        d.put("checks", Integer.toString(report.findings().size()));
        report.retryAt().ifPresent(at -> d.put("retry_at", at.toString()));
        for (Finding f : report.findings()) {
            d.put(f.name(), f.verdict().name().toLowerCase(Locale.ROOT).replace('_', ' ') + ": " + f.figures());
        }
        ledger.audit().append(AuditEvent.of("phase.prechecks", key.auditSubject(), "purser", d));
    }

    /**
     * The phase's outcome when the pre-checks do not let it change anything: held asks a person (the
     * phase is paused; {@code migration resume} evaluates them again), a read that failed for a
     * moment is tried again at its time; empty when they passed.
     */
    static Optional<PhaseRunner.Outcome> stop(Report report, Plan plan, Phase phase) {
        if (report.outcome() == Outcome.PASSED) {
            return Optional.empty();
        }
        List<String> lines = report.blocking().stream().map(Finding::line).toList();
        if (report.outcome() == Outcome.RETRY_LATER) {
            return Optional.of(new PhaseRunner.Outcome(PhaseRunner.Result.RETRY_LATER, "pre-checks could not be read "
                    + "yet, nothing was changed: " + String.join("; ", lines), report.retryAt(), Optional.empty(),
                    Optional.empty(), List.of()));
        }
        return Optional.of(new PhaseRunner.Outcome(PhaseRunner.Result.ASK_PERSON, "pre-check" + (lines.size() == 1
                ? "" : "s") + " did not hold, nothing was changed: " + String.join("; ", lines) + ". When "
                + (lines.size() == 1 ? "it holds" : "they hold") + ", migration resume " + plan.id()
                + " evaluates the pre-checks of phase " + phase.number() + " again", Optional.empty(),
                Optional.empty(), Optional.empty(), List.of()));
    }
}
