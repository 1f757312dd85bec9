package dev.purser.core.execution;

import dev.purser.core.cloud.digitalocean.DatabaseBackup;
import dev.purser.core.cloud.digitalocean.DatabaseCluster;
import dev.purser.core.cloud.digitalocean.DigitalOceanClient;
import dev.purser.core.cloud.http.ApiCallException;
import dev.purser.core.cloud.http.ApiFailure;
import dev.purser.core.plan.Trigger;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A database change tried on a fork first, without a standing test environment: fork the cluster
 * from its latest backup ({@code POST /v2/databases} with {@code backup_restore}), apply the change
 * to the fork through {@link DatabaseResizeExecutor}, run the phase's checks against the fork, delete
 * the fork, and report what was measured.
 *
 * <p>Each provider call is journalled under a child of the rehearsal's key ({@code fork},
 * {@code resize}, {@code delete}). The fork's name is derived from the key, so a resumed rehearsal
 * finds the fork it already created (by name, in {@code GET /v2/databases}) instead of forking
 * again. The fork is deleted whatever the checks found; if deleting fails the report says so, with
 * the fork's name, because a forgotten fork costs money.
 */
public final class DatabaseRehearsal {

    /** How a rehearsal ended. */
    public enum Outcome { PASSED, BREACHED, NO_DATA, FAILED, RETRY_LATER, ASK_PERSON }

    /**
     * @param forkWithin   how long the fork may take to come online
     * @param settleWithin how long the resize of the fork may take
     * @param checkFor     how long the checks watch the resized fork
     * @param checkEvery   how often they read its metrics
     * @param baselineWindow the window of the source cluster's baseline
     */
    public record Timing(Duration forkWithin, Duration settleWithin, Duration checkFor, Duration checkEvery,
            Duration baselineWindow) {
    }

    /**
     * What the rehearsal measured.
     *
     * @param forkReadyIn   from the fork request to the fork online
     * @param resizeTook    from the resize request to the fork online at the new size
     * @param checks        the checks' verdict against the source's baseline
     * @param forkDeleted   whether the fork is gone
     */
    public record Report(Outcome outcome, String message, String forkName, Optional<String> forkId,
            Optional<Instant> backupAt, Optional<Duration> forkReadyIn, Optional<Duration> resizeTook,
            Optional<SoakVerdict> checks, boolean forkDeleted) {
    }

    private final DigitalOceanClient client;
    private final CallLedger ledger;
    private final SoakEvaluator soak;
    private final DatabaseResizeExecutor resizer;

    public DatabaseRehearsal(DigitalOceanClient client, CallLedger ledger, SoakEvaluator soak) {
        this.client = Objects.requireNonNull(client, "client");
        this.ledger = Objects.requireNonNull(ledger, "ledger");
        this.soak = Objects.requireNonNull(soak, "soak");
        this.resizer = new DatabaseResizeExecutor(client, ledger);
    }

    /** The fork's name: the source's, then {@code -rehearsal-} and a hash of the key; at most 63 characters. */
    static String forkName(String source, IdempotencyKey key) {
        String suffix = "-rehearsal-" + Integer.toHexString(key.value().hashCode() & 0x7fffffff);
        String head = source.length() + suffix.length() > 63 ? source.substring(0, 63 - suffix.length()) : source;
        return head + suffix;
    }

