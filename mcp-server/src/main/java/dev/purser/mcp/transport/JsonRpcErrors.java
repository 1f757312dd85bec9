package dev.purser.mcp.transport;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Writes an HTTP error as a JSON-RPC error object with a null id: what an MCP client can parse,
 * and nothing a client should not see (no exception, no class name, no stack).
 */
final class JsonRpcErrors {

    /** Invalid JSON was received. */
    static final int PARSE_ERROR = -32700;
    /** The request is not acceptable: wrong headers, method or credentials. */
    static final int INVALID_REQUEST = -32600;
    /** Implementation-defined server error: the session is unknown or expired. */
    static final int SESSION_NOT_FOUND = -32001;
    static final int INTERNAL_ERROR = -32603;

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private JsonRpcErrors() {
    }

    static void write(HttpServletResponse response, int status, int code, String message) throws IOException {
        ObjectNode body = MAPPER.createObjectNode();
        body.put("jsonrpc", "2.0");
        body.putNull("id");
        ObjectNode error = body.putObject("error");
        error.put("code", code);
        error.put("message", message);
        byte[] bytes = MAPPER.writeValueAsBytes(body);
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
        response.flushBuffer();
    }
}
