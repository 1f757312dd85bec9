package dev.purser.bot.discord;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.Deflater;
import org.java_websocket.WebSocket;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.server.WebSocketServer;

/**
 * A stand-in for Discord's gateway, enough for JDA to log in and receive interactions: it says
 * HELLO (op 10), takes IDENTIFY (op 2), answers READY (op 0) for a bot in no guild, acknowledges
 * heartbeats (op 1 → op 11), and dispatches what a test sends. Payloads go out as Discord sends
 * them to a client that asked for {@code compress=zlib-stream}: one zlib stream per connection,
 * each message flushed with Z_SYNC_FLUSH (ending in {@code 00 00 ff ff}).
 */
final class FakeGateway extends WebSocketServer {

    private static final ObjectMapper JSON = new ObjectMapper();

    final List<JsonNode> received = new CopyOnWriteArrayList<>();
    final CountDownLatch identified = new CountDownLatch(1);
    private final CountDownLatch started = new CountDownLatch(1);
    private final AtomicInteger sequence = new AtomicInteger();
    private final String self;
    private volatile WebSocket client;
    private Deflater deflater;
    volatile String query;

    /** @param self the bot's user object, as READY carries it */
    FakeGateway(String self) {
        super(new InetSocketAddress("127.0.0.1", 0));
        this.self = self;
        setReuseAddr(true);
    }

    void startAndWait() throws InterruptedException {
        start();
        if (!started.await(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the fake gateway did not start");
        }
    }

    String url() {
        return "ws://127.0.0.1:" + getPort();
    }

    @Override
    public void onStart() {
        started.countDown();
    }

    @Override
    public synchronized void onOpen(WebSocket conn, ClientHandshake handshake) {
        client = conn;
        query = handshake.getResourceDescriptor();
        deflater = new Deflater();
        send("{\"op\": 10, \"d\": {\"heartbeat_interval\": 41250}, \"s\": null, \"t\": null}");
    }

    @Override
    public void onMessage(WebSocket conn, String message) {
        try {
            JsonNode payload = JSON.readTree(message);
            received.add(payload);
            switch (payload.path("op").asInt()) {
                case 2 -> {
                    dispatch("READY", "{\"v\": 10, \"user\": " + self + ", \"guilds\": [], \"private_channels\": [],"
                            + " \"session_id\": \"stand-in-session\", \"resume_gateway_url\": \"" + url() + "\","
                            + " \"application\": {\"id\": \"" + DiscordStandIn.APP + "\", \"flags\": 0},"
                            + " \"user_settings\": {}, \"relationships\": [], \"presences\": []}");
                    identified.countDown();
                }
                case 1 -> send("{\"op\": 11, \"d\": null, \"s\": null, \"t\": null}");
                default -> { }
            }
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void onMessage(WebSocket conn, ByteBuffer message) {
        onMessage(conn, StandardCharsets.UTF_8.decode(message).toString());
    }

    /** A dispatch (op 0) of event {@code type} with data {@code json}. */
    void dispatch(String type, String json) {
        send("{\"op\": 0, \"t\": \"" + type + "\", \"s\": " + sequence.incrementAndGet() + ", \"d\": " + json + "}");
    }

    private synchronized void send(String payload) {
        deflater.setInput(payload.getBytes(StandardCharsets.UTF_8));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        int n;
        do {
            n = deflater.deflate(buffer, 0, buffer.length, Deflater.SYNC_FLUSH);
            out.write(buffer, 0, n);
        } while (n == buffer.length);
        client.send(out.toByteArray());
    }

    @Override
    public void onClose(WebSocket conn, int code, String reason, boolean remote) {
    }

    @Override
    public void onError(WebSocket conn, Exception ex) {
        if (conn == null) {
            started.countDown();
        }
    }
}
