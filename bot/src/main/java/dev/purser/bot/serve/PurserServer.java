package dev.purser.bot.serve;

import com.slack.api.bolt.jakarta_servlet.SlackAppServlet;
import dev.purser.bot.chat.LiveMessages;
import dev.purser.bot.metrics.PurserMetrics;
import dev.purser.bot.slack.SlackFace;
import dev.purser.bot.slack.SlackIdentities;
import dev.purser.bot.slack.SlackRequestFilter;
import dev.purser.bot.slack.SlackSettings;
import dev.purser.commands.CommandDispatcher;
import dev.purser.mcp.McpHttpEndpoint;
import dev.purser.mcp.McpSettings;
import dev.purser.mcp.PurserMcpServer;
import dev.purser.mcp.transport.HealthServlet;
import dev.purser.mcp.transport.QuietJetty;
import io.prometheus.metrics.exporter.servlet.jakarta.PrometheusMetricsServlet;
import jakarta.servlet.DispatcherType;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.StatisticsHandler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code purser serve}: every network face on one Jetty and one port.
 *
 * <ul>
 * <li>{@code /slack/events}: slash commands, buttons and events, Bolt in HTTP mode; Socket Mode
 *     as well when the app token is set</li>
 * <li>{@code /mcp}: the streamable MCP face behind its token, Host/Origin and protocol-version guard</li>
 * <li>{@code /metrics}: Purser's own metrics for Prometheus</li>
 * <li>{@code /health}: liveness; {@code /ready}: the database answers and the faces started</li>
 * </ul>
 *
 * <p>A face whose credentials are missing is left out with one log line saying which variable
 * to set; the server still starts with the others. Stopping: the listener closes first, requests
 * already in Jetty get up to the drain bound to finish, then Slack's workers get the same bound
 * to answer the commands they hold.
 */
public final class PurserServer implements AutoCloseable {

    public static final String SLACK_PATH = "/slack/events";
    public static final String METRICS_PATH = "/metrics";
    public static final String READY_PATH = "/ready";

    private static final Logger LOG = LoggerFactory.getLogger(PurserServer.class);

    /**
     * What the server serves.
     *
     * @param bind     the listen address
     * @param port     0 picks a free port
     * @param drain    how long stopping waits for in-flight requests and commands
     * @param database whether the database answers, for {@code /ready}
     * @param live     where live answers are recorded and updated from; null for none
     */
    public record Options(String bind, int port, Duration drain, CommandDispatcher dispatcher, PurserMetrics metrics,
            McpSettings mcp, SlackSettings slack, SlackIdentities identities, BooleanSupplier database, Clock clock,
            LiveMessages live) {

        /** Without live answers. */
        public Options(String bind, int port, Duration drain, CommandDispatcher dispatcher, PurserMetrics metrics,
                McpSettings mcp, SlackSettings slack, SlackIdentities identities, BooleanSupplier database,
                Clock clock) {
            this(bind, port, drain, dispatcher, metrics, mcp, slack, identities, database, clock, null);
        }

        public Options {
            Objects.requireNonNull(bind, "bind");
            Objects.requireNonNull(drain, "drain");
            Objects.requireNonNull(dispatcher, "dispatcher");
            Objects.requireNonNull(metrics, "metrics");
            Objects.requireNonNull(mcp, "mcp");
            Objects.requireNonNull(slack, "slack");
            Objects.requireNonNull(identities, "identities");
            Objects.requireNonNull(database, "database");
            Objects.requireNonNull(clock, "clock");
        }
    }

    private final Server jetty;
    private final int port;
    private final List<String> faces;
    private final McpHttpEndpoint mcp;
    private final SlackFace slack;
    private final AtomicBoolean ready;
    private final AtomicBoolean closed = new AtomicBoolean();

    private PurserServer(Server jetty, int port, List<String> faces, McpHttpEndpoint mcp, SlackFace slack,
            AtomicBoolean ready) {
        this.jetty = jetty;
        this.port = port;
        this.faces = List.copyOf(faces);
        this.mcp = mcp;
        this.slack = slack;
        this.ready = ready;
    }

