package dev.purser.core.config;

import java.net.URI;
import java.util.regex.Pattern;

/**
 * The Discord face.
 *
 * @param apiBaseUrl the REST API's base URL, default {@code https://discord.com/api/v10/}
 * @param tokenEnv   the variable holding the bot token; default {@code DISCORD_TOKEN}
 * @param devGuildId a guild to register commands in at once while developing (global
 *                   registration takes up to an hour), or null to register globally only
 */
public record DiscordConfig(URI apiBaseUrl, String tokenEnv, String devGuildId) {

    public static final URI DEFAULT_API_BASE_URL = URI.create("https://discord.com/api/v10/");

    private static final Pattern SNOWFLAKE = Pattern.compile("\\d{17,20}");

    public DiscordConfig {
        apiBaseUrl = Check.tokenUrl("api_base_url", apiBaseUrl, DEFAULT_API_BASE_URL);
        tokenEnv = Check.variable("token_env", tokenEnv, "DISCORD_TOKEN");
        devGuildId = Check.blankToNull(devGuildId);
        if (devGuildId != null && !SNOWFLAKE.matcher(devGuildId).matches()) {
            throw new SettingException("dev_guild_id", "must be a Discord id (17 to 20 digits)");
        }
    }

    public static DiscordConfig defaults() {
        return new DiscordConfig(null, null, null);
    }
}
