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
 */
public record IdentityConfig(String principal, SlackUser slack, String discordUserId, Set<String> roles) {

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
        if (slack == null && discordUserId == null) {
            throw new SettingException("principal", principal + " needs slack (team_id and user_id) or discord_user_id");
        }
        roles = Check.roles("roles", roles, Set.of("viewer"));
    }
}
