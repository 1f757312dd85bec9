package dev.purser.commands;

import dev.purser.core.error.ErrorCode;
import dev.purser.core.error.PurserException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Turns what users type after {@code /purser}, or the named arguments a structured face sends,
 * into an {@link Invocation}.
 *
 * <p>Both paths end in the same step: every value, given or defaulted, goes through its
 * {@link ArgumentType#parse}, so a value refused in chat is refused over MCP with the same
 * message. Defaults are parsed here, at each invocation, so {@code mtd} means this month even in
 * a process started last month.
 *
 * <p>Typed syntax: {@code --name value}, {@code --name=value}, {@code --flag}; a bare word equal
 * to an argument's name takes the next token as its value (so {@code cost by service last-month}
 * reads like a sentence); the remaining bare tokens fill positional arguments in declaration
 * order, a repeatable positional argument taking all that are left; after {@code --} every token
 * is positional.
 *
 * <p>Kinds: for a command with {@link ArgumentKinds}, an argument given to a kind that does not
 * take it, or a kind's required argument left out, is refused here, on every face alike, before
 * any value is parsed but the kind's own.
 */
public final class CommandParser {

    private final CommandRegistry registry;

    public CommandParser(CommandRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
    }

    /**
     * The command of that name.
     *
     * @throws PurserException UNKNOWN_COMMAND listing the commands, with close names suggested
     */
    public CommandSpec command(String name) {
        String n = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        return registry.find(n).orElseThrow(() -> {
            List<String> names = registry.all().stream().map(CommandSpec::name).toList();
            return new PurserException(ErrorCode.UNKNOWN_COMMAND, "unknown command '" + name + "'"
                    + Suggestions.didYouMean(n, names) + "; commands: " + String.join(", ", names));
        });
    }

    /**
     * Parses typed tokens; the first is the command name.
     *
     * @throws PurserException UNKNOWN_COMMAND or BAD_ARGUMENT (and PATH_NOT_ALLOWED, FILE_NOT_FOUND
     *                         from file arguments)
     */
    public Invocation parse(List<String> tokens) {
        if (tokens.isEmpty()) {
            throw new PurserException(ErrorCode.UNKNOWN_COMMAND, "no command given; commands: "
                    + registry.all().stream().map(CommandSpec::name).collect(Collectors.joining(", ")));
        }
        CommandSpec spec = command(tokens.get(0));
        Map<String, List<String>> raw = new LinkedHashMap<>();
        List<String> bare = new ArrayList<>();
        boolean optionsEnded = false;
        for (int i = 1; i < tokens.size(); i++) {
            String token = tokens.get(i);
            if (optionsEnded) {
                bare.add(token);
            } else if (token.equals("--")) {
                optionsEnded = true;
            } else if (token.startsWith("--")) {
                String body = token.substring(2);
                int eq = body.indexOf('=');
                String name = (eq < 0 ? body : body.substring(0, eq)).toLowerCase(Locale.ROOT);
                ArgumentSpec<?> arg = option(spec, name);
                String value;
                if (eq >= 0) {
                    value = body.substring(eq + 1);
                } else if (arg.flag()) {
                    value = "true";
                } else if (i + 1 < tokens.size() && !tokens.get(i + 1).startsWith("--")) {
                    value = tokens.get(++i);
                } else {
                    throw PurserException.badArgument("--" + name + " needs a value: " + arg.type().expected());
                }
                add(spec, raw, arg, value);
            } else {
                ArgumentSpec<?> named = spec.argument(token.toLowerCase(Locale.ROOT)).orElse(null);
                if (named != null && named.flag()) {
                    add(spec, raw, named, "true");
                } else if (named != null && i + 1 < tokens.size()
                        && (named.multiple() || !raw.containsKey(named.name()))) {
                    add(spec, raw, named, tokens.get(++i));
                } else {
                    bare.add(token);
                }
            }
        }
        fillPositionals(spec, raw, bare);
        return validate(spec, raw);
    }

