package dev.purser.core.config;

import java.util.Set;
import java.util.regex.Pattern;

/**
 * Who a chat user is to Purser: the principal name that plans, approvals and the audit log show,
 * and the roles it holds. A user not listed is a viewer.
 *
 * @param principal     the name ({@code alice})
 * @param slack         the Slack user, or null
 * @param discordUserId the Discord user id, or null
 * @param roles         default viewer
 * @param osUser        the operating-system user who is this person at a shell ({@code purser approve} from
 *                      a terminal), or null; the shell then acts as this principal with these roles, so a
 *                      person cannot approve from the shell a plan they requested in chat
 */
public record IdentityConfig(String principal, SlackUser slack, String discordUserId, Set<String> roles,
        String osUser) {

    private static final Pattern OS_USER = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.@-]{0,63}");

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.@-]{0,63}");
    private static final Pattern SNOWFLAKE = Pattern.compile("\\d{17,20}");

    public IdentityConfig {
        principal = Check.required("principal", principal);
        if (!NAME.matcher(principal).matches()) {
            throw new SettingException("principal", "must be letters, digits, '.', '_', '@' or '-'");
        }
        discordUserId = Check.blankToNull(discordUserId);
        if (discordUserId != null && !SNOWFLAKE.matcher(discordUserId).matches()) {
            throw new SettingException("discord_user_id", "must be a Discord id (17 to 20 digits)");
        }
        osUser = Check.blankToNull(osUser);
        if (osUser != null && !OS_USER.matcher(osUser).matches()) {
            throw new SettingException("os_user", "must be a user name (letters, digits, '.', '_', '@' or '-')");
        }
        if (slack == null && discordUserId == null && osUser == null) {
            throw new SettingException("principal", principal + " needs slack (team_id and user_id), discord_user_id "
                    + "or os_user");
        }
        roles = Check.roles("roles", roles, Set.of("viewer"));
    }

    /** An identity without a shell user. */
    public IdentityConfig(String principal, SlackUser slack, String discordUserId, Set<String> roles) {
        this(principal, slack, discordUserId, roles, null);
    }
}
