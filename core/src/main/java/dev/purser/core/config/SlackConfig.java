package dev.purser.core.config;

import java.net.URI;

/**
 * The Slack face. Every secret is named by its environment variable.
 *
 * @param apiBaseUrl       the Web API's base URL, default {@code https://slack.com/api/}
 * @param signingSecretEnv the variable holding the request-signing secret (HTTP mode); default {@code SLACK_SIGNING_SECRET}
 * @param botTokenEnv      the variable holding the bot token ({@code xoxb-}); default {@code SLACK_BOT_TOKEN}
 * @param appTokenEnv      the variable holding the app-level token for Socket Mode ({@code xapp-}); default {@code SLACK_APP_TOKEN}
 */
public record SlackConfig(URI apiBaseUrl, String signingSecretEnv, String botTokenEnv, String appTokenEnv) {

    public static final URI DEFAULT_API_BASE_URL = URI.create("https://slack.com/api/");

    public SlackConfig {
        apiBaseUrl = Check.tokenUrl("api_base_url", apiBaseUrl, DEFAULT_API_BASE_URL);
        signingSecretEnv = Check.variable("signing_secret_env", signingSecretEnv, "SLACK_SIGNING_SECRET");
        botTokenEnv = Check.variable("bot_token_env", botTokenEnv, "SLACK_BOT_TOKEN");
        appTokenEnv = Check.variable("app_token_env", appTokenEnv, "SLACK_APP_TOKEN");
    }

    public static SlackConfig defaults() {
        return new SlackConfig(null, null, null, null);
    }
}
