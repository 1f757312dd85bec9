package dev.purser.commands.plan;

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
import dev.purser.core.live.SubjectChanges;
import dev.purser.core.plan.MigrationService;
import dev.purser.core.plan.Phase;
import dev.purser.core.plan.PhaseStatus;
import dev.purser.core.plan.Plan;
import dev.purser.core.plan.PlanTransitions;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * {@code migration status|pause|resume|rollback|cancel <plan> [--reason …]}: a running plan.
 *
 * <ul>
 * <li>{@code status} (viewer): the plan's state and each phase's, with why it last moved;</li>
 * <li>{@code pause}, {@code resume}, {@code cancel} (approver or admin): hold the plan before its
 *     next phase, let it go on, or stop it for good (phases done stay done);</li>
 * <li>{@code rollback} (admin): undo every phase done, last first, through its executor.</li>
 * </ul>
 *
 * <p>A plan mid-change (running or verifying) is neither paused nor cancelled nor rolled back by
 * hand: it finishes or rolls itself back when a trigger fires. Each change is announced for
 * {@code plan:<id>}, so every chat copy of the plan's messages is re-rendered.
 */
public final class MigrationCommand {

    public static final String NAME = "migration";
    static final String STATUS = "status";
    static final String PAUSE = "pause";
    static final String RESUME = "resume";
    static final String ROLLBACK = "rollback";
    static final String CANCEL = "cancel";
    static final String APPLIED = "applied";

    private final MigrationService migration;
    private final SubjectChanges changes;
    private final ArgumentSpec<String> action;
    private final ArgumentSpec<String> plan;
    private final ArgumentSpec<String> reason;
    private final CommandSpec spec;

    private MigrationCommand(MigrationService migration, SubjectChanges changes) {
        this.migration = Objects.requireNonNull(migration, "migration");
        this.changes = Objects.requireNonNull(changes, "changes");
        this.action = ArgumentSpec.builder("action", ArgumentTypes.choice(STATUS, PAUSE, RESUME, ROLLBACK, CANCEL, APPLIED))
                .description("status, pause, resume, cancel, applied (approver or admin) or rollback (admin)").required()
                .positional().build();
        this.plan = ArgumentSpec.builder("plan", ArgumentTypes.text()).description("The plan's number, such as 7")
                .required().positional().build();
        this.reason = ArgumentSpec.builder("reason", ArgumentTypes.text())
                .description("Why, kept with the phases and in the audit trail").build();
        this.spec = new CommandSpec(NAME, "Plans",
                "A running plan: status, pause, resume, cancel, rollback, applied",
                "Shows where an approved plan and each of its phases are (approved, scheduled, running, verifying, "
                        + "done, or paused, cancelled, rolled back, failed) and why each last moved; pauses a plan "
                        + "before its next phase, resumes it, cancels it (approver or admin), or rolls back its done "
                        + "phases, last first (admin); applied records that you applied the GitOps file a running "
                        + "phase wrote, so it goes on to its soak. A phase that is mid-change is not stopped by hand: it finishes "
                        + "or rolls itself back when a trigger fires during its soak.",
                List.of(action, plan, reason), Role.VIEWER, new Effect(false, true, false), this::handle);
    }

    /** @param changes told about each plan a pause, resume, cancel or rollback moved */
    public static CommandSpec create(MigrationService migration, SubjectChanges changes) {
        return new MigrationCommand(migration, changes).spec;
    }

    private Reply handle(Invocation invocation, CommandContext context) {
        String a = invocation.get(action);
        long id = Signers.Ref.parse(invocation.get(plan)).id();
        String why = invocation.get(reason);
        MigrationService.Status s = switch (a) {
            case STATUS -> migration.status(id);
            case PAUSE -> {
                requireApproverOrAdmin(context, a);
                yield migration.pause(id, why, Signers.of(context));
            }
            case RESUME -> {
                requireApproverOrAdmin(context, a);
                yield migration.resume(id, why, Signers.of(context));
            }
            case CANCEL -> {
                requireApproverOrAdmin(context, a);
                yield migration.cancel(id, why, Signers.of(context));
            }
            case APPLIED -> {
                requireApproverOrAdmin(context, a);
                yield migration.applied(id, Signers.of(context));
            }
            case ROLLBACK -> {
                if (!context.principal().has(Role.ADMIN)) {
                    throw forbidden(context, a, "admin");
                }
                yield migration.rollback(id, why, Signers.of(context));
            }
            default -> throw new IllegalStateException("the action choice let through '" + a + "'");
        };
        if (!a.equals(STATUS)) {
            changes.changed("plan:" + id);
        }
        return reply(a, s);
    }

