package dev.purser.commands.plan;

import dev.purser.commands.render.Formats;
import dev.purser.commands.reply.Column;
import dev.purser.commands.reply.FollowUp;
import dev.purser.commands.reply.Reply;
import dev.purser.commands.reply.Table;
import dev.purser.commands.reply.Value;
import dev.purser.commands.reply.ValueType;
import dev.purser.core.analysis.rightsizing.DecisionMatrix;
import dev.purser.core.model.Money;
import dev.purser.core.plan.Phase;
import dev.purser.core.plan.PhaseTarget;
import dev.purser.core.plan.Plan;
import dev.purser.core.plan.PreCheck;
import dev.purser.core.plan.SignOff;
import dev.purser.core.plan.Tally;
import dev.purser.core.plan.Trigger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * A plan as one reply: its phases (targets, change, window, soak, saving, risk), their checks,
 * triggers and rollbacks, the decision matrices, and where its approvals stand. Every face renders
 * this one document.
 */
final class PlanReplies {

    private PlanReplies() {
    }

    static Reply show(String command, String title, Plan plan, Tally tally, List<String> extraNotes) {
        Reply.Builder r = Reply.builder(command, title);
        List<Phase> phases = plan.content().phases();
        String saving = plan.content().monthlySaving().map(Formats::money).orElse("no priced saving");
        r.summary("Plan " + plan.id() + " (revision " + plan.revision() + ", hash " + plan.shortHash() + ") has "
                + phases.size() + (phases.size() == 1 ? " phase: " : " phases: ")
                + phases.stream().map(Phase::name).collect(Collectors.joining(", ")) + "; it saves " + saving
                + " a month once done. " + state(tally) + ".");
        r.figure("plan", "Plan", Value.number(plan.id(), null))
                .figure("revision", "Revision", Value.number(plan.revision(), null))
                .figure("state", "State", Value.text(plan.state().word()))
                .figure("approvals", "Approvals", Value.text(tally.line()))
                .figure("requester", "Requested by", Value.text(plan.requesterName()))
                .figure("monthly_saving", "Monthly saving", plan.content().monthlySaving().map(Value::money)
                        .orElse(Value.empty(ValueType.MONEY)))
                .figure("window", "Window", Value.text(plan.content().window().canonical()))
                .figure("hash", "Content hash", Value.text(plan.hash()));
        r.table(phasesTable(phases));
        r.table(checksTable(phases));
        r.table(approvalsTable(tally));
        Table matrix = matrixTable(phases);
        if (!matrix.rows().isEmpty()) {
            r.table(matrix);
        }
        r.note("Order: " + plan.content().orderedBy() + ".");
        r.note("Approvals are bound to revision " + plan.revision() + " (hash " + plan.shortHash() + "); editing the plan "
                + "makes a new revision and voids them.");
        r.notes(extraNotes);
        String ref = plan.id() + "@" + plan.revision();
        if (!plan.state().ended()) {
            // Bound to this revision, so a click on a message older than an edit is refused as stale.
            r.followUp(FollowUp.to("Approve", ApproveCommand.NAME).positional(ref).confirm());
            r.followUp(FollowUp.to("Reject", ApproveCommand.REJECT).positional(ref)
                    .positional("rejected from the plan message").confirm());
        }
        // Every chat copy of this message is re-rendered when the plan changes (an approval, an edit).
        r.live("plan:" + plan.id(), FollowUp.to("Show plan " + plan.id(), PlanCommand.NAME).positional(PlanCommand.SHOW)
                .positional(String.valueOf(plan.id())).build());
        r.followUp(FollowUp.to("All plans", PlanCommand.NAME).positional("list"));
        return r.build();
    }

    static String state(Tally tally) {
        return switch (tally.state()) {
            case AWAITING_APPROVAL -> "Awaiting approval: " + tally.line();
            case APPROVED -> "Approved: " + tally.line();
            case REJECTED -> "Stopped: " + tally.line() + "; it takes approvals again once revised";
            case CANCELLED -> "Cancelled";
            case SCHEDULED, RUNNING, VERIFYING, PAUSED, DONE, ROLLED_BACK, FAILED ->
                    capital(tally.state().word().replace('_', ' ')) + ": " + tally.line();
        };
    }

    private static Table phasesTable(List<Phase> phases) {
        List<List<Value>> rows = new ArrayList<>();
        for (Phase p : phases) {
            rows.add(List.of(Value.number(p.number(), null), Value.text(p.name()), Value.text(p.tier()),
                    Value.text(p.window().label()),
                    Value.list(p.targets().stream().map(t -> Value.text(t.label())).toList()),
                    Value.list(p.targets().stream().map(t -> Value.text(t.change().executor() + ": "
                            + t.change().label())).toList()),
                    Value.text(words(p.soak())),
                    p.monthlySaving().map(Value::money).orElse(Value.empty(ValueType.MONEY)),
                    Value.text(risk(p))));
        }
        return new Table("phases", "Phases", List.of(
                new Column("phase", "#", ValueType.NUMBER),
                new Column("name", "phase", ValueType.TEXT),
                new Column("tier", "tier", ValueType.TEXT),
                new Column("window", "window", ValueType.TEXT),
                new Column("targets", "targets", ValueType.LIST),
                new Column("change", "change", ValueType.LIST),
                new Column("soak", "soak", ValueType.TEXT),
                new Column("monthly_saving", "saving/month", ValueType.MONEY),
                new Column("risk", "risk", ValueType.TEXT)), rows, List.of());
    }

