package dev.purser.bot.serve;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.function.BooleanSupplier;

/**
 * {@code GET /ready}: 200 when the database answers and every face that was configured has
 * started, 503 otherwise, so a load balancer sends no traffic to an instance that would fail it.
 * Liveness is {@code /health}, which does not look at the database: a database outage should
 * take instances out of rotation, not get them restarted.
 */
final class ReadyServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private final transient BooleanSupplier database;
    private final transient BooleanSupplier faces;

    ReadyServlet(BooleanSupplier database, BooleanSupplier faces) {
        this.database = database;
        this.faces = faces;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        boolean started = faces.getAsBoolean();
        boolean db = started && database.getAsBoolean();
        String body = "{\"status\":\"" + (db ? "READY" : "NOT_READY") + "\",\"faces\":\"" + (started ? "started" : "starting")
                + "\",\"database\":\"" + (db ? "up" : started ? "down" : "unknown") + "\"}";
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        response.setStatus(db ? 200 : 503);
        response.setContentType("application/json");
        response.setHeader("Cache-Control", "no-store");
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }
}
