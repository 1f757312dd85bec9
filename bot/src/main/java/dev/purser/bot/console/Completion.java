package dev.purser.bot.console;

import dev.purser.commands.ArgumentSpec;
import dev.purser.commands.CommandRegistry;
import dev.purser.commands.CommandSpec;
import dev.purser.commands.Principal;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What the console offers on Tab, generated from the command definitions: command names the
 * principal may run, then the command's {@code --options} not yet given, and for an argument its
 * closed set of words ({@code --metric} → billed, effective, list), its documented forms (periods:
 * mtd, last-month, 30d, ...) and the values Purser knows from its data (accounts, services).
 *
 * <p>Pure: no terminal, so it is tested as a unit; {@link Console} adapts it to JLine.
 */
public final class Completion {

    /** Values known from data for one argument of one command (accounts for {@code --account}). */
    @FunctionalInterface
    public interface KnownValues {
        List<String> values(CommandSpec command, ArgumentSpec<?> argument);

        KnownValues NONE = (command, argument) -> List.of();
    }

    /** Words the console itself understands, beside the commands. */
    static final List<String> CONSOLE_WORDS = List.of("exit", "quit");

    private final CommandRegistry registry;
    private final Principal principal;
    private final KnownValues known;

    public Completion(CommandRegistry registry, Principal principal, KnownValues known) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.principal = Objects.requireNonNull(principal, "principal");
        this.known = Objects.requireNonNull(known, "known");
    }

    /**
     * Every candidate for the word being typed, unfiltered (the line reader filters by what is
     * typed, and so can match in the middle of a word when configured to).
     *
     * @param before the complete words before the one under the cursor ({@code /purser} dropped)
     */
    public List<String> candidates(List<String> before) {
        List<String> words = new ArrayList<>(before);
        if (!words.isEmpty() && words.get(0).equals("/purser")) {
            words.remove(0);
        }
        Set<String> out = new LinkedHashSet<>();
        if (words.isEmpty()) {
            registry.visibleTo(principal).forEach(c -> out.add(c.name()));
            out.addAll(CONSOLE_WORDS);
            return List.copyOf(out);
        }
        Optional<CommandSpec> found = registry.find(words.get(0).toLowerCase(Locale.ROOT));
        if (found.isEmpty()) {
            return List.of();
        }
        CommandSpec command = found.get();
        if (command.name().equals("help")) {
            if (words.size() == 1) {
                registry.visibleTo(principal).forEach(c -> out.add(c.name()));
            }
            return List.copyOf(out);
        }
        List<String> args = words.subList(1, words.size());
        String previous = args.isEmpty() ? null : args.get(args.size() - 1);
        if (previous != null && previous.startsWith("--")) {
            Optional<ArgumentSpec<?>> named = argument(command, previous.substring(2));
            if (named.isPresent() && !named.get().flag()) {
                return values(command, named.get());
            }
        }
        // positional values in declaration order, then the options not given yet
        Set<String> given = new LinkedHashSet<>();
        int positionalGiven = 0;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.startsWith("--")) {
                Optional<ArgumentSpec<?>> named = argument(command, a.substring(2));
                named.ifPresent(n -> given.add(n.name()));
                if (named.isPresent() && !named.get().flag()) {
                    i++; // its value
                }
            } else {
                positionalGiven++;
            }
        }
        List<ArgumentSpec<?>> positional = command.arguments().stream().filter(ArgumentSpec::positional)
                .filter(a -> !given.contains(a.name())).toList();
        if (positionalGiven < positional.size()) {
            out.addAll(values(command, positional.get(positionalGiven)));
        } else if (!positional.isEmpty() && positional.get(positional.size() - 1).multiple()) {
            out.addAll(values(command, positional.get(positional.size() - 1)));
        }
        for (ArgumentSpec<?> a : command.arguments()) {
            if (!given.contains(a.name()) || a.multiple()) {
                out.add("--" + a.name());
            }
        }
        return List.copyOf(out);
    }

    /** The candidates that start with what is typed (ignoring case), as a terminal shows them. */
    public List<String> complete(List<String> before, String typed) {
        String t = typed.toLowerCase(Locale.ROOT);
        return candidates(before).stream().filter(c -> c.toLowerCase(Locale.ROOT).startsWith(t)).toList();
    }

    private List<String> values(CommandSpec command, ArgumentSpec<?> argument) {
        Set<String> out = new LinkedHashSet<>();
        if (!argument.type().choices().isEmpty()) {
            out.addAll(argument.type().choices());
        } else {
            // forms such as 2026-10 are shapes to imitate, not values: offer the words only
            argument.type().examples().stream().filter(e -> !e.matches(".*\\d{4}-\\d{2}.*")).forEach(out::add);
        }
        out.addAll(known.values(command, argument));
        return List.copyOf(out);
    }

    private static Optional<ArgumentSpec<?>> argument(CommandSpec command, String name) {
        return command.arguments().stream().filter(a -> a.name().equals(name)).findFirst();
    }
}
