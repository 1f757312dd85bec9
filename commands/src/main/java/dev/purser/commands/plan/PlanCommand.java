package dev.purser.commands.plan;

import dev.purser.commands.ArgumentKinds;
import dev.purser.commands.ArgumentSpec;
import dev.purser.commands.ArgumentTypes;
import dev.purser.commands.CommandContext;
import dev.purser.commands.CommandSpec;
import dev.purser.commands.Effect;
import dev.purser.commands.Invocation;
import dev.purser.commands.Role;
import dev.purser.commands.reply.FollowUp;
import dev.purser.core.live.SubjectChanges;
import dev.purser.commands.reply.Reply;
import dev.purser.commands.reply.Value;
import dev.purser.core.error.ErrorCode;
import dev.purser.core.error.PurserException;
import dev.purser.core.plan.Plan;
import dev.purser.core.plan.PlanService;
import dev.purser.core.plan.ResourceLock;
import dev.purser.core.plan.Tally;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code plan create|show|list|edit|cancel|release-lock}: staged plans made from recommendations.
 *
 * <ul>
 * <li>{@code plan create <recommendation-id>… [--window "Sat 02:00-04:00 Europe/Berlin"] [--phases …]}
 *     (requester): phases ordered by risk, with windows, checks, triggers, rollbacks and savings;</li>
 * <li>{@code plan show <plan>} and {@code plan list [--all]} (viewer);</li>
 * <li>{@code plan edit <plan> [--window …] [--phases …]} (its requester or an admin): a new revision,
 *     which voids every approval of the old one;</li>
 * <li>{@code plan cancel <plan> [--reason …]} (its requester or an admin);</li>
 * <li>{@code plan release-lock <resource> --reason …} (admin).</li>
 * </ul>
 *
 * <p>The command needs the viewer role to run at all; the handler asks for more where an action
 * writes, as {@code budget} does, so its effect is declared as {@link Effect#ADDS}.
 */
public final class PlanCommand {

    public static final String NAME = "plan";
    static final String CREATE = "create";
    static final String SHOW = "show";
    static final String LIST = "list";
    static final String EDIT = "edit";
    static final String CANCEL = "cancel";
    static final String RELEASE = "release-lock";

    private final PlanService plans;
    private final SubjectChanges changes;
    private final ArgumentSpec<String> action;
    private final ArgumentSpec<String> target;
    private final ArgumentSpec<String> window;
    private final ArgumentSpec<String> phases;
    private final ArgumentSpec<String> reason;
    private final ArgumentSpec<Boolean> all;
    private final CommandSpec spec;

    private PlanCommand(PlanService plans, SubjectChanges changes) {
        this.plans = Objects.requireNonNull(plans, "plans");
        this.changes = Objects.requireNonNull(changes, "changes");
        this.action = ArgumentSpec.builder("action", ArgumentTypes.choice(LIST, SHOW, CREATE, EDIT, CANCEL, RELEASE))
                .description("list (default), show, create, edit, cancel, or release-lock (admin)")
                .defaultValue(LIST).positional().build();
        this.target = ArgumentSpec.builder("target", ArgumentTypes.text())
                .description("Recommendation ids rs-… (create), a plan number, or a resource (release-lock)")
                .positional().multiple().build();
        this.window = ArgumentSpec.builder("window", ArgumentTypes.text())
                .description("Maintenance window, such as \"Sat 02:00-04:00 Europe/Berlin\"").build();
        this.phases = ArgumentSpec.builder("phases", ArgumentTypes.text())
                .description("Phases split by ',', targets joined by '+': rehearsal,sso-prod+mandible-prod").build();
        this.reason = ArgumentSpec.builder("reason", ArgumentTypes.text())
                .description("Why, for cancel and release-lock; kept in the audit trail").build();
        this.all = ArgumentSpec.builder("all", ArgumentTypes.bool())
                .description("list: include ended plans (cancelled, done, rolled back, failed)").flag().build();
        this.spec = new CommandSpec(NAME, "Plans",
                "Staged plans from recommendations: create, show, list, edit, cancel, release a lock",
                "Turns right-sizing recommendations (by the stable ids rightsize and savings print) into a staged plan: "
                        + "a rehearsal or non-production target first, then production targets from the lowest "
                        + "measured traffic to the highest, each phase with its maintenance window, pre-checks (recent "
                        + "backup, metrics in band, no lock by another plan), soak period, rollback triggers, rollback "
                        + "action, monthly saving and risk. Plans are approved with approve and stopped with reject; "
                        + "plan show gives the phases, checks, decision matrix and the approval tally.",
                List.of(action, target, window, phases, reason, all), Role.VIEWER, Effect.ADDS, this::handle)
                .withKinds(new ArgumentKinds("action", List.of(
                        new ArgumentKinds.Kind(LIST, "the open plans (--all: every plan)", List.of("all"), List.of()),
                        new ArgumentKinds.Kind(SHOW, "one plan with its phases and approvals", List.of("target"),
                                List.of("target")),
                        new ArgumentKinds.Kind(CREATE, "a plan from recommendation ids",
                                List.of("target", "window", "phases"), List.of("target")),
                        new ArgumentKinds.Kind(EDIT, "a new revision with another window or phases",
                                List.of("target", "window", "phases"), List.of("target")),
                        new ArgumentKinds.Kind(CANCEL, "withdraw a plan", List.of("target", "reason"),
                                List.of("target")),
                        new ArgumentKinds.Kind(RELEASE, "end a resource's lock before its plan ends (admin)",
                                List.of("target", "reason"), List.of("target", "reason")))));
    }

    /** @param changes told about each plan an edit, a cancellation or a released lock changed */
    public static CommandSpec create(PlanService plans, SubjectChanges changes) {
        return new PlanCommand(plans, changes).spec;
    }

    private Reply handle(Invocation invocation, CommandContext context) {
        String a = invocation.get(action);
        List<String> targets = invocation.getAll(target);
        return switch (a) {
            case LIST -> list(Boolean.TRUE.equals(invocation.get(all)));
            case SHOW -> show(one(targets, "plan show <plan>"));
            case CREATE -> create(invocation, context, targets);
            case EDIT -> edit(invocation, context, one(targets, "plan edit <plan> --window … | --phases …"));
            case CANCEL -> cancel(invocation, context, one(targets, "plan cancel <plan>"));
            case RELEASE -> release(invocation, context, String.join(" ", targets));
            default -> throw new IllegalStateException("the action choice let through '" + a + "'");
        };
    }

    private Reply create(Invocation invocation, CommandContext context, List<String> ids) {
        requireRole(context, Role.REQUESTER, CREATE);
        PlanService.Created created = plans.create(ids.stream().map(s -> s.trim().toLowerCase(Locale.ROOT)).toList(),
                Optional.ofNullable(invocation.get(window)), Optional.ofNullable(invocation.get(phases)),
                Signers.of(context));
        Plan plan = created.plan();
        return PlanReplies.show(NAME, "Plan " + plan.id() + " created: " + plan.content().title(), plan,
                plans.tally(plan.id()), created.notes());
    }

    private Reply show(String ref) {
        Plan plan = plans.get(Signers.Ref.parse(ref).id());
        return PlanReplies.show(NAME, "Plan " + plan.id() + ": " + plan.content().title(), plan, plans.tally(plan.id()),
                List.of());
    }

    private Reply list(boolean includeEnded) {
        List<Plan> all = plans.list(includeEnded);
        Reply.Builder r = Reply.builder(NAME, includeEnded ? "All plans" : "Open plans");
        if (all.isEmpty()) {
            return r.summary("No " + (includeEnded ? "" : "open ") + "plans. Make one from recommendation ids: plan create "
                    + "rs-… (rightsize and savings print them).")
                    .followUp(FollowUp.to("Savings", "savings")).build();
        }
        List<Tally> tallies = all.stream().map(p -> plans.tally(p.id())).toList();
        List<ResourceLock> locks = plans.locks();
        r.summary(all.size() + (all.size() == 1 ? " plan" : " plans") + (includeEnded ? "" : " open") + "; "
                + locks.size() + (locks.size() == 1 ? " resource is" : " resources are") + " locked by approved plans.")
                .table(PlanReplies.listTable(all, tallies))
                .figure("plans", "Plans", Value.number(all.size(), null))
                .figure("locks", "Locked resources", Value.number(locks.size(), null));
        for (ResourceLock l : locks) {
            r.note(l.name() + " is locked by plan " + l.planId() + " since " + l.since() + ".");
        }
        r.followUp(FollowUp.to("Show plan " + all.get(0).id(), NAME).positional(SHOW)
                .positional(String.valueOf(all.get(0).id())));
        return r.build();
    }

    private Reply edit(Invocation invocation, CommandContext context, String ref) {
        requireRequesterOrAdmin(context, EDIT);
        if (!invocation.has(window) && !invocation.has(phases)) {
            throw PurserException.badArgument("plan edit needs --window or --phases: what should change?");
        }
        Plan plan = plans.edit(Signers.Ref.parse(ref).id(), Optional.ofNullable(invocation.get(window)),
                Optional.ofNullable(invocation.get(phases)), Signers.of(context));
        changes.changed("plan:" + plan.id());
        return PlanReplies.show(NAME, "Plan " + plan.id() + " revised: revision " + plan.revision(), plan,
                plans.tally(plan.id()), List.of("Every approval of revision " + (plan.revision() - 1)
                        + " is void; this revision needs its own."));
    }

    private Reply cancel(Invocation invocation, CommandContext context, String ref) {
        requireRequesterOrAdmin(context, CANCEL);
        Plan plan = plans.cancel(Signers.Ref.parse(ref).id(), invocation.get(reason), Signers.of(context));
        changes.changed("plan:" + plan.id());
        return Reply.builder(NAME, "Plan " + plan.id() + " cancelled")
                .summary("Cancelled plan " + plan.id() + " (" + plan.content().title() + "); its locks have ended.")
                .figure("plan", "Plan", Value.number(plan.id(), null))
                .figure("state", "State", Value.text(plan.state().word()))
                .followUp(FollowUp.to("Open plans", NAME).positional(LIST)).build();
    }

    private Reply release(Invocation invocation, CommandContext context, String resource) {
        requireRole(context, Role.ADMIN, RELEASE);
        ResourceLock l = plans.releaseLock(resource, invocation.get(reason), Signers.of(context));
        changes.changed("plan:" + l.planId());
        return Reply.builder(NAME, "Lock on " + l.name() + " released")
                .summary("Released the lock plan " + l.planId() + " held on " + l.name() + " since " + l.since()
                        + "; the reason is in the audit trail.")
                .figure("resource", "Resource", Value.text(l.name()))
                .figure("plan", "Held by plan", Value.number(l.planId(), null))
                .followUp(FollowUp.to("Show plan " + l.planId(), NAME).positional(SHOW)
                        .positional(String.valueOf(l.planId()))).build();
    }

    private static String one(List<String> targets, String usage) {
        if (targets.size() != 1) {
            throw PurserException.badArgument((targets.isEmpty() ? "which plan? " : "one plan at a time: ") + usage);
        }
        return targets.get(0);
    }

    private static void requireRequesterOrAdmin(CommandContext context, String what) {
        if (!context.principal().has(Role.ADMIN)) {
            requireRole(context, Role.REQUESTER, what);
        }
    }

    private static void requireRole(CommandContext context, Role role, String what) {
        if (!context.principal().has(role)) {
            throw new PurserException(ErrorCode.FORBIDDEN, "plan " + what + " needs the "
                    + role.name().toLowerCase(Locale.ROOT) + " role, which " + context.principal().displayName()
                    + " does not have");
        }
    }
}
