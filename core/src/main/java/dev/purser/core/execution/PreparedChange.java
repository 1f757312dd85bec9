package dev.purser.core.execution;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * A change an executor has checked against the target's current state, with what undoes it.
 *
 * @param executor         the executor's name ({@code digitalocean.database.resize})
 * @param forward          the change
 * @param inverse          the change that puts the target back as it was found
 * @param expectedDowntime how long the target is unavailable while it is applied (zero when none)
 * @param calls            the provider calls {@link #forward} takes, in order
 * @param notes            what a person should know (a fail-over, an irreversible part, a state found)
 */
public record PreparedChange(String executor, ChangeRequest forward, ChangeRequest inverse, Duration expectedDowntime,
        List<PlannedCall> calls, List<String> notes) {

    public PreparedChange {
        Objects.requireNonNull(executor, "executor");
        Objects.requireNonNull(forward, "forward");
        Objects.requireNonNull(inverse, "inverse");
        Objects.requireNonNull(expectedDowntime, "expectedDowntime");
        calls = List.copyOf(calls);
        notes = List.copyOf(notes);
    }

    /** The rollback as a change of its own: forward and inverse swapped. */
    public PreparedChange inverted(List<PlannedCall> inverseCalls) {
        return new PreparedChange(executor, inverse, forward, expectedDowntime, inverseCalls, notes);
    }

    public Target target() {
        return forward.target();
    }
}
