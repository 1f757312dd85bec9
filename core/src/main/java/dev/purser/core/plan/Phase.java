package dev.purser.core.plan;

import dev.purser.core.model.Money;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One step of a plan: its targets, when it may run, what must hold before, how long to watch
 * after, and what undoes it.
 *
 * @param number     1 for the first
 * @param name       {@code rehearsal}, or the targets' names joined by {@code +}
 * @param rehearsal  true when the phase changes only forks made from backups
 * @param tier       the approval tier whose policy governs the phase (the strictest of its targets')
 * @param window     the window occurrence it is planned for
 * @param preChecks  what must hold before it starts
 * @param soak       how long the post-checks watch after the change
 * @param triggers   the post-checks: when one holds during the soak, the phase is rolled back
 */
public record Phase(int number, String name, boolean rehearsal, String tier, List<PhaseTarget> targets,
        WindowSlot window, List<PreCheck> preChecks, Duration soak, List<Trigger> triggers) {

    public Phase {
        if (number < 1) {
            throw new IllegalArgumentException("phase number must be at least 1: " + number);
        }
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(tier, "tier");
        targets = List.copyOf(targets);
        if (targets.isEmpty()) {
            throw new IllegalArgumentException("phase " + number + " has no targets");
        }
        Objects.requireNonNull(window, "window");
        preChecks = List.copyOf(preChecks);
        Objects.requireNonNull(soak, "soak");
        triggers = List.copyOf(triggers);
    }

    /** What the phase saves a month once done: the sum over its targets; empty when none is priced. */
    public Optional<Money> monthlySaving() {
        Money sum = null;
        for (PhaseTarget t : targets) {
            if (t.monthlySaving().isPresent()) {
                sum = sum == null ? t.monthlySaving().get() : sum.plus(t.monthlySaving().get());
            }
        }
        return Optional.ofNullable(sum);
    }

    /** The resources it changes (for a rehearsal, the resources its forks are made from). */
    public List<String> resourceIds() {
        List<String> ids = new ArrayList<>();
        targets.forEach(t -> ids.add(t.resourceId()));
        return ids;
    }

    String canonical() {
        StringBuilder b = new StringBuilder();
        b.append("phase ").append(number).append(" name=").append(name).append(";rehearsal=").append(rehearsal)
                .append(";tier=").append(tier).append('\n');
        b.append("    window ").append(window.canonical()).append('\n');
        b.append("    soak ").append(soak).append('\n');
        for (PreCheck c : preChecks) {
            b.append("    precheck ").append(c.canonical()).append('\n');
        }
        for (Trigger t : triggers) {
            b.append("    trigger ").append(t.canonical()).append('\n');
        }
        for (PhaseTarget t : targets) {
            b.append("    ").append(t.canonical()).append('\n');
        }
        return b.toString();
    }
}
