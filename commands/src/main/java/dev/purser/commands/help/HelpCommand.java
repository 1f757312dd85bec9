package dev.purser.commands.help;

import dev.purser.commands.ArgumentKinds;
import dev.purser.commands.ArgumentSpec;
import dev.purser.commands.ArgumentTypes;
import dev.purser.commands.CommandContext;
import dev.purser.commands.CommandRegistry;
import dev.purser.commands.CommandSpec;
import dev.purser.commands.Effect;
import dev.purser.commands.Invocation;
import dev.purser.commands.Principal;
import dev.purser.commands.Role;
import dev.purser.commands.UsageText;
import dev.purser.commands.reply.Column;
import dev.purser.commands.reply.FollowUp;
import dev.purser.commands.reply.Reply;
import dev.purser.commands.reply.Table;
import dev.purser.commands.reply.Value;
import dev.purser.commands.reply.ValueType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code help [command]}: the commands a principal may run, or one command's usage and
 * arguments. Generated from the other commands' definitions, so it is created last, from them.
 */
public final class HelpCommand {

    public static final String NAME = "help";

    private final CommandRegistry others;
    private final ArgumentSpec<String> command;
    private final CommandSpec spec;

    private HelpCommand(CommandRegistry others) {
        this.others = others;
        List<String> names = new ArrayList<>();
        others.all().forEach(c -> names.add(c.name()));
        names.add(NAME);
        this.command = ArgumentSpec.builder("command", ArgumentTypes.choice(names))
                .description("The command to explain; leave out to list every command you may run")
                .positional()
                .build();
        this.spec = new CommandSpec(NAME, "Help",
                "List the commands you can run, or explain one command's arguments",
                "Lists the Purser commands the caller is allowed to run with a one-line summary each, or, given a "
                        + "command name, shows its usage line, what it answers, and every argument with its default "
                        + "and accepted values. Use it to learn how to ask for costs, movers or imports.",
                List.of(command), Role.VIEWER, Effect.READS_LIVE, this::handle);
    }

    /** The help command for a registry of the other commands; add it with {@code others.with(...)}. */
    public static CommandSpec create(CommandRegistry others) {
        return new HelpCommand(others).spec;
    }

    private Reply handle(Invocation invocation, CommandContext context) {
        String name = invocation.get(command);
        if (name == null) {
            return list(context.principal());
        }
        CommandSpec target = name.equals(NAME) ? spec : others.find(name).orElseThrow();
        return explain(target, context.principal());
    }

    private Reply list(Principal principal) {
        List<CommandSpec> visible = new ArrayList<>(others.visibleTo(principal));
        visible.add(spec);
        List<List<Value>> rows = new ArrayList<>();
        for (CommandSpec c : visible) {
            rows.add(List.of(Value.text(c.name()), Value.text(c.summary())));
        }
        Table table = new Table("commands", "Commands",
                List.of(new Column("command", "command", ValueType.TEXT), new Column("summary", "summary", ValueType.TEXT)),
                rows, List.of());
        Reply.Builder reply = Reply.builder(NAME, "Purser commands")
                .summary("Commands you can run: " + String.join(", ", visible.stream().map(CommandSpec::name).toList())
                        + ". Ask help <command> for its arguments.")
                .table(table);
        if (!visible.isEmpty() && visible.get(0) != spec) {
            reply.followUp(FollowUp.to("How to use " + visible.get(0).name(), NAME).positional(visible.get(0).name()));
        }
        return reply.build();
    }

    private Reply explain(CommandSpec target, Principal principal) {
        List<List<Value>> rows = new ArrayList<>();
        for (ArgumentSpec<?> arg : target.arguments()) {
            String accepted = UsageText.accepted(arg);
            rows.add(List.of(
                    Value.text(arg.positional() ? arg.name() : "--" + arg.name()),
                    Value.text(arg.description() + (arg.required() ? " (required)" : "")
                            + (arg.multiple() ? " (repeatable)" : "")),
                    arg.defaultValue() == null ? Value.empty(ValueType.TEXT) : Value.text(arg.defaultValue()),
                    accepted.isEmpty() ? Value.empty(ValueType.TEXT) : Value.text(accepted)));
        }
        Reply.Builder reply = Reply.builder(NAME, target.title())
                .summary(target.description())
                .figure("usage", "Usage", Value.text("purser " + UsageText.usage(target)))
                .figure("role", "Needs role", Value.text(target.requiredRole().name().toLowerCase(Locale.ROOT)))
                .figure("effect", "Effect", Value.text(effect(target.effect())));
        if (!rows.isEmpty()) {
            reply.table(new Table("arguments", "Arguments", List.of(
                    new Column("argument", "argument", ValueType.TEXT),
                    new Column("description", "description", ValueType.TEXT),
                    new Column("default", "default", ValueType.TEXT),
                    new Column("accepted", "accepted", ValueType.TEXT)), rows, List.of()));
        }
        if (target.kinds() != null) {
            List<List<Value>> kinds = new ArrayList<>();
            for (ArgumentKinds.Kind kind : target.kinds().kinds()) {
                kinds.add(List.of(Value.text(kind.name()), Value.text("purser " + UsageText.usage(target, kind)),
                        Value.text(kind.summary())));
            }
            reply.table(new Table("kinds", "Each " + target.kinds().selector() + " and what it takes", List.of(
                    new Column("kind", target.kinds().selector(), ValueType.TEXT),
                    new Column("usage", "usage", ValueType.TEXT),
                    new Column("summary", "reads", ValueType.TEXT)), kinds, List.of()));
        }
        if (!principal.has(target.requiredRole())) {
            reply.note("You cannot run " + target.name() + ": it needs the "
                    + target.requiredRole().name().toLowerCase(Locale.ROOT) + " role.");
        }
        if (target != spec) {
            reply.followUp(FollowUp.to("All commands", NAME));
        }
        return reply.build();
    }

    private static String effect(Effect effect) {
        if (effect.readOnly()) {
            return "read-only";
        }
        if (effect.destructive()) {
            return effect.idempotent() ? "replaces earlier data" : "changes or removes data";
        }
        return "adds data";
    }
}
