package dev.purser.bot.alerts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.purser.core.alerts.AlertMessage;
import dev.purser.core.alerts.AlertSender;
import dev.purser.core.alerts.PlanThread;
import dev.purser.core.alerts.ThreadSender;
import dev.purser.core.config.AlertRouteConfig;
import dev.purser.core.config.DiscordConfig;
import dev.purser.core.config.Secret;
import dev.purser.core.config.SlackConfig;
import dev.purser.core.engine.SecretSource;
import dev.purser.core.error.ErrorCode;
import dev.purser.core.error.PurserException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts alerts to Slack and Discord channels over their HTTP APIs.
 *
 * <ul>
 * <li>Slack: {@code POST {slack.api_base_url}chat.postMessage} with the bot token as a bearer;
 *     the message is a header-less section (bold title, lines) and a context block naming the
 *     command that explains it, with {@code text} as the notification fallback. Slack answers
 *     errors as HTTP 200 with {@code "ok": false} and an {@code error} code.</li>
 * <li>Discord: {@code POST {discord.api_base_url}channels/{channel}/messages} with
 *     {@code Authorization: Bot <token>}; one embed (title, description, footer with the
 *     command), mentions disabled. Errors come as 4xx with {@code {"code", "message"}}.</li>
 * </ul>
 *
 * <p>Retries: a {@code 429} waits its {@code Retry-After} (Discord's body {@code retry_after}
 * when the header is missing) when that is within {@link Retry#maxWait()}, otherwise fails at once
 * naming the wait; a 5xx or an I/O failure backs off 1 s, 2 s, 4 s ...; at most
 * {@link Retry#attempts()} tries. A 4xx other than 429, or Slack's {@code ok: false}, fails at once:
 * retrying a missing channel does not find it. Tokens are read at each send (a rotated token is
 * picked up) and never logged.
 */
public final class ChatAlertSender implements AlertSender, ThreadSender {

    private static final Logger LOG = LoggerFactory.getLogger(ChatAlertSender.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Slack's section text limit; Discord's embed description limit is larger. */
    static final int SLACK_SECTION = 3000;
    static final int DISCORD_TITLE = 256;
    static final int DISCORD_DESCRIPTION = 4096;
    static final int DISCORD_FOOTER = 2048;

    /**
     * @param attempts tries in all, at least 1
     * @param maxWait  the longest wait for a rate limit or back-off before giving up
     */
    public record Retry(int attempts, Duration maxWait) {
        public Retry {
            if (attempts < 1) {
                throw new IllegalArgumentException("attempts must be at least 1: " + attempts);
            }
            Objects.requireNonNull(maxWait, "maxWait");
        }

        public static Retry defaults() {
            return new Retry(4, Duration.ofSeconds(30));
        }
    }

    /** Waits between tries; tests record instead of sleeping. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration d) throws InterruptedException;

        Sleeper REAL = d -> Thread.sleep(d.toMillis());
    }

    private final SlackConfig slack;
    private final DiscordConfig discord;
    private final SecretSource secrets;
    private final HttpClient http;
    private final Retry retry;
    private final Sleeper sleeper;

    public ChatAlertSender(SlackConfig slack, DiscordConfig discord, SecretSource secrets, HttpClient http, Retry retry,
            Sleeper sleeper) {
        this.slack = Objects.requireNonNull(slack, "slack");
        this.discord = Objects.requireNonNull(discord, "discord");
        this.secrets = Objects.requireNonNull(secrets, "secrets");
        this.http = Objects.requireNonNull(http, "http");
        this.retry = Objects.requireNonNull(retry, "retry");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    }

    /** The sender {@code purser serve} and the CLI use: real HTTP, real waits. */
    public static ChatAlertSender create(SlackConfig slack, DiscordConfig discord, SecretSource secrets) {
        return new ChatAlertSender(slack, discord, secrets,
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build(), Retry.defaults(), Sleeper.REAL);
    }

    @Override
    public void send(AlertRouteConfig route, AlertMessage message) {
        switch (route.platform()) {
            case "slack" -> sendSlack(route.channel(), message);
            case "discord" -> sendDiscord(route.channel(), message);
            default -> throw new IllegalStateException("route platform validated at start-up: " + route.platform());
        }
    }

    private void sendSlack(String channel, AlertMessage m) {
        postSlack(channel, slackBody(channel, m), "the alert");
    }

    /** Posts to Slack; returns Slack's answer, which said {@code ok}. */
    private JsonNode postSlack(String channel, String json, String what) {
        Secret token = secrets.secret(slack.botTokenEnv());
        if (!token.isPresent()) {
            throw PurserException.badArgument("cannot post to Slack: " + token.variable() + " is not set");
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(resolve(slack.apiBaseUrl(), "chat.postMessage"))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json; charset=utf-8")
                .header("Authorization", "Bearer " + token.reveal())
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
        HttpResponse<String> response = exchange("Slack chat.postMessage", request.build());
        JsonNode body = parse(response.body());
        if (body == null || !body.path("ok").asBoolean(false)) {
            String error = body == null ? "an answer that is not JSON" : body.path("error").asText("unknown_error");
            throw new PurserException(ErrorCode.EXTERNAL_API_ERROR, "Slack refused " + what + " for channel " + channel
                    + ": " + error);
        }
        return body;
    }

    private void sendDiscord(String channel, AlertMessage m) {
        postDiscord(channel, discordBody(m));
    }

    /** Creates a Discord message; returns the created message. */
    private JsonNode postDiscord(String channel, String json) {
        Secret token = secrets.secret(discord.tokenEnv());
        if (!token.isPresent()) {
            throw PurserException.badArgument("cannot post to Discord: " + token.variable() + " is not set");
        }
        if (!channel.matches("\\d{17,20}")) {
            throw PurserException.badArgument("Discord channel '" + channel + "' is not a channel id (17 to 20 digits)");
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(resolve(discord.apiBaseUrl(),
                        "channels/" + channel + "/messages"))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bot " + token.reveal())
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
        JsonNode created = parse(exchange("Discord create message", request.build()).body());
        return created == null ? JSON.createObjectNode() : created;
    }

    @Override
    public String reply(PlanThread thread, AlertMessage m) {
        return switch (thread.platform()) {
            case "slack" -> postSlack(thread.channel(), slackThreadBody(thread, m), "the plan thread message")
                    .path("ts").asText("");
            case "discord" -> postDiscord(thread.channel(), discordReplyBody(thread, m)).path("id").asText("");
            default -> throw PurserException.badArgument("cannot reply in a " + thread.platform() + " thread");
        };
    }

    /** Sends with the retry rules above; returns a 2xx response. */
    private HttpResponse<String> exchange(String what, HttpRequest request) {
        Duration backoff = Duration.ofSeconds(1);
        String last = "";
        for (int attempt = 1; attempt <= retry.attempts(); attempt++) {
            HttpResponse<String> r;
            try {
                r = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            } catch (IOException e) {
                last = e.getClass().getSimpleName();
                waitOrGiveUp(what, attempt, backoff, last);
                backoff = backoff.multipliedBy(2);
                continue;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new PurserException(ErrorCode.EXTERNAL_API_ERROR, what + " was interrupted");
            }
            int status = r.statusCode();
            if (status / 100 == 2) {
                return r;
            }
            if (status == 429) {
                Duration wait = retryAfter(r).orElse(backoff);
                if (wait.compareTo(retry.maxWait()) > 0) {
                    throw new PurserException(ErrorCode.EXTERNAL_API_ERROR, what + " is rate limited for "
                            + wait.toSeconds() + " s; not waiting that long");
                }
                last = "429 rate limited";
                waitOrGiveUp(what, attempt, wait, last);
                continue;
            }
            if (status >= 500) {
                last = "HTTP " + status;
                waitOrGiveUp(what, attempt, backoff, last);
                backoff = backoff.multipliedBy(2);
                continue;
            }
            throw new PurserException(ErrorCode.EXTERNAL_API_ERROR, what + " answered HTTP " + status + errorDetail(r));
        }
        throw new PurserException(ErrorCode.EXTERNAL_API_ERROR, what + " failed " + retry.attempts()
                + " times; last: " + last);
    }

    private void waitOrGiveUp(String what, int attempt, Duration wait, String why) {
        if (attempt >= retry.attempts()) {
            return;
        }
        LOG.info("{} attempt {} failed ({}); retrying in {} ms", what, attempt, why, wait.toMillis());
        try {
            sleeper.sleep(wait.compareTo(retry.maxWait()) > 0 ? retry.maxWait() : wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PurserException(ErrorCode.EXTERNAL_API_ERROR, what + " was interrupted while waiting to retry");
        }
    }

    /** {@code Retry-After} in seconds (fractions allowed), or Discord's body {@code retry_after}. */
    static Optional<Duration> retryAfter(HttpResponse<String> r) {
        OptionalDouble seconds = OptionalDouble.empty();
        Optional<String> header = r.headers().firstValue("Retry-After");
        if (header.isPresent()) {
            try {
                seconds = OptionalDouble.of(Double.parseDouble(header.get().trim()));
            } catch (NumberFormatException e) {
                seconds = OptionalDouble.empty();
            }
        }
        if (seconds.isEmpty()) {
            JsonNode body = parse(r.body());
            if (body != null && body.path("retry_after").isNumber()) {
                seconds = OptionalDouble.of(body.path("retry_after").asDouble());
            }
        }
        if (seconds.isEmpty() || seconds.getAsDouble() < 0) {
            return Optional.empty();
        }
        return Optional.of(Duration.ofMillis((long) Math.ceil(seconds.getAsDouble() * 1000)));
    }

    private static String errorDetail(HttpResponse<String> r) {
        JsonNode body = parse(r.body());
        if (body == null) {
            return "";
        }
        if (body.has("message")) {
            return ": " + body.path("message").asText() + (body.has("code") ? " (code " + body.path("code").asText() + ")" : "");
        }
        if (body.has("error")) {
            return ": " + body.path("error").asText();
        }
        return "";
    }

    private static JsonNode parse(String body) {
        try {
            return body == null || body.isBlank() ? null : JSON.readTree(body);
        } catch (IOException e) {
            return null;
        }
    }

    static URI resolve(URI base, String path) {
        String b = base.toString();
        return URI.create(b.endsWith("/") ? b + path : b + "/" + path);
    }

    static String slackBody(String channel, AlertMessage m) {
        ObjectNode root = JSON.createObjectNode();
        root.put("channel", channel);
        root.put("text", cut(m.title(), 300));
        root.put("unfurl_links", false);
        ArrayNode blocks = root.putArray("blocks");
        StringBuilder text = new StringBuilder("*").append(escapeSlack(m.title())).append('*');
        for (String l : m.lines()) {
            text.append('\n').append(escapeSlack(l));
        }
        ObjectNode section = blocks.addObject();
        section.put("type", "section");
        section.putObject("text").put("type", "mrkdwn").put("text", cut(text.toString(), SLACK_SECTION));
        ObjectNode context = blocks.addObject();
        context.put("type", "context");
        context.putArray("elements").addObject().put("type", "mrkdwn")
                .put("text", cut("Explain: `" + m.explain() + "`", SLACK_SECTION));
        return root.toString();
    }

    /** {@link #slackBody} in the plan message's thread. */
    static String slackThreadBody(PlanThread thread, AlertMessage m) {
        ObjectNode root = (ObjectNode) parse(slackBody(thread.channel(), m));
        root.put("thread_ts", thread.messageId());
        return root.toString();
    }

    /** {@link #discordBody} as a reply to the plan's message. */
    static String discordReplyBody(PlanThread thread, AlertMessage m) {
        ObjectNode root = (ObjectNode) parse(discordBody(m));
        root.putObject("message_reference").put("message_id", thread.messageId())
                .put("channel_id", thread.channel()).put("fail_if_not_exists", false);
        return root.toString();
    }

    static String discordBody(AlertMessage m) {
        ObjectNode root = JSON.createObjectNode();
        root.putObject("allowed_mentions").putArray("parse");
        ObjectNode embed = root.putArray("embeds").addObject();
        embed.put("title", cut(m.title(), DISCORD_TITLE));
        embed.put("description", cut(m.lines().isEmpty() ? m.title() : String.join("\n", m.lines()), DISCORD_DESCRIPTION));
        embed.put("color", color(m));
        embed.putObject("footer").put("text", cut("Explain: " + m.explain(), DISCORD_FOOTER));
        return root.toString();
    }

    private static int color(AlertMessage m) {
        return switch (m.kind()) {
            case BUDGET, INGESTION -> 0xD83C3E;
            case ANOMALY -> 0xF2A93B;
            case WASTE, REPORT -> 0x2EB67D;
            case MIGRATION -> 0x36C5F0;
        };
    }

    /** Slack mrkdwn needs only these three escaped. */
    private static String escapeSlack(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    static String cut(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