    private static Table checksTable(List<Phase> phases) {
        List<List<Value>> rows = new ArrayList<>();
        for (Phase p : phases) {
            rows.add(List.of(Value.number(p.number(), null),
                    Value.list(p.preChecks().stream().map(c -> Value.text(c.label())).toList()),
                    Value.list(p.triggers().stream().map(t -> Value.text(trigger(t))).toList()),
                    Value.list(p.targets().stream().map(t -> Value.text(t.label() + " → "
                            + t.rollback().change().to().label())).toList())));
        }
        return new Table("checks", "Checks, rollback triggers and rollback", List.of(
                new Column("phase", "#", ValueType.NUMBER),
                new Column("pre_checks", "before", ValueType.LIST),
                new Column("triggers", "roll back when", ValueType.LIST),
                new Column("rollback", "rollback", ValueType.LIST)), rows, List.of());
    }

    private static Table approvalsTable(Tally tally) {
        List<List<Value>> rows = new ArrayList<>();
        for (Tally.Requirement q : tally.requirements()) {
            rows.add(List.of(Value.number(q.phase(), null),
                    Value.text(q.scope().name().toLowerCase(Locale.ROOT)), Value.text(q.tier()),
                    Value.text(q.line()),
                    Value.list(q.expired().stream().map(s -> Value.text("@" + s.displayName())).toList()),
                    Value.text(q.closes().toString())));
        }
        return new Table("approvals", "Approvals", List.of(
                new Column("phase", "#", ValueType.NUMBER),
                new Column("scope", "scope", ValueType.TEXT),
                new Column("tier", "policy", ValueType.TEXT),
                new Column("tally", "approved", ValueType.TEXT),
                new Column("expired", "expired", ValueType.LIST),
                new Column("closes", "open until", ValueType.TEXT)), rows, List.of());
    }

    private static Table matrixTable(List<Phase> phases) {
        List<List<Value>> rows = new ArrayList<>();
        for (Phase p : phases) {
            if (p.rehearsal()) {
                continue;
            }
            for (PhaseTarget t : p.targets()) {
                if (t.decisionMatrix().isEmpty()) {
                    continue;
                }
                DecisionMatrix m = t.decisionMatrix().get();
                for (DecisionMatrix.Option o : m.options()) {
                    rows.add(List.of(Value.text(t.name()), Value.text(o.label() + (o.current() ? " (now)" : "")
                                    + (o.label().equals(m.verdict()) ? " (chosen)" : "")),
                            o.monthlyPrice().map(Value::money).orElse(Value.empty(ValueType.MONEY)),
                            o.monthlySaving().map(Value::money).orElse(Value.empty(ValueType.MONEY)),
                            Value.text(o.failover()), Value.text(o.dataLossWindow()),
                            Value.text(o.risk().name().toLowerCase(Locale.ROOT)),
                            Value.text(o.allowed() ? "yes" : "no: " + o.notAllowedReason())));
                }
            }
        }
        return new Table("decision_matrix", "Decision matrix", List.of(
                new Column("target", "cluster", ValueType.TEXT),
                new Column("option", "option", ValueType.TEXT),
                new Column("monthly_price", "price/month", ValueType.MONEY),
                new Column("monthly_saving", "saving/month", ValueType.MONEY),
                new Column("failover", "failover", ValueType.TEXT),
                new Column("data_loss", "data loss", ValueType.TEXT),
                new Column("risk", "risk", ValueType.TEXT),
                new Column("allowed", "allowed", ValueType.TEXT)), rows, List.of());
    }

    static Table listTable(List<Plan> plans, List<Tally> tallies) {
        List<List<Value>> rows = new ArrayList<>();
        for (int i = 0; i < plans.size(); i++) {
            Plan p = plans.get(i);
            rows.add(List.of(Value.number(p.id(), null), Value.text(p.content().title()), Value.text(p.state().word()),
                    Value.number(p.revision(), null), Value.text(tallies.get(i).line()),
                    p.content().monthlySaving().map(Value::money).orElse(Value.empty(ValueType.MONEY)),
                    Value.text(p.content().phases().get(0).window().label()), Value.text(p.requesterName())));
        }
        return new Table("plans", "Plans", List.of(
                new Column("plan", "plan", ValueType.NUMBER),
                new Column("title", "title", ValueType.TEXT),
                new Column("state", "state", ValueType.TEXT),
                new Column("revision", "rev", ValueType.NUMBER),
                new Column("approvals", "approvals", ValueType.TEXT),
                new Column("monthly_saving", "saving/month", ValueType.MONEY),
                new Column("first_window", "first window", ValueType.TEXT),
                new Column("requester", "requested by", ValueType.TEXT)), rows, List.of());
    }

    static String describe(SignOff s) {
        return s.phase() == SignOff.WHOLE_PLAN ? "plan " + s.planId() : "plan " + s.planId() + " phase " + s.phase();
    }

    private static String risk(Phase p) {
        String level = p.targets().stream().map(PhaseTarget::risk).reduce((a, b) -> a.max(b)).orElseThrow().name()
                .toLowerCase(Locale.ROOT);
        return p.rehearsal() ? level + " (on forks only)" : level;
    }

    private static String trigger(Trigger t) {
        String threshold = t.threshold().stripTrailingZeros().toPlainString();
        return t.metric() + " " + t.comparison().name().toLowerCase(Locale.ROOT) + " "
                + (t.relativeToBaseline() ? threshold + "x baseline" : threshold) + " for " + words(t.sustainedFor());
    }

    static String words(Duration d) {
        long m = d.toMinutes();
        if (m % (60 * 24) == 0) {
            return m / (60 * 24) + "d";
        }
        if (m % 60 == 0) {
            return m / 60 + "h";
        }
        return m >= 60 ? m / 60 + "h" + m % 60 + "m" : m + "m";
    }

    static String money(Money m) {
        return Formats.money(m);
    }

    private static String capital(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    static List<String> checks(Phase p) {
        return p.preChecks().stream().map(PreCheck::label).toList();
    }
}
