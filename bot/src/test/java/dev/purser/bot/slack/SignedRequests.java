package dev.purser.bot.slack;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Requests signed the way Slack signs them ({@code v0=} hex HMAC-SHA256 of
 * {@code v0:timestamp:body}), sent over real HTTP to {@code /slack/events}.
 */
final class SignedRequests {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI endpoint;
    private final String secret;

    SignedRequests(URI endpoint, String secret) {
        this.endpoint = endpoint;
        this.secret = secret;
    }

    static String signature(String secret, long timestamp, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "v0=" + HexFormat.of().formatHex(
                    mac.doFinal(("v0:" + timestamp + ":" + body).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A slash command's form body, as Slack sends it. */
    static String slashCommand(String team, String user, String text, String responseUrl, String triggerId) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("token", "verification-token-unused");
        form.put("team_id", team);
        form.put("team_domain", "acme");
        form.put("channel_id", "C0123FINOPS");
        form.put("channel_name", "finops");
        form.put("user_id", user);
        form.put("user_name", "someone");
        form.put("command", "/purser");
        form.put("text", text);
        form.put("api_app_id", "A0PURSER");
        form.put("response_url", responseUrl);
        form.put("trigger_id", triggerId);
        return form(form);
    }

    /** A button click's form body: {@code payload=} the block_actions JSON. */
    static String blockAction(String json) {
        return form(Map.of("payload", json));
    }

    private static String form(Map<String, String> form) {
        return form.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    /** An Events API delivery (JSON), signed. */
    HttpResponse<String> sendJson(String json, Map<String, String> headers) throws Exception {
        long ts = Instant.now().getEpochSecond();
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint)
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .header("X-Slack-Request-Timestamp", Long.toString(ts))
                .header("X-Slack-Signature", signature(secret, ts, json))
                .POST(HttpRequest.BodyPublishers.ofString(json));
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> send(String body) throws Exception {
        return send(body, Instant.now().getEpochSecond(), secret, Map.of());
    }

    HttpResponse<String> send(String body, long timestamp, String signingSecret, Map<String, String> headers)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint)
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-Slack-Request-Timestamp", Long.toString(timestamp))
                .header("X-Slack-Signature", signature(signingSecret, timestamp, body))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
