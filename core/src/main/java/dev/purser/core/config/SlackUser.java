package dev.purser.core.config;

import java.util.regex.Pattern;

/**
 * A Slack user, unique only within its workspace (team).
 *
 * @param teamId the workspace id ({@code T0123ABCD})
 * @param userId the user id ({@code U0456EFGH} or {@code W...} on Enterprise Grid)
 */
public record SlackUser(String teamId, String userId) {

    private static final Pattern TEAM = Pattern.compile("[TE][A-Z0-9]{2,20}");
    private static final Pattern USER = Pattern.compile("[UW][A-Z0-9]{2,20}");

    public SlackUser {
        teamId = Check.required("team_id", teamId);
        userId = Check.required("user_id", userId);
        if (!TEAM.matcher(teamId).matches()) {
            throw new SettingException("team_id", "'" + teamId + "' is not a Slack team id (T followed by letters and digits)");
        }
        if (!USER.matcher(userId).matches()) {
            throw new SettingException("user_id", "'" + userId + "' is not a Slack user id (U or W followed by letters and digits)");
        }
    }
}
