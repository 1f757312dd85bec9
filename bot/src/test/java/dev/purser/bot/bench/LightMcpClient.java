package dev.purser.bot.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

/**
 * A lean MCP client for the load benchmark: the whole streamable HTTP protocol (2025-11-25) on one
 * kept-alive HTTP/1.1 connection, written with blocking socket I/O and no framework, so that the
 * load generator, which shares the machine's two cores with the server, spends as little CPU as a
 * real client can. It does everything a conforming client must: {@code initialize} (and checks the
 * protocol version the server chose), {@code notifications/initialized}, then each
 * {@code tools/call} with the bearer token, {@code Mcp-Session-Id} and {@code MCP-Protocol-Version}
 * headers and an {@code Accept} of both JSON and SSE; it reads each response completely (chunked or
 * sized), takes the JSON-RPC message out of the SSE stream (or the JSON body), parses it as JSON and
 * checks that it answers this request's id with a tool result that is not an error and carries the
 * text and structured content. {@link #close()} ends the session with DELETE.
 */
final class LightMcpClient implements Closeable {

    static final String PROTOCOL_VERSION = "2025-11-25";

    private final ObjectMapper json;
    private final String host;
    private final int port;
    private final String path;
    private final String token;
    private Socket socket;
    private InputStream in;
    private OutputStream out;
    private String sessionId;
    private long nextId = 1;

    /** A parsed response: its HTTP status, content type, session header and body. */
    private record Response(int status, String contentType, String sessionId, byte[] body) {
    }

    LightMcpClient(URI endpoint, String token, ObjectMapper json) {
        this.host = endpoint.getHost();
        this.port = endpoint.getPort();
        this.path = endpoint.getRawPath();
        this.token = token;
        this.json = json;
    }

    /** initialize, then notifications/initialized. */
    void initialize() throws IOException {
        ObjectNode request = json.createObjectNode().put("jsonrpc", "2.0").put("id", nextId++)
                .put("method", "initialize");
        ObjectNode params = request.putObject("params").put("protocolVersion", PROTOCOL_VERSION);
        params.putObject("capabilities");
        params.putObject("clientInfo").put("name", "purser-bench-light").put("version", "1");
        Response r = post(json.writeValueAsBytes(request));
        if (r.status() != 200 || r.sessionId() == null) {
            throw new IOException("initialize answered " + r.status() + " without a session: " + text(r));
        }
        sessionId = r.sessionId();
        JsonNode result = message(r, request.get("id")).path("result");
        if (!PROTOCOL_VERSION.equals(result.path("protocolVersion").asText())) {
            throw new IOException("server chose protocol " + result.path("protocolVersion") + "; this client speaks "
                    + PROTOCOL_VERSION);
        }
        Response ack = post(json.writeValueAsBytes(json.createObjectNode().put("jsonrpc", "2.0")
                .put("method", "notifications/initialized")));
        if (ack.status() != 202) {
            throw new IOException("notifications/initialized answered " + ack.status() + ": " + text(ack));
        }
    }

    /**
     * One tools/call; returns the parsed result after checking it is a successful tool result.
     *
     * @throws IOException on a transport failure, a JSON-RPC error or a tool error
     */
    JsonNode callTool(String name, Map<String, Object> arguments) throws IOException {
        long id = nextId++;
        ObjectNode request = json.createObjectNode().put("jsonrpc", "2.0").put("id", id).put("method", "tools/call");
        ObjectNode params = request.putObject("params").put("name", name);
        params.set("arguments", json.valueToTree(arguments));
        Response r = post(json.writeValueAsBytes(request));
        if (r.status() != 200) {
            throw new IOException("tools/call answered HTTP " + r.status() + ": " + text(r));
        }
        JsonNode message = message(r, request.get("id"));
        if (!"2.0".equals(message.path("jsonrpc").asText())) {
            throw new IOException("not a JSON-RPC 2.0 message: " + message);
        }
        if (message.has("error")) {
            throw new IOException("tools/call answered a JSON-RPC error: " + message.get("error"));
        }
        JsonNode result = message.path("result");
        if (result.path("isError").asBoolean(false)) {
            throw new IOException("tool " + name + " answered an error: " + result.path("content"));
        }
        if (!"text".equals(result.path("content").path(0).path("type").asText())
                || !result.path("structuredContent").isObject()) {
            throw new IOException("tool result without text or structured content: " + result);
        }
        return result;
    }

    /** Ends the session (DELETE) and closes the connection. */
    @Override
    public void close() throws IOException {
        try {
            if (sessionId != null && socket != null) {
                exchange("DELETE", null);
            }
        } finally {
            if (socket != null) {
                socket.close();
            }
        }
    }