    private static Reply reply(String action, MigrationService.Status s) {
        Plan p = s.plan();
        String state = PlanTransitions.words(p.state());
        String title = switch (action) {
            case STATUS -> "Plan " + p.id() + " is " + state;
            case PAUSE -> "Plan " + p.id() + " paused";
            case RESUME -> "Plan " + p.id() + " resumed";
            case CANCEL -> "Plan " + p.id() + " cancelled";
            case ROLLBACK -> "Plan " + p.id() + " rolled back";
            case APPLIED -> "Plan " + p.id() + ": change marked applied";
            default -> throw new IllegalStateException(action);
        };
        long done = s.phases().stream().filter(x -> x.state() == dev.purser.core.plan.PlanState.DONE).count();
        Reply.Builder r = Reply.builder(NAME, title)
                .summary(p.content().title() + ": " + state + "; " + done + " of " + s.phases().size() + " phases done"
                        + s.current().map(c -> "; next: phase " + c.number() + " (" + c.name() + "), "
                                + PlanTransitions.words(c.state())).orElse("") + ".")
                .figure("plan", "Plan", Value.number(p.id(), null))
                .figure("state", "State", Value.text(p.state().word()))
                .figure("phases_done", "Phases done", Value.number(done, null))
                .table(phases(p, s.phases()));
        if (action.equals(CANCEL) && done > 0) {
            r.note("The " + (done == 1 ? "phase" : done + " phases") + " already done keep their change; "
                    + "an admin undoes them with migration rollback " + p.id() + ".");
        }
        // every chat copy is re-rendered (as migration status) whenever the plan or a phase moves
        r.live("plan:" + p.id(), FollowUp.to("Status of plan " + p.id(), NAME).positional(STATUS)
                .positional(String.valueOf(p.id())).build());
        r.followUp(FollowUp.to("Show plan " + p.id(), PlanCommand.NAME).positional(PlanCommand.SHOW)
                .positional(String.valueOf(p.id())));
        return r.build();
    }

    private static Table phases(Plan plan, List<PhaseStatus> phases) {
        List<List<Value>> rows = new ArrayList<>();
        for (PhaseStatus s : phases) {
            Phase phase = plan.content().phases().get(s.number() - 1);
            rows.add(List.of(Value.number(s.number(), null), Value.text(s.name()), Value.text(phase.window().label()),
                    Value.text(s.state().word()),
                    s.since().map(t -> Value.text(t.toString())).orElse(Value.empty(ValueType.TEXT)),
                    s.reason().isEmpty() ? Value.empty(ValueType.TEXT) : Value.text(s.reason())));
        }
        return new Table("phases", "Phases", List.of(
                new Column("phase", "#", ValueType.NUMBER),
                new Column("name", "phase", ValueType.TEXT),
                new Column("window", "window", ValueType.TEXT),
                new Column("state", "state", ValueType.TEXT),
                new Column("since", "since", ValueType.TEXT),
                new Column("reason", "why", ValueType.TEXT)), rows, List.of());
    }

    private static void requireApproverOrAdmin(CommandContext context, String what) {
        if (!context.principal().has(Role.APPROVER) && !context.principal().has(Role.ADMIN)) {
            throw forbidden(context, what, "approver or admin");
        }
    }

    private static PurserException forbidden(CommandContext context, String what, String roles) {
        return new PurserException(ErrorCode.FORBIDDEN, "migration " + what + " needs the " + roles + " role, which "
                + context.principal().displayName() + " does not have");
    }
}
