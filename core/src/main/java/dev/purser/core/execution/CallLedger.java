package dev.purser.core.execution;

import dev.purser.core.audit.AuditEvent;
import dev.purser.core.audit.AuditTrail;
import dev.purser.core.cloud.http.Sleeper;
import dev.purser.core.error.ErrorCode;
import dev.purser.core.error.PurserException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * What every executor shares: the journal a call is recorded in before it is sent, the audit trail
 * each call is appended to, time, and how to wait between polls.
 *
 * <p>Audit: each journal transition appends an {@code executor.call} event with the key, the
 * operation, the target, the new state and, when known, the provider's action id and a message.
 *
 * @param owner          this instance's name in the journal's lease ({@code claimed_by})
 * @param pollInterval   wait between two polls of the provider
 * @param lease          how long one instance may hold a call while it sends it
 */
public record CallLedger(ExecutorCallJournal journal, AuditTrail audit, Clock clock, Sleeper sleeper,
        Duration pollInterval, String owner, Duration lease) {

    public CallLedger {
        Objects.requireNonNull(journal, "journal");
        Objects.requireNonNull(audit, "audit");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(sleeper, "sleeper");
        Objects.requireNonNull(pollInterval, "pollInterval");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(lease, "lease");
        if (pollInterval.isNegative() || pollInterval.isZero()) {
            throw new IllegalArgumentException("pollInterval must be positive: " + pollInterval);
        }
    }

    /** Polls every 10 seconds; a random owner name; a 2-minute lease. */
    public static CallLedger of(ExecutorCallJournal journal, AuditTrail audit, Clock clock, Sleeper sleeper) {
        return new CallLedger(journal, audit, clock, sleeper, Duration.ofSeconds(10),
                "purser-" + UUID.randomUUID().toString().substring(0, 8), Duration.ofMinutes(2));
    }

    public CallLedger withPollInterval(Duration interval) {
        return new CallLedger(journal, audit, clock, sleeper, interval, owner, lease);
    }

    public Instant now() {
        return clock.instant();
    }

    ExecutorCall record(IdempotencyKey key, String executor, String operation, Target target, String request) {
        Optional<ExecutorCall> before = journal.find(key.value());
        ExecutorCall call = journal.record(key.value(), executor, operation, target.kindName(), target.id(), request,
                now());
        if (before.isEmpty()) {
            append(key, call, "recorded", Map.of("request", request));
        }
        return call;
    }

    ExecutorCall reload(IdempotencyKey key) {
        return journal.find(key.value()).orElseThrow(() -> new PurserException(ErrorCode.INTERNAL_ERROR,
                "executor call " + key.value() + " is not in the journal"));
    }

    boolean claim(IdempotencyKey key) {
        Instant now = now();
        return journal.claim(key.value(), owner, now, now.plus(lease));
    }

    void release(IdempotencyKey key) {
        journal.release(key.value(), owner);
    }

    void sending(IdempotencyKey key, ExecutorCall call) {
        journal.sending(key.value(), now());
        append(key, call, "sending", Map.of("attempt", Integer.toString(call.attempts() + 1)));
    }

    void accepted(IdempotencyKey key, ExecutorCall call, String actionId, String message) {
        journal.accepted(key.value(), actionId, message, now());
        Map<String, String> d = new LinkedHashMap<>();
        if (actionId != null) {
            d.put("provider_action_id", actionId);
        }
        d.put("message", message);
        append(key, call, "accepted", d);
    }

    void settled(IdempotencyKey key, ExecutorCall call, String message, Map<String, String> facts) {
        journal.settled(key.value(), message, now());
        Map<String, String> d = new LinkedHashMap<>(facts);
        d.put("message", message);
        append(key, call, "settled", d);
    }

    void failed(IdempotencyKey key, ExecutorCall call, String message) {
        journal.failed(key.value(), message, now());
        append(key, call, "failed", Map.of("message", message));
    }

    void note(IdempotencyKey key, ExecutorCall call, String what, String message) {
        journal.note(key.value(), message, now());
        append(key, call, what, Map.of("message", message));
    }

    void append(IdempotencyKey key, ExecutorCall call, String state, Map<String, String> extra) {
        Map<String, String> d = new LinkedHashMap<>();
        d.put("key", key.value());
        d.put("executor", call.executor());
        d.put("operation", call.operation());
        d.put("target", call.targetKind() + ":" + call.targetId());
        d.put("state", state);
        d.putAll(extra);
        audit.append(AuditEvent.of("executor.call", key.auditSubject(), "purser", d));
    }

    /** Waits one poll interval; false when interrupted (the caller stops and reports). */
    boolean pause(Duration wait) {
        try {
            sleeper.sleep(wait);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