    /** The JSON-RPC response to {@code id}: the body itself (JSON) or the SSE event carrying it. */
    private JsonNode message(Response r, JsonNode id) throws IOException {
        String type = r.contentType() == null ? "" : r.contentType().toLowerCase(Locale.ROOT);
        if (type.startsWith("application/json")) {
            return checkId(json.readTree(r.body()), id);
        }
        if (!type.startsWith("text/event-stream")) {
            throw new IOException("unexpected content type " + r.contentType());
        }
        // SSE: events separated by a blank line; a message's JSON is its data lines joined by \n
        String stream = new String(r.body(), StandardCharsets.UTF_8);
        StringBuilder data = new StringBuilder();
        int at = 0;
        while (at <= stream.length()) {
            int eol = stream.indexOf('\n', at);
            String line = eol < 0 ? stream.substring(at) : stream.substring(at, eol);
            if (line.endsWith("\r")) {
                line = line.substring(0, line.length() - 1);
            }
            if (line.isEmpty()) {
                if (data.length() > 0) {
                    JsonNode message = json.readTree(data.toString());
                    if (sameId(message.get("id"), id)) {
                        return message;
                    }
                    data.setLength(0);
                }
            } else if (line.startsWith("data:")) {
                if (data.length() > 0) {
                    data.append('\n');
                }
                data.append(line, line.startsWith("data: ") ? 6 : 5, line.length());
            }
            if (eol < 0) {
                break;
            }
            at = eol + 1;
        }
        throw new IOException("no response to request " + id + " in the event stream");
    }

    private static JsonNode checkId(JsonNode message, JsonNode id) throws IOException {
        if (!"2.0".equals(message.path("jsonrpc").asText()) || !sameId(message.get("id"), id)) {
            throw new IOException("not the JSON-RPC response to " + id + ": " + message);
        }
        return message;
    }

    /** JSON-RPC ids: the same number (whatever its width once parsed) or the same string. */
    private static boolean sameId(JsonNode a, JsonNode b) {
        if (a == null || b == null) {
            return false;
        }
        if (a.isIntegralNumber() && b.isIntegralNumber()) {
            return a.bigIntegerValue().equals(b.bigIntegerValue());
        }
        return a.isTextual() && b.isTextual() && a.textValue().equals(b.textValue());
    }

    private Response post(byte[] body) throws IOException {
        return exchange("POST", body);
    }

    private Response exchange(String method, byte[] body) throws IOException {
        if (socket == null || socket.isClosed()) {
            connect();
        }
        StringBuilder head = new StringBuilder(256).append(method).append(' ').append(path).append(" HTTP/1.1\r\n")
                .append("Host: ").append(host).append(':').append(port).append("\r\n")
                .append("Authorization: Bearer ").append(token).append("\r\n")
                .append("Accept: application/json, text/event-stream\r\n");
        if (sessionId != null) {
            head.append("Mcp-Session-Id: ").append(sessionId).append("\r\n")
                    .append("MCP-Protocol-Version: ").append(PROTOCOL_VERSION).append("\r\n");
        }
        if (body != null) {
            head.append("Content-Type: application/json\r\nContent-Length: ").append(body.length).append("\r\n");
        }
        head.append("\r\n");
        byte[] headBytes = head.toString().getBytes(StandardCharsets.ISO_8859_1);
        byte[] request = new byte[headBytes.length + (body == null ? 0 : body.length)];
        System.arraycopy(headBytes, 0, request, 0, headBytes.length);
        if (body != null) {
            System.arraycopy(body, 0, request, headBytes.length, body.length);
        }
        out.write(request);
        out.flush();
        return read();
    }

    private void connect() throws IOException {
        socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.setSoTimeout(30_000);
        socket.connect(new InetSocketAddress(host, port), 10_000);
        in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
        out = socket.getOutputStream();
    }

    private Response read() throws IOException {
        String statusLine = line();
        if (statusLine == null) {
            throw new IOException("the server closed the connection");
        }
        int status = Integer.parseInt(statusLine.substring(9, 12));
        long length = -1;
        boolean chunked = false;
        boolean close = false;
        String contentType = null;
        String session = null;
        for (String header = line(); header != null && !header.isEmpty(); header = line()) {
            int colon = header.indexOf(':');
            String name = header.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = header.substring(colon + 1).trim();
            switch (name) {
                case "content-length" -> length = Long.parseLong(value);
                case "transfer-encoding" -> chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
                case "content-type" -> contentType = value;
                case "mcp-session-id" -> session = value;
                case "connection" -> close = value.equalsIgnoreCase("close");
                default -> {
                }
            }
        }
        byte[] body;
        if (chunked) {
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            while (true) {
                String size = line();
                int semi = size.indexOf(';');
                int n = Integer.parseInt((semi < 0 ? size : size.substring(0, semi)).trim(), 16);
                if (n == 0) {
                    for (String trailer = line(); trailer != null && !trailer.isEmpty(); trailer = line()) {
                        // trailers are not used by MCP
                    }
                    break;
                }
                all.write(in.readNBytes(n));
                line();
            }
            body = all.toByteArray();
        } else if (length >= 0) {
            body = in.readNBytes((int) length);
            if (body.length != length) {
                throw new IOException("the server closed the connection mid-body");
            }
        } else if (status == 202 || status == 204 || status == 304) {
            body = new byte[0];
        } else {
            body = in.readAllBytes();
            close = true;
        }
        if (close) {
            socket.close();
        }
        return new Response(status, contentType, session, body);
    }

    /** One header line without its CRLF (ISO-8859-1), or null at end of stream. */
    private String line() throws IOException {
        StringBuilder s = new StringBuilder(64);
        int b;
        while ((b = in.read()) >= 0) {
            if (b == '\n') {
                int n = s.length();
                return n > 0 && s.charAt(n - 1) == '\r' ? s.substring(0, n - 1) : s.toString();
            }
            s.append((char) b);
        }
        return s.length() == 0 ? null : s.toString();
    }

    private static String text(Response r) {
        String body = new String(r.body(), StandardCharsets.UTF_8);
        return body.length() > 300 ? body.substring(0, 300) + "..." : body;
    }
}
