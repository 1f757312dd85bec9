package dev.purser.core.config;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The Discord face.
 *
 * @param apiBaseUrl the REST API's base URL, default {@code https://discord.com/api/v10/}
 * @param tokenEnv   the variable holding the bot token; default {@code DISCORD_TOKEN}
 * @param devGuildId a guild to register commands in at once while developing (global
 *                   registration takes up to an hour), or null to register globally only
 * @param roleGrants Discord role id (a guild's role) → the Purser roles its members hold, added to
 *                   those their user id is given in {@code identities}; empty by default, so a
 *                   role in a guild's settings grants nothing unless listed here
 */
public record DiscordConfig(URI apiBaseUrl, String tokenEnv, String devGuildId, Map<String, Set<String>> roleGrants) {

    public static final URI DEFAULT_API_BASE_URL = URI.create("https://discord.com/api/v10/");

    private static final Pattern SNOWFLAKE = Pattern.compile("\\d{17,20}");

    public DiscordConfig {
        apiBaseUrl = Check.tokenUrl("api_base_url", apiBaseUrl, DEFAULT_API_BASE_URL);
        tokenEnv = Check.variable("token_env", tokenEnv, "DISCORD_TOKEN");
        devGuildId = Check.blankToNull(devGuildId);
        if (devGuildId != null && !SNOWFLAKE.matcher(devGuildId).matches()) {
            throw new SettingException("dev_guild_id", "must be a Discord id (17 to 20 digits)");
        }
        Map<String, Set<String>> grants = new LinkedHashMap<>();
        for (Map.Entry<String, Set<String>> e : Check.map(roleGrants).entrySet()) {
            if (!SNOWFLAKE.matcher(e.getKey()).matches()) {
                throw new SettingException("role_grants", "'" + e.getKey() + "' is not a Discord role id (17 to 20 digits)");
            }
            if (e.getValue() == null || e.getValue().isEmpty()) {
                throw new SettingException("role_grants", "role " + e.getKey() + " grants no roles");
            }
            grants.put(e.getKey(), Check.roles("role_grants", e.getValue(), Set.of()));
        }
        roleGrants = Map.copyOf(grants);
    }

    /** Without role grants. */
    public DiscordConfig(URI apiBaseUrl, String tokenEnv, String devGuildId) {
        this(apiBaseUrl, tokenEnv, devGuildId, Map.of());
    }

    public static DiscordConfig defaults() {
        return new DiscordConfig(null, null, null);
    }
}