    /**
     * Starts every face whose credentials are present, then listens.
     *
     * @throws IllegalStateException when the port cannot be bound
     */
    public static PurserServer start(Options o) {
        List<String> faces = new ArrayList<>();
        QueuedThreadPool threads = new QueuedThreadPool(64, 4);
        threads.setName("purser-http");
        Server jetty = new Server(threads);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        ServerConnector connector = new ServerConnector(jetty, new HttpConnectionFactory(http));
        connector.setHost(o.bind());
        connector.setPort(o.port());
        jetty.addConnector(connector);
        jetty.setStopTimeout(o.drain().toMillis());

        AtomicBoolean ready = new AtomicBoolean();
        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/");
        context.addServlet(new ServletHolder(new HealthServlet()), PurserMcpServer.HEALTH_PATH);
        context.addServlet(new ServletHolder(new ReadyServlet(o.database(), ready::get)), READY_PATH);
        context.addServlet(new ServletHolder(new PrometheusMetricsServlet(o.metrics().registry())), METRICS_PATH);

        McpHttpEndpoint mcp = null;
        if (o.mcp().http().tokens().isEmpty()) {
            skipped(faces, "MCP", "no MCP token is set (mcp.tokens with their token_env variables, or "
                    + McpSettings.TOKENS + ")");
        } else {
            mcp = new PurserMcpServer(o.dispatcher()).mount(context, o.mcp().http());
            faces.add("MCP on " + PurserMcpServer.MCP_PATH + " (" + o.mcp().http().tokens().size() + " token(s))");
        }

        SlackFace slack = null;
        if (o.slack().missing().isPresent()) {
            skipped(faces, "Slack", o.slack().missing().get());
        } else {
            try {
                slack = SlackFace.start(o.slack(), o.dispatcher(), o.identities(), o.metrics(), o.clock(), o.live());
                if (o.slack().httpMode()) {
                    ServletHolder servlet = new ServletHolder(new SlackAppServlet(slack.app()));
                    context.addServlet(servlet, SLACK_PATH);
                    context.addFilter(new FilterHolder(new SlackRequestFilter(o.metrics(), o.clock())), SLACK_PATH,
                            EnumSet.of(DispatcherType.REQUEST));
                }
                faces.add("Slack" + (o.slack().httpMode() ? " on " + SLACK_PATH : "")
                        + (o.slack().socketMode() ? " and Socket Mode" : "") + " (Web API " + o.slack().apiBaseUrl() + ")");
            } catch (IllegalStateException e) {
                skipped(faces, "Slack", e.getMessage());
            }
        }

        StatisticsHandler statistics = new StatisticsHandler(context);
        try {
            QuietJetty.start(jetty, statistics);
        } catch (Exception e) {
            if (slack != null) {
                slack.close();
            }
            throw new IllegalStateException("purser serve could not listen on " + o.bind() + ":" + o.port()
                    + ": " + e.getMessage(), e);
        }
        PurserServer server = new PurserServer(jetty, connector.getLocalPort(), faces, mcp, slack, ready);
        ready.set(true);
        LOG.info("purser serve listening on {}:{}", o.bind(), server.port());
        return server;
    }

    private static void skipped(List<String> faces, String face, String why) {
        String line = face + " skipped: " + why;
        LOG.warn(line);
        faces.add(line);
    }

    public int port() {
        return port;
    }

    public URI baseUri() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /** One line per face: where it serves, or why it was skipped. */
    public List<String> faces() {
        return faces;
    }

    /** Blocks until the server has stopped. */
    public void join() throws InterruptedException {
        jetty.join();
    }

    /**
     * Graceful stop; idempotent. Not ready at once (so balancers stop sending), the listener
     * closes, in-flight requests and running commands get the drain bound each.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        ready.set(false);
        try {
            jetty.stop();
        } catch (Exception e) {
            LOG.warn("HTTP server did not stop cleanly", e);
        }
        if (slack != null) {
            slack.close();
        }
        if (mcp != null) {
            mcp.close();
        }
        LOG.info("purser serve stopped");
    }
}
