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
 * across Discord), or a viewer, plus whatever {@code discord.role_grants} grants for the guild
 * roles they hold where they asked. A guild role counts only when listed there, so a role someone
 * creates in a guild's settings grants nothing by itself; role ids are unique across Discord, so
 * the same role name in another guild is another id and grants nothing either.
 */
public final class DiscordIdentities {

    /** What anyone not listed in {@code identities} may do (the configuration's documented default). */
    public static final Set<Role> DEFAULT_ROLES = EnumSet.of(Role.VIEWER);

    private final Map<String, IdentityConfig> byUser = new HashMap<>();
    private final Map<String, Set<String>> roleGrants;

    public DiscordIdentities(List<IdentityConfig> identities) {
        this(identities, Map.of());
    }

    /** @param roleGrants guild role id → Purser role names ({@code discord.role_grants}) */
    public DiscordIdentities(List<IdentityConfig> identities, Map<String, Set<String>> roleGrants) {
        for (IdentityConfig identity : identities) {
            if (identity.discordUserId() != null) {
                byUser.put(identity.discordUserId(), identity);
            }
        }
        this.roleGrants = Map.copyOf(roleGrants);
    }

    /** A user asking outside a guild (a direct message), where no guild role applies. */
    public Principal principal(String userId, String userName) {
        return principal(userId, userName, List.of());
    }

    /**
     * @param userName     Discord's name for the user, shown for users the configuration does not name
     * @param guildRoleIds the ids of the roles the user holds in the guild they asked in
     */
    public Principal principal(String userId, String userName, List<String> guildRoleIds) {
        IdentityConfig identity = byUser.get(userId);
        // Every user may at least read, listed or not.
        EnumSet<Role> roles = EnumSet.copyOf(DEFAULT_ROLES);
        if (identity != null) {
            add(roles, identity.roles());
        }
        for (String roleId : guildRoleIds) {
            add(roles, roleGrants.getOrDefault(roleId, Set.of()));
        }
        if (identity == null) {
            String name = userName == null || userName.isBlank() ? userId : userName;
            return new Principal("discord:" + userId, name, roles, true);
        }
        return new Principal(identity.principal(), identity.principal(), roles, true);
    }

    private static void add(Set<Role> roles, Set<String> names) {
        for (String role : names) {
            roles.add(Role.valueOf(role.toUpperCase(Locale.ROOT)));
        }
    }
}