    /**
     * @param change a prepared database cluster resize (from {@link DatabaseResizeExecutor#prepare})
     */
    public Report rehearse(PreparedChange change, IdempotencyKey key, List<Trigger> triggers, Timing timing) {
        Target source = change.target();
        String forkName = forkName(source.name(), key);
        DatabaseCluster src;
        Instant backupAt;
        try {
            src = client.databaseCluster(source.id());
            backupAt = client.databaseBackups(source.id()).stream().map(DatabaseBackup::createdAt)
                    .max(Comparator.naturalOrder()).orElse(null);
        } catch (ApiCallException e) {
            return report(CloudFailures.outcome(e, ledger.now(), "reading " + source.name() + " before its rehearsal"),
                    forkName, Optional.empty(), Optional.empty(), true);
        }
        if (backupAt == null) {
            return new Report(Outcome.FAILED, source.name() + " has no backup to fork from: the rehearsal cannot run",
                    forkName, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                    true);
        }
        Baseline baseline = soak.baseline(source.name(), triggers, timing.baselineWindow(), ledger.now());

        Target forkTarget = new Target(Target.Kind.DATABASE_CLUSTER, "fork:" + forkName, forkName);
        IdempotencyKey forkKey = key.child("fork");
        ExecutorCall forkCall = ledger.record(forkKey, "digitalocean.database.rehearsal", "fork", forkTarget,
                "{\"name\":\"" + forkName + "\",\"backup_restore\":{\"database_name\":\"" + src.name() + "\"}}");
        Instant forkAsked = forkCall.recordedAt();
        Optional<String> forkId = forkCall.providerActionId();
        try {
            if (forkId.isEmpty()) {
                forkId = client.databaseClusters().stream().filter(c -> c.name().equals(forkName))
                        .map(DatabaseCluster::id).findFirst();
                if (forkId.isPresent()) {
                    ledger.accepted(forkKey, forkCall, forkId.get(), "found the fork " + forkName
                            + " already created: not forking again");
                } else {
                    ledger.sending(forkKey, forkCall);
                    DatabaseCluster fork = client.forkDatabaseCluster(src, forkName, backupAt);
                    forkId = Optional.of(fork.id());
                    ledger.accepted(forkKey, forkCall, fork.id(), "forked " + src.name() + " from its backup of "
                            + backupAt + " as " + forkName);
                }
            }
        } catch (ApiCallException e) {
            if (CloudFailures.refused(e)) {
                ledger.failed(forkKey, forkCall, e.getMessage());
            } else {
                ledger.note(forkKey, forkCall, "unsure", e.getMessage());
            }
            return report(CloudFailures.outcome(e, ledger.now(), "forking " + src.name()), forkName, Optional.empty(),
                    Optional.of(backupAt), true);
        }

        String id = forkId.get();
        try {
            Optional<Duration> ready = waitOnline(id, forkName, ledger.now().plus(timing.forkWithin()));
            if (ready.isEmpty()) {
                return new Report(Outcome.FAILED, "the fork " + forkName + " did not come online within "
                        + timing.forkWithin(), forkName, forkId, Optional.of(backupAt), Optional.empty(),
                        Optional.empty(), Optional.empty(), delete(key, forkName, id));
            }
            if (forkCall.state() != ExecutorCall.State.SETTLED) {
                ledger.settled(forkKey, ledger.reload(forkKey), forkName + " is online", Map.of());
            }
            Duration forkReadyIn = Duration.between(forkAsked, ledger.now());
            ChangeRequest onFork = new ChangeRequest(new Target(Target.Kind.DATABASE_CLUSTER, id, forkName),
                    change.forward().change());
            PreparedChange p = resizer.prepare(onFork);
            IdempotencyKey resizeKey = key.child("resize");
            Instant resizeAsked = ledger.now();
            ExecutionResult r = resizer.apply(p, resizeKey);
            if (r.ok()) {
                r = resizer.awaitSettled(p, resizeKey, ledger.now().plus(timing.settleWithin()));
            }
            if (r.status() != ExecutionResult.Status.SETTLED) {
                boolean deleted = delete(key, forkName, id);
                Report failed = report(r, forkName, forkId, Optional.of(backupAt), deleted);
                return new Report(failed.outcome(), "the resize of the fork did not settle: " + r.message(), forkName,
                        forkId, Optional.of(backupAt), Optional.of(forkReadyIn), Optional.empty(), Optional.empty(),
                        deleted);
            }
            Duration resizeTook = Duration.between(resizeAsked, ledger.now());
            Instant settledAt = ledger.now();
            SoakVerdict checks = soak.soak(forkName, triggers, baseline, settledAt, timing.checkFor(),
                    timing.checkEvery());
            boolean deleted = delete(key, forkName, id);
            Outcome outcome = switch (checks.outcome()) {
                case PASSED -> Outcome.PASSED;
                case BREACHED -> Outcome.BREACHED;
                case NO_DATA -> Outcome.NO_DATA;
            };
            String message = "rehearsal on " + forkName + " (forked from the backup of " + backupAt + ", online in "
                    + forkReadyIn.toSeconds() + " s; resized to " + change.forward().change().to().setting().label()
                    + " in " + resizeTook.toSeconds() + " s): " + checks.describe()
                    + (deleted ? "; fork deleted" : "; the fork " + forkName + " could NOT be deleted: delete it by hand");
            return new Report(outcome, message, forkName, forkId, Optional.of(backupAt), Optional.of(forkReadyIn),
                    Optional.of(resizeTook), Optional.of(checks), deleted);
        } catch (RuntimeException e) {
            delete(key, forkName, id);
            throw e;
        }
    }

    private Optional<Duration> waitOnline(String id, String name, Instant deadline) {
        Instant start = ledger.now();
        while (true) {
            try {
                DatabaseCluster c = client.databaseCluster(id);
                if ("online".equals(c.status())) {
                    return Optional.of(Duration.between(start, ledger.now()));
                }
            } catch (ApiCallException e) {
                if (!CloudFailures.transientFailure(e)) {
                    return Optional.empty();
                }
            }
            if (!ledger.now().isBefore(deadline) || !ledger.pause(ledger.pollInterval())) {
                return Optional.empty();
            }
        }
    }

    /** Deletes the fork under {@code key/delete}; true when it is gone (or was already). */
    private boolean delete(IdempotencyKey key, String forkName, String id) {
        IdempotencyKey k = key.child("delete");
        Target t = new Target(Target.Kind.DATABASE_CLUSTER, id, forkName);
        ExecutorCall call = ledger.record(k, "digitalocean.database.rehearsal", "delete", t, "{\"id\":\"" + id + "\"}");
        if (call.state() == ExecutorCall.State.SETTLED) {
            return true;
        }
        try {
            ledger.sending(k, call);
            client.deleteDatabaseCluster(id);
            ledger.accepted(k, call, id, "deleted the fork " + forkName);
            ledger.settled(k, call, "the fork " + forkName + " is deleted", Map.of());
            return true;
        } catch (ApiCallException e) {
            if (e.failure().kind() == ApiFailure.Kind.NOT_FOUND) {
                ledger.accepted(k, call, id, "the fork " + forkName + " was already gone");
                ledger.settled(k, call, "the fork " + forkName + " is gone", Map.of());
                return true;
            }
            ledger.note(k, call, "unsure", e.getMessage());
            return false;
        }
    }

    private static Report report(ExecutionResult r, String forkName, Optional<String> forkId, Optional<Instant> backupAt,
            boolean deleted) {
        Outcome o = switch (r.status()) {
            case RETRY_LATER -> Outcome.RETRY_LATER;
            case ASK_PERSON -> Outcome.ASK_PERSON;
            case FAILED, SETTLED, IN_PROGRESS -> Outcome.FAILED;
        };
        return new Report(o, r.message(), forkName, forkId, backupAt, Optional.empty(), Optional.empty(),
                Optional.empty(), deleted);
    }
}
