package dev.purser.commands.plan;

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
import dev.purser.core.plan.ApprovalOutcome;
import dev.purser.core.plan.Decision;
import dev.purser.core.plan.PlanService;
import dev.purser.core.plan.PlanState;
import dev.purser.core.plan.SignOff;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * {@code approve <plan>[@revision] [comment…] [--phase N] [--hash H]} and
 * {@code reject <plan>[@revision] <reason…>}: a sign-off typed on any face, decided by the same
 * rules as a chat button. A refused sign-off is an error reply whose message starts with the
 * refusal's code ({@code refused (self_approval): …}).
 *
 * <p>Role: running the command needs only the viewer role, since a policy may name users who hold
 * no approver role; who may sign is decided by the plan's approval policy, never by the command.
 */
public final class ApproveCommand {

    public static final String NAME = "approve";
    public static final String REJECT = "reject";

    private ApproveCommand() {
    }

    /** @param changes told about each plan whose tally a sign-off changed, so its chat messages follow */
    public static CommandSpec create(PlanService plans, SubjectChanges changes) {
        Objects.requireNonNull(plans, "plans");
        ArgumentSpec<String> plan = planArgument();
        ArgumentSpec<String> comment = ArgumentSpec.builder("comment", ArgumentTypes.text())
                .description("Why, in a few words; recorded with the sign-off").positional().multiple().build();
        ArgumentSpec<Integer> phase = ArgumentSpec.builder("phase", ArgumentTypes.integer(1, 99))
                .description("The phase to approve (per-phase policies); default the next that needs approvals").build();
        ArgumentSpec<String> hash = hashArgument();
        return new CommandSpec(NAME, "Approve a plan",
                "Approve a plan (or its next phase) as yourself; the plan's policy says who may",
                "Records your approval of a plan, bound to its current revision and content hash (give plan@revision "
                        + "or --hash to refuse silently approving something edited since you read it). The requester "
                        + "never approves their own plan, one person counts once, an admin has no bypass, and an AI "
                        + "assistant's token approves only where the configuration grants it.",
                List.of(plan, comment, phase, hash), Role.VIEWER, Effect.ADDS, (invocation, context) -> {
                    Signers.Ref ref = Signers.Ref.parse(invocation.get(plan));
                    Integer n = invocation.get(phase);
                    ApprovalOutcome o = plans.approve(ref.id(), Signers.of(context),
                            Optional.ofNullable(invocation.get(hash)), ref.revision(),
                            n == null ? OptionalInt.empty() : OptionalInt.of(n),
                            String.join(" ", invocation.getAll(comment)));
                    return reply(NAME, o, context, changes);
                });
    }

    public static CommandSpec reject(PlanService plans, SubjectChanges changes) {
        Objects.requireNonNull(plans, "plans");
        ArgumentSpec<String> plan = planArgument();
        ArgumentSpec<String> reason = ArgumentSpec.builder("reason", ArgumentTypes.text())
                .description("Why the plan should not go ahead; recorded with the rejection").required().positional()
                .multiple().build();
        ArgumentSpec<String> hash = hashArgument();
        return new CommandSpec(REJECT, "Reject a plan",
                "Reject a plan: it stops until it is revised",
                "Records your rejection of a plan's current revision with a reason. A rejection by anyone the plan's "
                        + "policy lets approve stops the plan; editing it makes a new revision that takes approvals "
                        + "again.",
                List.of(plan, reason, hash), Role.VIEWER, Effect.ADDS, (invocation, context) -> {
                    Signers.Ref ref = Signers.Ref.parse(invocation.get(plan));
                    ApprovalOutcome o = plans.reject(ref.id(), Signers.of(context),
                            Optional.ofNullable(invocation.get(hash)), ref.revision(),
                            String.join(" ", invocation.getAll(reason)));
                    return reply(REJECT, o, context, changes);
                });
    }

    private static ArgumentSpec<String> planArgument() {
        return ArgumentSpec.builder("plan", ArgumentTypes.text())
                .description("The plan number, such as 7; 7@2 binds the sign-off to revision 2").required().positional()
                .build();
    }

    private static ArgumentSpec<String> hashArgument() {
        return ArgumentSpec.builder("hash", ArgumentTypes.text())
                .description("The content hash you read (8+ hex digits); refused if the plan changed since").build();
    }

    private static Reply reply(String command, ApprovalOutcome outcome, CommandContext context,
                               SubjectChanges changes) {
        if (outcome instanceof ApprovalOutcome.Refused r) {
            throw new PurserException(ErrorCode.FORBIDDEN, "refused (" + r.reason().word() + "): " + r.message());
        }
        ApprovalOutcome.Accepted a = (ApprovalOutcome.Accepted) outcome;
        SignOff s = a.signOff();
        changes.changed("plan:" + s.planId());
        boolean approve = s.decision() == Decision.APPROVE;
        String what = PlanReplies.describe(s);
        Reply.Builder r = Reply.builder(command, (approve ? "Approved " : "Rejected ") + what + " as "
                + context.principal().displayName());
        String after = a.newState() == PlanState.APPROVED && a.takeLocks()
                ? " Plan " + s.planId() + " is approved; its resources are locked against other plans."
                : a.newState() == PlanState.REJECTED ? " Plan " + s.planId() + " is stopped until it is revised." : "";
        String counted = a.tally().requirements().stream().filter(q -> q.signOffPhase() == s.phase()).findFirst()
                .map(q -> q.line()).orElse(a.tally().line());
        String next = approve && !a.tally().complete() ? " Still open: " + a.tally().line() + "." : "";
        r.summary((approve ? "Counted your approval of " : "Recorded your rejection of ") + what + " (revision "
                + s.revision() + ", hash " + s.hash().substring(0, 12) + "): " + (approve ? counted : a.tally().line())
                + "." + after + next);
        r.figure("decision", "Decision", Value.text(s.decision().word()))
                .figure("approvals", "Approvals", Value.text(a.tally().line()))
                .figure("state", "Plan state", Value.text(a.newState().word()))
                .figure("revision", "Revision", Value.number(s.revision(), null))
                .figure("hash", "Content hash", Value.text(s.hash()));
        if (approve) {
            r.figure("valid_until", "Valid until", Value.text(s.validUntil().toString()));
        }
        r.followUp(FollowUp.to("Show plan " + s.planId(), PlanCommand.NAME).positional(PlanCommand.SHOW)
                .positional(String.valueOf(s.planId())));
        return r.build();
    }
}
