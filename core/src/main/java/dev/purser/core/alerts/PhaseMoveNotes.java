package dev.purser.core.alerts;

import dev.purser.core.audit.AuditEntry;
import dev.purser.core.model.Money;
import dev.purser.core.plan.Durations;
import dev.purser.core.plan.Phase;
import dev.purser.core.plan.PhaseTarget;
import dev.purser.core.plan.Plan;
import dev.purser.core.plan.PlanState;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The message a plan's thread gets when one of its phases moves, made from the audit entry of the
 * move ({@code phase.<state>}, see {@code MigrationService}) and the figures it carries: the
 * baseline, the trigger that fired with its limit, first and peak values and samples, the
 * rehearsal's or executor's words, the saving. One line says it all
 * ({@code Phase 3 mandible-prod rolled back: query_p95_ms above 1.5x baseline for 10m fired
 * (baseline 40.0 ms, limit 60.0 ms, peak 98.1 ms over 11 samples); back to db-s-2vcpu-4gb x 2 nodes});
 * the lines under it give the detail. Faces render it as they render alerts.
 *
 * <p>Pure: no clock, no store. A move of an earlier revision of the plan is still told, from the
 * entry alone (the window and saving then come from the entry's words only).
 */
public final class PhaseMoveNotes {

    private static final String PHASE = "phase.";
    /** The longest title: Discord's embed title limit. */
    public static final int TITLE = 256;
    private static final Pattern ISO_DURATION = Pattern.compile("\\bP(?:T?[0-9]+[DHMS])+\\b");

    private PhaseMoveNotes() {
    }

    /** Whether the entry records a phase moving from one state to another. */
    public static boolean isMove(AuditEntry entry) {
        Map<String, String> d = entry.event().details();
        return entry.event().kind().startsWith(PHASE) && d.containsKey("from") && d.containsKey("to")
                && d.containsKey("phase") && state(d.get("to")).isPresent();
    }

    /**
     * The thread message for a move; empty for an entry that is not one ({@link #isMove}).
     *
     * @param plan the plan as stored now; its content is used when the entry is of its revision
     */
    public static Optional<AlertMessage> render(Plan plan, AuditEntry entry) {
        if (!isMove(entry)) {
            return Optional.empty();
        }
        Map<String, String> d = entry.event().details();
        PlanState to = state(d.get("to")).orElseThrow();
        int number = Integer.parseInt(d.get("phase"));
        Optional<Phase> phase = String.valueOf(plan.revision()).equals(d.get("revision"))
                && number >= 1 && number <= plan.content().phases().size()
                        ? Optional.of(plan.content().phases().get(number - 1)) : Optional.empty();
        String name = d.getOrDefault("phase_name", phase.map(Phase::name).orElse("?"));
        String reason = d.getOrDefault("reason", "");
        String head = "Phase " + number + " " + name + " " + to.word().replace('_', ' ');
        List<String> lines = new ArrayList<>();
        String title = switch (to) {
            case SCHEDULED -> head + phase.map(p -> ": window " + p.window().label()).orElse("")
                    + (reason.isBlank() || reason.startsWith("approved;") ? "" : " (" + reason + ")");
            case RUNNING -> head + ": " + (d.containsKey("window_start") ? "window opened at "
                    + d.get("window_start") + "; " : "") + phase.map(PhaseMoveNotes::changes).orElse(reason);
            case VERIFYING -> head + ": change applied; soak"
                    + phase.map(p -> " of " + Durations.words(p.soak())).orElse("") + " started"
                    + baseline(d).map(b -> " against baseline " + b).orElse("");
            case DONE -> head + ": " + (d.containsKey("verdict") && !phase.map(Phase::rehearsal).orElse(false)
                    ? soakPassed(d) : reason)
                    + phase.flatMap(Phase::monthlySaving).map(m -> "; saves " + money(m) + " a month").orElse("");
            case ROLLED_BACK -> head + ": " + (d.containsKey("trigger") ? fired(d) : reason)
                    + phase.map(p -> "; back to " + rollbacks(p)).orElse("");
            case FAILED, PAUSED, CANCELLED, AWAITING_APPROVAL, APPROVED, REJECTED -> head
                    + (reason.isBlank() ? "" : ": " + reason);
        };
        if (to == PlanState.DONE || to == PlanState.ROLLED_BACK || to == PlanState.FAILED) {
            if (!reason.isBlank() && !title.contains(reason)) {
                lines.add(reason);
            }
            baseline(d).filter(b -> to != PlanState.VERIFYING).ifPresent(b -> lines.add("Baseline: " + b));
            if (d.containsKey("breach_window")) {
                lines.add("Breach: first " + withUnit(d.get("first"), d.get("trigger_metric")) + ", from "
                        + d.get("breach_window").replace("..", " to "));
            }
        }
        if (to == PlanState.ROLLED_BACK) {
            phase.flatMap(Phase::monthlySaving).ifPresent(m -> lines.add("Not saved: " + money(m)
                    + " a month; the plan stops here"));
        }
        if (title.length() > TITLE) {
            // too long for a title (Discord cuts at 256): cut there, and whole as the first line
            lines.add(0, title);
            title = title.substring(0, TITLE - 1) + "…";
        }
        lines.add("Moved by " + entry.event().actor() + " at " + entry.recordedAt() + " (audit entry "
                + entry.sequence() + ")");
        return Optional.of(new AlertMessage(AlertKind.MIGRATION, title, lines,
                "purser migration status " + plan.id()));
    }

    /** {@code query_p95_ms above 1.5x baseline for 10m fired (baseline 40.0 ms, limit 60.0 ms, peak 98.1 ms over 11 samples)}. */
    private static String fired(Map<String, String> d) {
        String metric = d.getOrDefault("trigger_metric", "");
        StringBuilder b = new StringBuilder(durations(d.get("trigger"))).append(" fired (");
        if (d.containsKey("trigger_baseline")) {
            b.append("baseline ").append(withUnit(d.get("trigger_baseline"), metric)).append(", ");
        }
        b.append("limit ").append(withUnit(d.get("limit"), metric));
        if (d.containsKey("peak")) {
            b.append(", peak ").append(withUnit(d.get("peak"), metric));
        }
        if (d.containsKey("samples")) {
            b.append(" over ").append(d.get("samples")).append(" samples");
        }
        return b.append(')').toString();
    }

    private static String soakPassed(Map<String, String> d) {
        if (!"passed".equals(d.get("soak_outcome"))) {
            return d.get("verdict");
        }
        return "no trigger fired during the soak" + (d.containsKey("soak_samples") ? " (" + d.get("soak_samples")
                + " samples read)" : "");
    }

    /** {@code query_p95_ms 40.0 ms (30 samples)}, every metric the baseline has. */
    private static Optional<String> baseline(Map<String, String> d) {
        List<String> parts = new ArrayList<>();
        d.forEach((k, v) -> {
            if (k.startsWith("baseline.")) {
                String metric = k.substring("baseline.".length());
                String n = d.get("baseline_samples." + metric);
                parts.add(metric + " " + withUnit(v, metric) + (n == null ? "" : " (" + n + " samples)"));
            }
        });
        return parts.isEmpty() ? Optional.empty() : Optional.of(String.join(", ", parts));
    }

    private static String changes(Phase p) {
        List<String> out = new ArrayList<>();
        for (PhaseTarget t : p.targets()) {
            out.add(t.label() + " " + t.change().label());
        }
        return String.join(", ", out);
    }

    private static String rollbacks(Phase p) {
        List<String> out = new ArrayList<>();
        for (PhaseTarget t : p.targets()) {
            out.add(p.targets().size() == 1 ? t.rollback().change().to().label()
                    : t.label() + " " + t.rollback().change().to().label());
        }
        return String.join(", ", out);
    }

    /** {@code 40.0 ms} for a metric named {@code *_ms}, {@code 80 %} for {@code *_percent}. */
    static String withUnit(String value, String metric) {
        if (value == null) {
            return "?";
        }
        String m = metric == null ? "" : metric.toLowerCase(Locale.ROOT);
        if (m.endsWith("_ms")) {
            return value + " ms";
        }
        if (m.endsWith("_percent")) {
            return value + " %";
        }
        if (m.endsWith("_seconds")) {
            return value + " s";
        }
        return value;
    }

    /** Rewrites {@code PT10M} in a trigger's canonical form as people write it: {@code 10m}. */
    static String durations(String text) {
        if (text == null) {
            return "";
        }
        Matcher m = ISO_DURATION.matcher(text);
        StringBuilder b = new StringBuilder();
        while (m.find()) {
            String words;
            try {
                words = Durations.words(Duration.parse(m.group()));
            } catch (DateTimeParseException e) {
                words = m.group();
            }
            m.appendReplacement(b, Matcher.quoteReplacement(words));
        }
        m.appendTail(b);
        return b.toString();
    }

    private static Optional<PlanState> state(String word) {
        try {
            return Optional.of(PlanState.ofWord(word));
        } catch (IllegalArgumentException | NullPointerException e) {
            return Optional.empty();
        }
    }

    private static String money(Money m) {
        return Alerts.money(m);
    }
}
