package dev.purser.bot.slack;

import dev.purser.core.config.Secret;
import dev.purser.core.config.SlackConfig;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The Slack face's settings: the {@code slack} section with its secrets read from the variables
 * it names, and how much work the face takes on at once.
 *
 * @param apiBaseUrl    the Web API base ({@code https://slack.com/api/}, or a proxy, or a stand-in)
 * @param signingSecret verifies HTTP requests; without it there is no HTTP mode
 * @param botToken      the bot token ({@code xoxb-}); without it the face cannot answer at all
 * @param appToken      the app-level token ({@code xapp-}); with it, Socket Mode
 * @param workers       threads that run commands (the rest of the face only acks and posts)
 * @param queue         commands waiting for a worker before new ones are turned away as busy
 * @param drain         how long shutdown waits for commands already running
 */
public record SlackSettings(URI apiBaseUrl, Secret signingSecret, Secret botToken, Secret appToken, int workers,
        int queue, Duration drain) {

    public static final int DEFAULT_WORKERS = 4;
    public static final int DEFAULT_QUEUE = 100;
    public static final Duration DEFAULT_DRAIN = Duration.ofSeconds(20);

    public SlackSettings {
        Objects.requireNonNull(apiBaseUrl, "apiBaseUrl");
        Objects.requireNonNull(signingSecret, "signingSecret");
        Objects.requireNonNull(botToken, "botToken");
        Objects.requireNonNull(appToken, "appToken");
        Objects.requireNonNull(drain, "drain");
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be positive: " + workers);
        }
        if (queue < 1) {
            throw new IllegalArgumentException("queue must be positive: " + queue);
        }
    }

    /** The section's secrets read from {@code env}. */
    public static SlackSettings from(SlackConfig config, Map<String, String> env) {
        return new SlackSettings(config.apiBaseUrl(), secret(config.signingSecretEnv(), env),
                secret(config.botTokenEnv(), env), secret(config.appTokenEnv(), env), DEFAULT_WORKERS, DEFAULT_QUEUE,
                DEFAULT_DRAIN);
    }

    /** The same settings with another drain bound (the one {@code purser serve --drain-seconds} sets). */
    public SlackSettings withDrain(Duration bound) {
        return new SlackSettings(apiBaseUrl, signingSecret, botToken, appToken, workers, queue, bound);
    }

    private static Secret secret(String variable, Map<String, String> env) {
        return Secret.of(variable, env.get(variable));
    }

    /** HTTP mode needs both the signing secret and the bot token. */
    public boolean httpMode() {
        return signingSecret.isPresent() && botToken.isPresent();
    }

    /** Socket Mode needs the app token and the bot token. */
    public boolean socketMode() {
        return appToken.isPresent() && botToken.isPresent();
    }

    /** Why the face cannot start at all, naming the variables to set; empty when it can. */
    public Optional<String> missing() {
        if (!botToken.isPresent()) {
            return Optional.of(botToken.variable() + " is not set");
        }
        if (!httpMode() && !socketMode()) {
            return Optional.of("neither " + signingSecret.variable() + " (HTTP mode) nor " + appToken.variable()
                    + " (Socket Mode) is set");
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return "SlackSettings[" + apiBaseUrl + ", " + signingSecret + ", " + botToken + ", " + appToken + "]";
    }
}
