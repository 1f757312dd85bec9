package dev.purser.core.schedule;

/**
 * What a fire time missed while no Purser instance was running does, when one starts again (a
 * fire is "missed" once it is later than the scheduler's misfire threshold, 60 s by default).
 *
 * <ul>
 * <li>{@link #RUN_LATE}: run once, late (several missed fires of a cron job still give one run),
 *     then keep the schedule. For work whose result is still wanted late: pulls, budget checks,
 *     the monthly report. Quartz: {@code MISFIRE_INSTRUCTION_FIRE_ONCE_NOW} on a cron trigger,
 *     {@code MISFIRE_INSTRUCTION_FIRE_NOW} on a one-off trigger.</li>
 * <li>{@link #SKIP}: do not run late; a cron job waits for its next fire time
 *     ({@code MISFIRE_INSTRUCTION_DO_NOTHING}); a one-off task is told it was missed
 *     ({@link OneOffTask#missed}) instead of run, so its owner can record that (a plan phase whose
 *     window passed while Purser was down must not start late unless the plan says so).</li>
 * </ul>
 */
public enum MisfirePolicy {
    RUN_LATE,
    SKIP;

    /** From a schedule's {@code misfire:} word ({@code run_once}, {@code skip}). */
    public static MisfirePolicy ofWord(String word) {
        return switch (word) {
            case "run_once" -> RUN_LATE;
            case "skip" -> SKIP;
            default -> throw new IllegalArgumentException("not a misfire policy: " + word);
        };
    }

    public String word() {
        return this == RUN_LATE ? "run_once" : "skip";
    }
}