    /**
     * Parses named arguments as structured faces send them: each value a String, Number, Boolean,
     * or a List of those for a repeatable argument; null means absent.
     *
     * @throws PurserException as {@link #parse}
     */
    public Invocation parseNamed(String command, Map<String, Object> arguments) {
        CommandSpec spec = command(command);
        Map<String, List<String>> raw = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : (arguments == null ? Map.<String, Object>of() : arguments).entrySet()) {
            if (e.getValue() == null) {
                continue;
            }
            ArgumentSpec<?> arg = spec.argument(e.getKey()).orElseThrow(() -> unknownOption(spec, e.getKey()));
            if (e.getValue() instanceof List<?> list) {
                if (!arg.multiple() && list.size() != 1) {
                    throw PurserException.badArgument(arg.name() + " takes one value, got " + list.size());
                }
                for (Object item : list) {
                    add(spec, raw, arg, jsonText(arg, item));
                }
            } else {
                add(spec, raw, arg, jsonText(arg, e.getValue()));
            }
        }
        return validate(spec, raw);
    }

    private static String jsonText(ArgumentSpec<?> arg, Object value) {
        if (value instanceof String s) {
            return s;
        }
        if (value instanceof Boolean b) {
            return b.toString();
        }
        if (value instanceof BigDecimal d) {
            return d.toPlainString();
        }
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            return value.toString();
        }
        if (value instanceof Number n) {
            // JSON numbers often arrive as doubles (10.0); the decimal text of the double is what
            // the sender wrote, and an integral one must still pass as an integer.
            BigDecimal d = new BigDecimal(n.toString());
            return d.signum() == 0 ? "0" : d.stripTrailingZeros().toPlainString();
        }
        throw PurserException.badArgument(arg.name() + " must be a string, number or boolean, got "
                + (value == null ? "null" : value.getClass().getSimpleName()));
    }

    private static ArgumentSpec<?> option(CommandSpec spec, String name) {
        return spec.argument(name).orElseThrow(() -> unknownOption(spec, name));
    }

    private static PurserException unknownOption(CommandSpec spec, String name) {
        List<String> names = spec.arguments().stream().map(ArgumentSpec::name).toList();
        String options = names.isEmpty() ? "it takes no options"
                : "its options are: " + names.stream().map(n -> "--" + n).collect(Collectors.joining(", "));
        return PurserException.badArgument(spec.name() + " has no option --" + name
                + Suggestions.didYouMean(name, names) + "; " + options);
    }

    private static void add(CommandSpec spec, Map<String, List<String>> raw, ArgumentSpec<?> arg, String value) {
        List<String> values = raw.computeIfAbsent(arg.name(), k -> new ArrayList<>());
        if (!arg.multiple() && !values.isEmpty()) {
            throw PurserException.badArgument(spec.name() + " takes --" + arg.name() + " once, got '"
                    + values.get(0) + "' and '" + value + "'");
        }
        values.add(value);
    }

    private static void fillPositionals(CommandSpec spec, Map<String, List<String>> raw, List<String> bare) {
        int next = 0;
        for (ArgumentSpec<?> arg : spec.arguments()) {
            if (next >= bare.size()) {
                return;
            }
            if (!arg.positional() || (raw.containsKey(arg.name()) && !arg.multiple())) {
                continue;
            }
            if (arg.multiple()) {
                while (next < bare.size()) {
                    add(spec, raw, arg, bare.get(next++));
                }
            } else {
                add(spec, raw, arg, bare.get(next++));
            }
        }
        if (next < bare.size()) {
            List<String> positional = spec.arguments().stream().filter(ArgumentSpec::positional)
                    .map(ArgumentSpec::name).toList();
            String takes = positional.isEmpty() ? "takes no positional arguments"
                    : "takes at most " + positional.size() + " positional argument"
                    + (positional.size() == 1 ? "" : "s") + " (" + String.join(", ", positional) + ")";
            throw PurserException.badArgument("unexpected '" + bare.get(next) + "': " + spec.name() + " " + takes
                    + "; name the others, as in --name value");
        }
    }

    private static Invocation validate(CommandSpec spec, Map<String, List<String>> raw) {
        if (spec.kinds() != null) {
            checkKind(spec, spec.kinds(), raw);
        }
        Map<String, Object> values = new LinkedHashMap<>();
        for (ArgumentSpec<?> arg : spec.arguments()) {
            List<String> texts = raw.get(arg.name());
            if (texts == null) {
                if (arg.required()) {
                    throw PurserException.badArgument(spec.name() + " needs " + label(arg) + ": "
                            + arg.description() + " (" + arg.type().expected() + ")");
                }
                if (arg.defaultValue() == null) {
                    continue;
                }
                texts = List.of(arg.defaultValue());
            }
            List<Object> parsed = new ArrayList<>();
            for (String text : texts) {
                parsed.add(parseOne(arg, text));
            }
            values.put(arg.name(), arg.multiple() ? List.copyOf(parsed) : parsed.get(0));
        }
        return new Invocation(spec, values);
    }

    /** Refuses what the selected kind does not take, and what it needs but was not given. */
    private static void checkKind(CommandSpec spec, ArgumentKinds kinds, Map<String, List<String>> raw) {
        List<String> selected = raw.get(kinds.selector());
        if (selected == null) {
            // nothing selected: the selector's own required check (or its default) speaks
            return;
        }
        ArgumentSpec<?> selector = spec.argument(kinds.selector()).orElseThrow();
        String name = String.valueOf(parseOne(selector, selected.get(0)));
        ArgumentKinds.Kind kind = kinds.kind(name).orElseThrow(() -> PurserException.badArgument(label(selector)
                + " '" + name + "' is not a kind of " + spec.name() + "; the kinds are: "
                + kinds.kinds().stream().map(ArgumentKinds.Kind::name).collect(Collectors.joining(", "))));
        String what = spec.name() + " " + kind.name();
        for (Map.Entry<String, List<String>> e : raw.entrySet()) {
            if (e.getKey().equals(kinds.selector()) || kind.accepts().contains(e.getKey())) {
                continue;
            }
            ArgumentSpec<?> arg = spec.argument(e.getKey()).orElseThrow();
            if (saysNothing(arg, e.getValue())) {
                continue;
            }
            List<String> others = kinds.kindsTaking(arg.name());
            throw PurserException.badArgument(label(arg) + (arg.positional() ? " '" + e.getValue().get(0) + "'" : "")
                    + " does not apply to " + what + "; " + takes(spec, kind)
                    + (others.isEmpty() ? "" : " (" + label(arg) + " is for " + spec.name() + " "
                            + String.join(", ", others) + ")"));
        }
        for (String required : kind.requires()) {
            if (!raw.containsKey(required)) {
                ArgumentSpec<?> arg = spec.argument(required).orElseThrow();
                throw PurserException.badArgument(what + " needs " + label(arg) + (arg.multiple() ? " (one or more)" : "")
                        + ": " + arg.description() + " (" + arg.type().expected() + ")");
            }
        }
    }

    /**
     * Whether every value given is the argument's default ({@code lenient: false}): structured
     * clients often send each default the schema shows, and such a value changes nothing.
     */
    private static boolean saysNothing(ArgumentSpec<?> arg, List<String> texts) {
        String unchanged = arg.defaultValue() != null ? arg.defaultValue() : arg.flag() ? "false" : null;
        return unchanged != null && texts.stream().allMatch(t -> t.strip().equalsIgnoreCase(unchanged));
    }

    private static String takes(CommandSpec spec, ArgumentKinds.Kind kind) {
        List<String> labels = new ArrayList<>();
        for (ArgumentSpec<?> arg : spec.arguments()) {
            if (kind.accepts().contains(arg.name())) {
                labels.add(label(arg));
            }
        }
        return labels.isEmpty() ? "it takes no other arguments" : "it takes: " + String.join(", ", labels);
    }

    private static Object parseOne(ArgumentSpec<?> arg, String text) {
        try {
            return Objects.requireNonNull(arg.type().parse(text), "parsed value of " + arg.name());
        } catch (PurserException e) {
            // Say which argument the message is about; keep the code (a path refusal stays one).
            throw new PurserException(e.code(), label(arg) + ": " + e.getMessage(), e);
        }
    }

    private static String label(ArgumentSpec<?> arg) {
        return arg.positional() ? "<" + arg.name() + ">" : "--" + arg.name();
    }
}
