package dev.purser.mcp.transport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds back whatever error the SDK's transport servlet writes ({@code sendError}, or a status of
 * 400 and above followed by a body that is a serialized Java exception) and, once the servlet
 * returns, writes a JSON-RPC error with the same status and a fixed, safe sentence instead.
 * Successful responses, including SSE streams that outlive the servlet call, pass straight through.
 */
final class ErrorRewritingResponse extends HttpServletResponseWrapper {

    private static final Logger LOG = LoggerFactory.getLogger(ErrorRewritingResponse.class);
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private int errorStatus;
    private String errorMessage;
    private final ByteArrayOutputStream held = new ByteArrayOutputStream();
    private PrintWriter heldWriter;

    ErrorRewritingResponse(HttpServletResponse response) {
        super(response);
    }

    @Override
    public void setStatus(int sc) {
        if (sc >= 400) {
            errorStatus = sc;
        } else {
            super.setStatus(sc);
        }
    }

    @Override
    public void sendError(int sc, String msg) {
        errorStatus = sc;
        errorMessage = msg;
    }

    @Override
    public void sendError(int sc) {
        errorStatus = sc;
    }

    @Override
    public PrintWriter getWriter() throws IOException {
        if (errorStatus == 0) {
            return super.getWriter();
        }
        if (heldWriter == null) {
            heldWriter = new PrintWriter(new OutputStreamWriter(held, StandardCharsets.UTF_8), true);
        }
        return heldWriter;
    }

    @Override
    public ServletOutputStream getOutputStream() throws IOException {
        if (errorStatus == 0) {
            return super.getOutputStream();
        }
        return new ServletOutputStream() {
            @Override
            public boolean isReady() {
                return true;
            }

            @Override
            public void setWriteListener(WriteListener listener) {
                throw new IllegalStateException("error bodies are written synchronously");
            }

            @Override
            public void write(int b) {
                held.write(b);
            }
        };
    }

    /** Writes the rewritten error, if the servlet produced one. */
    void finish() throws IOException {
        if (errorStatus == 0) {
            return;
        }
        if (heldWriter != null) {
            heldWriter.flush();
        }
        HttpServletResponse response = (HttpServletResponse) getResponse();
        if (response.isCommitted()) {
            return;
        }
        response.resetBuffer();
        String detail = detail();
        int status = errorStatus;
        if (status == 404) {
            JsonRpcErrors.write(response, status, JsonRpcErrors.SESSION_NOT_FOUND,
                    "Session not found or expired: send initialize again to start a new session.");
        } else if (status == 400) {
            badRequest(response, detail);
        } else if (status == 405) {
            JsonRpcErrors.write(response, status, JsonRpcErrors.INVALID_REQUEST,
                    "Method not allowed: use POST, GET or DELETE.");
        } else if (status == 413) {
            JsonRpcErrors.write(response, status, JsonRpcErrors.INVALID_REQUEST, "The request body is too large.");
        } else if (status == 415) {
            JsonRpcErrors.write(response, status, JsonRpcErrors.INVALID_REQUEST,
                    "Content-Type must be application/json.");
        } else if (status == 503) {
            JsonRpcErrors.write(response, status, JsonRpcErrors.INTERNAL_ERROR,
                    "The server is shutting down; retry shortly.");
        } else if (status >= 500) {
            String reference = UUID.randomUUID().toString().substring(0, 8);
            LOG.warn("MCP transport answered {} (reference {}): {}", status, reference, detail);
            JsonRpcErrors.write(response, status, JsonRpcErrors.INTERNAL_ERROR,
                    "Internal error (reference " + reference + ").");
        } else {
            JsonRpcErrors.write(response, status, JsonRpcErrors.INVALID_REQUEST, "Request refused.");
        }
    }

    private static void badRequest(HttpServletResponse response, String detail) throws IOException {
        String d = detail.toLowerCase(Locale.ROOT);
        if (d.contains("accept")) {
            JsonRpcErrors.write(response, 400, JsonRpcErrors.INVALID_REQUEST,
                    "The Accept header must list both application/json and text/event-stream.");
        } else if (d.contains("session id")) {
            JsonRpcErrors.write(response, 400, JsonRpcErrors.INVALID_REQUEST,
                    "The Mcp-Session-Id header is required on every request after initialize.");
        } else if (d.contains("invalid message format") || d.contains("deserialize")) {
            JsonRpcErrors.write(response, 400, JsonRpcErrors.PARSE_ERROR,
                    "The body is not a valid JSON-RPC message.");
        } else {
            JsonRpcErrors.write(response, 400, JsonRpcErrors.INVALID_REQUEST, "Bad request.");
        }
    }

    /** The SDK's own message, for choosing our sentence and for the log; never sent on. */
    private String detail() {
        if (errorMessage != null) {
            return errorMessage;
        }
        String body = held.toString(StandardCharsets.UTF_8);
        try {
            JsonNode node = MAPPER.readTree(body);
            if (node != null) {
                JsonNode message = node.path("jsonRpcError").path("message");
                if (message.isMissingNode()) {
                    message = node.path("error").path("message");
                }
                if (message.isMissingNode()) {
                    message = node.path("message");
                }
                if (message.isTextual()) {
                    return message.asText();
                }
            }
        } catch (IOException e) {
            // Not JSON: the raw text is the detail.
        }
        return body.length() > 2000 ? body.substring(0, 2000) : body;
    }
}
