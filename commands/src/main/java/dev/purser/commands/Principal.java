package dev.purser.commands;

import dev.purser.core.config.IdentityConfig;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
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

    /**
     * The person at the terminal, as the identities know them: the identity whose {@code os_user} is
     * this user (else whose principal has this user's name) acts with its own principal and roles
     * (plus viewer), so someone who requested a plan in chat is the same requester at the shell and
     * cannot approve it there. A user no identity names keeps {@link #localShell}: every role.
     */
    public static Principal shell(String user, List<IdentityConfig> identities) {
        Optional<IdentityConfig> mapped = identities.stream().filter(i -> user.equals(i.osUser())).findFirst()
                .or(() -> identities.stream().filter(i -> i.osUser() == null && user.equals(i.principal())).findFirst());
        if (mapped.isEmpty()) {
            return localShell(user);
        }
        EnumSet<Role> roles = EnumSet.of(Role.VIEWER);
        mapped.get().roles().forEach(r -> roles.add(Role.valueOf(r.toUpperCase(Locale.ROOT))));
        return new Principal(mapped.get().principal(), mapped.get().principal(), roles, true);
    }

    public boolean has(Role role) {
        return roles.contains(role);
    }
}
