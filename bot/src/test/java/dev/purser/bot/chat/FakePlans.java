package dev.purser.bot.chat;

import dev.purser.commands.ArgumentSpec;
import dev.purser.commands.ArgumentTypes;
import dev.purser.commands.CommandDispatcher;
import dev.purser.commands.CommandRegistry;
import dev.purser.commands.CommandSpec;
import dev.purser.commands.Effect;
import dev.purser.commands.Role;
import dev.purser.commands.reply.FollowUp;
import dev.purser.commands.reply.Reply;
import dev.purser.commands.reply.Value;
import dev.purser.core.error.ErrorCode;
import dev.purser.core.error.PurserException;
import dev.purser.core.live.SubjectChanges;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A stand-in for the plans helper's commands, shaped like them: {@code plan <id>} shows a plan
 * with its tally, live, with Approve and Reject buttons that ask for confirmation;
 * {@code approve <id>} (approver role) adds the caller once and announces {@code plan:<id>};
 * {@code reject <id> <reason>} stops it. One state in memory, shared by every dispatcher built
 * from it, as the real tally is one state in PostgreSQL.
 */
public final class FakePlans {

    public static final int NEEDED = 2;

    public final SubjectChanges changes = new SubjectChanges();
    public final Map<String, List<String>> approvals = new LinkedHashMap<>();
    public final Map<String, String> rejections = new LinkedHashMap<>();
    public final List<String> runs = new ArrayList<>();
    /** Where each approval was given, as the command's context says: {@code platform:channel/message}. */
    public final List<String> givenAt = new ArrayList<>();

    private static final ArgumentSpec<String> ID = ArgumentSpec.builder("plan", ArgumentTypes.text()).positional()
            .required().description("the plan's id").build();
    private static final ArgumentSpec<String> REASON = ArgumentSpec.builder("reason", ArgumentTypes.text())
            .positional().required().description("why").build();

    public CommandDispatcher dispatcher() {
        return new CommandDispatcher(CommandRegistry.of(
                new CommandSpec("plan", "Plan", "Shows a plan", "Shows a plan and its tally.", List.of(ID),
                        Role.VIEWER, Effect.READ_ONLY, (inv, ctx) -> {
                            runs.add("plan " + inv.get(ID) + " as " + ctx.principal().id());
                            return show(inv.get(ID));
                        }),
                new CommandSpec("approve", "Approve", "Approves a plan", "Approves a plan.", List.of(ID),
                        Role.APPROVER, Effect.ADDS, (inv, ctx) -> {
                            String id = inv.get(ID);
                            runs.add("approve " + id + " as " + ctx.principal().id());
                            givenAt.add(ctx.conversation().map(c -> c.platform() + ":" + c.channel()
                                    + c.thread().map(t -> "/" + t).orElse("")).orElse("nowhere"));
                            List<String> who = approvals.computeIfAbsent(id, k -> new ArrayList<>());
                            if (who.contains(ctx.principal().displayName())) {
                                throw new PurserException(ErrorCode.BAD_ARGUMENT, ctx.principal().displayName()
                                        + " already approved plan " + id + "; one person counts once");
                            }
                            who.add(ctx.principal().displayName());
                            changes.changed("plan:" + id);
                            return Reply.builder("approve", "Approved plan " + id)
                                    .summary(ctx.principal().displayName() + " approved plan " + id + ": " + tally(id))
                                    .build();
                        }),
                new CommandSpec("reject", "Reject", "Rejects a plan", "Rejects a plan.", List.of(ID, REASON),
                        Role.APPROVER, Effect.ADDS, (inv, ctx) -> {
                            String id = inv.get(ID);
                            runs.add("reject " + id + " as " + ctx.principal().id());
                            rejections.put(id, ctx.principal().displayName() + ": " + inv.get(REASON));
                            changes.changed("plan:" + id);
                            return Reply.builder("reject", "Rejected plan " + id).summary("stopped").build();
                        })));
    }

    public String tally(String id) {
        List<String> who = approvals.getOrDefault(id, List.of());
        return who.size() + " of " + NEEDED + (who.isEmpty() ? "" : ": @" + String.join(", @", who));
    }

    public Reply show(String id) {
        return Reply.builder("plan", "Plan " + id + ": mandible PostgreSQL 2 → 1 node")
                .summary("Three phases: rehearsal, sso-prod, mandible-prod. Saves $60.00 a month.")
                .figure("tally", "Approvals", Value.text(tally(id)))
                .figure("status", "Status", Value.text(rejections.containsKey(id) ? "rejected by "
                        + rejections.get(id) : "proposed"))
                .followUp(FollowUp.to("Approve", "approve").positional(id).confirm())
                .followUp(FollowUp.to("Reject", "reject").positional(id).positional("rejected in chat").confirm())
                .live("plan:" + id, FollowUp.to("Show", "plan").positional(id).build())
                .build();
    }
}
