package dev.purser.bot.slack;

import dev.purser.commands.Principal;
import dev.purser.commands.Role;
import dev.purser.core.config.IdentityConfig;
import dev.purser.core.config.SlackUser;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Who a Slack user is to Purser: the configured identity for the (team, user) pair, or a viewer.
 * A user id is unique only within its workspace, so the team is part of the key: the same
 * {@code U…} in another workspace is someone else.
 */
public final class SlackIdentities {

    /** What anyone not listed in {@code identities} may do (the configuration's documented default). */
    public static final Set<Role> DEFAULT_ROLES = EnumSet.of(Role.VIEWER);

    private final Map<SlackUser, IdentityConfig> byUser = new HashMap<>();

    public SlackIdentities(List<IdentityConfig> identities) {
        for (IdentityConfig identity : identities) {
            if (identity.slack() != null) {
                byUser.put(identity.slack(), identity);
            }
        }
    }

    /**
     * @param userName Slack's display handle, shown in replies for users the configuration does not name
     */
    public Principal principal(String teamId, String userId, String userName) {
        IdentityConfig identity = lookup(teamId, userId);
        if (identity == null) {
            String name = userName == null || userName.isBlank() ? userId : userName;
            return new Principal("slack:" + teamId + "/" + userId, name, DEFAULT_ROLES, true);
        }
        EnumSet<Role> roles = EnumSet.noneOf(Role.class);
        for (String role : identity.roles()) {
            roles.add(Role.valueOf(role.toUpperCase(Locale.ROOT)));
        }
        // Every listed user may at least read, as an unlisted one may.
        roles.addAll(DEFAULT_ROLES);
        return new Principal(identity.principal(), identity.principal(), roles, true);
    }

    private IdentityConfig lookup(String teamId, String userId) {
        try {
            return byUser.get(new SlackUser(teamId, userId));
        } catch (RuntimeException notASlackId) {
            // A malformed id (no request Slack signed carries one) is simply nobody we know.
            return null;
        }
    }
}
