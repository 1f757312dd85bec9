package dev.purser.mcp.auth;

import dev.purser.commands.Principal;
import dev.purser.commands.Role;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One configured MCP bearer token and what it may do.
 *
 * <p>Approving is for humans: {@link Role#APPROVER} is effective only when {@code allowApprove}
 * is set as well, so a token cannot gain it by a role list copied from a human's entry.
 *
 * @param name         a short label for logs and audit ({@code ci}, {@code cursor-alice}); never the token
 * @param token        the secret; {@link #toString()} never shows it
 * @param roles        the roles configured for the token
 * @param allowApprove explicit permission for this token to keep {@link Role#APPROVER}
 */
public record TokenGrant(String name, String token, Set<Role> roles, boolean allowApprove) {

    /** Shorter tokens are guessable; refuse them at start-up rather than serve with them. */
    public static final int MINIMUM_TOKEN_LENGTH = 16;

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");
    private static final Pattern TOKEN = Pattern.compile("[\\x21-\\x7e&&[^:,]]+");

    public TokenGrant {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(roles, "roles");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("token name must be letters, digits, '.', '_' or '-': " + name);
        }
        if (token.length() < MINIMUM_TOKEN_LENGTH) {
            throw new IllegalArgumentException("token " + name + " is shorter than " + MINIMUM_TOKEN_LENGTH
                    + " characters");
        }
        if (!TOKEN.matcher(token).matches()) {
            throw new IllegalArgumentException("token " + name
                    + " must be printable ASCII without spaces, ':' or ','");
        }
        if (roles.isEmpty()) {
            throw new IllegalArgumentException("token " + name + " has no roles");
        }
        roles = Set.copyOf(EnumSet.copyOf(roles));
    }

    /** The roles this token actually acts with: APPROVER dropped unless explicitly allowed. */
    public Set<Role> effectiveRoles() {
        EnumSet<Role> effective = EnumSet.copyOf(roles);
        if (!allowApprove) {
            effective.remove(Role.APPROVER);
        }
        return effective;
    }

    /** The principal requests with this token run as; never human. */
    public Principal principal() {
        return new Principal("mcp:" + name, name, effectiveRoles(), false);
    }

    @Override
    public String toString() {
        return "TokenGrant[name=" + name + ", roles=" + roles + ", allowApprove=" + allowApprove + "]";
    }
}
