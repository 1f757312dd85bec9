package dev.purser.bot.discord;

import dev.purser.commands.Principal;
import dev.purser.commands.Role;
import dev.purser.core.config.IdentityConfig;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Who a Discord user is to Purser: the identity configured for their user id (a snowflake, unique
 * across Discord), or a viewer. Guild roles are not consulted: the configuration maps user ids
 * only, so a role granted in a guild's settings never widens what someone may do in Purser.
 */
public final class DiscordIdentities {

    /** What anyone not listed in {@code identities} may do (the configuration's documented default). */
    public static final Set<Role> DEFAULT_ROLES = EnumSet.of(Role.VIEWER);

    private final Map<String, IdentityConfig> byUser = new HashMap<>();

    public DiscordIdentities(List<IdentityConfig> identities) {
        for (IdentityConfig identity : identities) {
            if (identity.discordUserId() != null) {
                byUser.put(identity.discordUserId(), identity);
            }
        }
    }

    /** @param userName Discord's name for the user, shown for users the configuration does not name */
    public Principal principal(String userId, String userName) {
        IdentityConfig identity = byUser.get(userId);
        if (identity == null) {
            String name = userName == null || userName.isBlank() ? userId : userName;
            return new Principal("discord:" + userId, name, DEFAULT_ROLES, true);
        }
        EnumSet<Role> roles = EnumSet.noneOf(Role.class);
        for (String role : identity.roles()) {
            roles.add(Role.valueOf(role.toUpperCase(Locale.ROOT)));
        }
        // Every listed user may at least read, as an unlisted one may.
        roles.addAll(DEFAULT_ROLES);
        return new Principal(identity.principal(), identity.principal(), roles, true);
    }
}
