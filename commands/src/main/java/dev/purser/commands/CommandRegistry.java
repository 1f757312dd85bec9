package dev.purser.commands;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The explicit list of commands. Duplicate names fail here, at start-up. */
public final class CommandRegistry {

    private final Map<String, CommandSpec> byName;

    private CommandRegistry(Map<String, CommandSpec> byName) {
        this.byName = Collections.unmodifiableMap(byName);
    }

    public static CommandRegistry of(List<CommandSpec> commands) {
        Map<String, CommandSpec> byName = new LinkedHashMap<>();
        for (CommandSpec c : commands) {
            if (byName.putIfAbsent(c.name(), c) != null) {
                throw new IllegalArgumentException("two commands are named " + c.name());
            }
        }
        return new CommandRegistry(byName);
    }

    public static CommandRegistry of(CommandSpec... commands) {
        return of(List.of(commands));
    }

    public Optional<CommandSpec> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /** All commands in registration order. */
    public List<CommandSpec> all() {
        return List.copyOf(byName.values());
    }

    /** The commands this principal's roles allow, in registration order. */
    public List<CommandSpec> visibleTo(Principal principal) {
        List<CommandSpec> visible = new ArrayList<>();
        for (CommandSpec c : byName.values()) {
            if (principal.has(c.requiredRole())) {
                visible.add(c);
            }
        }
        return visible;
    }

    /** A copy with one more command; used to add {@code help}, which lists the others. */
    public CommandRegistry with(CommandSpec command) {
        List<CommandSpec> all = new ArrayList<>(byName.values());
        all.add(command);
        return of(all);
    }
}
