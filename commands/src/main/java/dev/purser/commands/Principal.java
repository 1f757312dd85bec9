package dev.purser.commands;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * Who is asking: a Slack or Discord user, an MCP token, or the local shell.
 *
 * @param human false for AI assistants and other automation; approving is for humans unless
 *              configuration says otherwise
 */
public record Principal(String id, String displayName, Set<Role> roles, boolean human) {

    public Principal {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(displayName, "displayName");
        roles = roles.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(roles));
    }

    /** The person at the terminal: the CLI runs with every role. */
    public static Principal localShell(String user) {
        return new Principal("local:" + user, user, EnumSet.allOf(Role.class), true);
    }

    public boolean has(Role role) {
        return roles.contains(role);
    }
}
