package dev.purser.commands;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Usage lines and argument help generated from a {@link CommandSpec}, never written by hand, so
 * they cannot drift from what the parser accepts. Help, the CLI and Slack's usage hint share it.
 */
public final class UsageText {

    private UsageText() {
    }

    /**
     * The usage line without the leading {@code purser}:
     * {@code cost [period] [--by service|region|…] [--top 1..50]}; required arguments bare,
     * optional ones in brackets, repeatable ones followed by {@code ...}.
     */
    public static String usage(CommandSpec spec) {
        StringBuilder b = new StringBuilder(spec.name());
        for (ArgumentSpec<?> arg : spec.arguments()) {
            b.append(' ').append(usage(arg));
        }
        return b.toString();
    }

    /** One argument's part of the usage line: {@code <file>...}, {@code [--top 1..50]}. */
    public static String usage(ArgumentSpec<?> arg) {
        return usage(arg, arg.required());
    }

    private static String usage(ArgumentSpec<?> arg, boolean required) {
        String core;
        if (arg.positional()) {
            core = required ? "<" + arg.name() + ">" : "[" + arg.name() + "]";
            return arg.multiple() ? core + "..." : core;
        }
        core = arg.flag() ? "--" + arg.name() : "--" + arg.name() + " " + arg.type().expected();
        core = required ? core : "[" + core + "]";
        return arg.multiple() ? core + "..." : core;
    }

    /**
     * The usage line of one kind, without the leading {@code purser}: only the arguments the kind
     * takes, required as the kind requires them ({@code import focus <file>... [--lenient]}).
     */
    public static String usage(CommandSpec spec, ArgumentKinds.Kind kind) {
        StringBuilder b = new StringBuilder(spec.name()).append(' ').append(kind.name());
        for (ArgumentSpec<?> arg : spec.arguments()) {
            if (kind.accepts().contains(arg.name())) {
                b.append(' ').append(usage(arg, arg.required() || kind.requires().contains(arg.name())));
            }
        }
        return b.toString();
    }

    /**
     * How to write an argument, as a list of short sentences: its description, default, and the
     * accepted values or forms.
     */
    public static String argumentHelp(ArgumentSpec<?> arg) {
        List<String> parts = new ArrayList<>();
        parts.add(sentence(arg.description()));
        if (arg.required()) {
            parts.add("Required.");
        }
        if (arg.defaultValue() != null) {
            parts.add("Default: " + arg.defaultValue() + ".");
        }
        if (arg.multiple()) {
            parts.add("May be given more than once.");
        }
        String accepted = accepted(arg);
        if (!accepted.isEmpty()) {
            parts.add("Accepts: " + accepted + ".");
        }
        return String.join(" ", parts);
    }

    /** The accepted values or forms of an argument, or empty when any text goes. */
    public static String accepted(ArgumentSpec<?> arg) {
        ArgumentType<?> type = arg.type();
        if (!type.choices().isEmpty()) {
            return String.join(", ", type.choices());
        }
        if (!type.examples().isEmpty()) {
            return String.join(", ", type.examples());
        }
        if (type.minimum() != null && type.maximum() != null) {
            return "a whole number from " + type.minimum() + " to " + type.maximum();
        }
        switch (type.jsonKind()) {
            case BOOLEAN:
                return "true, false";
            case INTEGER:
                return "a whole number";
            case NUMBER:
                return "a number";
            case STRING:
                return "";
        }
        throw new AssertionError(type.jsonKind());
    }

    /** The whole help of one command as plain text: usage, description, one line per argument. */
    public static String help(CommandSpec spec) {
        StringBuilder b = new StringBuilder();
        b.append("Usage: purser ").append(usage(spec)).append("\n\n").append(spec.description()).append('\n');
        if (!spec.arguments().isEmpty()) {
            b.append('\n');
            for (ArgumentSpec<?> arg : spec.arguments()) {
                String name = arg.positional() ? arg.name() : "--" + arg.name();
                b.append("  ").append(name).append(": ").append(argumentHelp(arg)).append('\n');
            }
        }
        if (spec.kinds() != null) {
            // one line per set of arguments, not per kind: chat messages are short
            Map<String, List<String>> kindsByArguments = new LinkedHashMap<>();
            for (ArgumentKinds.Kind kind : spec.kinds().kinds()) {
                kindsByArguments.computeIfAbsent(names(spec, kind), k -> new ArrayList<>()).add(kind.name());
            }
            b.append("\nEach ").append(spec.kinds().selector()).append(" takes only its own arguments:\n");
            kindsByArguments.forEach((arguments, kinds) ->
                    b.append("  ").append(String.join(", ", kinds)).append(": ").append(arguments).append('\n'));
        }
        return b.toString();
    }

    /** The arguments a kind takes, as bare names: {@code <file>... --lenient}. */
    private static String names(CommandSpec spec, ArgumentKinds.Kind kind) {
        List<String> names = new ArrayList<>();
        for (ArgumentSpec<?> arg : spec.arguments()) {
            if (kind.accepts().contains(arg.name())) {
                boolean required = arg.required() || kind.requires().contains(arg.name());
                String name = !arg.positional() ? "--" + arg.name() : required ? "<" + arg.name() + ">" : "[" + arg.name() + "]";
                names.add(arg.multiple() ? name + "..." : name);
            }
        }
        return names.isEmpty() ? "no other arguments" : String.join(" ", names);
    }

    private static String sentence(String text) {
        String t = text.strip();
        if (t.isEmpty() || t.endsWith(".") || t.endsWith("?") || t.endsWith("!")) {
            return t;
        }
        return t + ".";
    }
}
