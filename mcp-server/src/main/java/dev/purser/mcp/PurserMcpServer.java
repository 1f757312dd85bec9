package dev.purser.mcp;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.purser.commands.CommandDispatcher;
import dev.purser.commands.Principal;
import dev.purser.commands.render.JsonRenderer;
import dev.purser.commands.render.MarkdownRenderer;
import dev.purser.mcp.auth.McpPrincipals;
import dev.purser.mcp.auth.TokenAuthenticator;
import dev.purser.mcp.tools.KeptOutputValidator;
import dev.purser.mcp.tools.McpReplyMapper;
import dev.purser.mcp.tools.McpToolFactory;
import dev.purser.mcp.transport.EndOfInputSignal;
import dev.purser.mcp.transport.HealthServlet;
import dev.purser.mcp.transport.HostOriginPolicy;
import dev.purser.mcp.transport.FastToolCallFilter;
import dev.purser.mcp.transport.McpHttpGuardFilter;
import dev.purser.mcp.transport.QuietJetty;
import dev.purser.mcp.transport.SerializedSendTransportProvider;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.json.schema.JsonSchemaValidator;
import io.modelcontextprotocol.json.schema.jackson2.DefaultJsonSchemaValidator;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.McpTransportContextExtractor;
import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import io.modelcontextprotocol.server.transport.StdioServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds MCP servers over one command dispatcher: the tools are generated once from the command
 * registry and shared by every server started here.
 *
 * <p>Listing per principal: the SDK keeps one static tool set, but consults list filters with
 * each request's transport context. The HTTP guard filter authenticates the token and puts the
 * principal on the request; the transport's context extractor carries it into that context; the
 * tool list filter then shows only the commands the principal's roles allow. Calls are checked
 * again in the handler (the SDK does not filter calls), so a hidden tool is also refused. Stdio
 * has a single principal, fixed when the server starts.
 */
public final class PurserMcpServer {

    /** The path of the streamable HTTP endpoint. */
    public static final String MCP_PATH = "/mcp";
    public static final String HEALTH_PATH = "/health";
    public static final String NAME = "purser";

    private static final Logger LOG = LoggerFactory.getLogger(PurserMcpServer.class);
    /** Set to {@code false} to send every HTTP request through the SDK ({@link #fastToolCalls}). */
    public static final String FAST_PATH_PROPERTY = "purser.mcp.fastToolCalls";

    private static final int MAX_REQUEST_BYTES = 1 << 20;
    // the SDK's default, stated so that the fast path's input check follows the server's
    private static final boolean VALIDATE_INPUTS = true;
    private static final String INSTRUCTIONS = """
            Purser answers questions about a team's cloud bill (costs, trends, anomalies, budgets, \
            right-sizing, waste, savings) and proposes staged changes. Amounts are exact decimals \
            with a currency; do not round them when quoting. Read-only tools change nothing. \
            Tools that write say so in their annotations. Approving a plan is for humans: an \
            assistant may propose, but should ask a person to approve in chat. Each result is \
            Markdown text plus the same reply as structured JSON; set include_charts only when \
            the user wants to see a chart.""";

    private final CommandDispatcher dispatcher;
    private final McpJsonMapper jsonMapper;
    private final ObjectMapper objectMapper;
    private final McpReplyMapper replies;
    private final Map<String, Object> outputSchema;
    private final String version;
    private boolean fastToolCalls = !"false".equalsIgnoreCase(System.getProperty(FAST_PATH_PROPERTY, "true"));

    public PurserMcpServer(CommandDispatcher dispatcher) {
        this.dispatcher = Objects.requireNonNull(dispatcher, "dispatcher");
        // Untyped numbers (tool arguments) stay exact decimals instead of becoming doubles.
        ObjectMapper mapper = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
        this.jsonMapper = new JacksonMcpJsonMapper(mapper);
        this.objectMapper = mapper;
        this.replies = new McpReplyMapper(new MarkdownRenderer(), new JsonRenderer(), mapper);
        try {
            this.outputSchema = mapper.readValue(JsonRenderer.outputSchema(), new TypeReference<Map<String, Object>>() {
            });
        } catch (IOException e) {
            throw new UncheckedIOException("JsonRenderer.outputSchema() is not JSON", e);
        }
        String implementationVersion = PurserMcpServer.class.getPackage().getImplementationVersion();
        this.version = implementationVersion == null ? "dev" : implementationVersion;
    }

    /** Serves over the process's stdin and stdout; see {@link #startStdio(Principal, InputStream, OutputStream)}. */
    public McpStdioServer startStdio(Principal principal) {
        return startStdio(principal, System.in, System.out);
    }

    /**
     * Serves one client over a pair of streams, every call as {@code principal}. Nothing but MCP
     * messages may be written to {@code out}: logging must go to stderr.
     */
    public McpStdioServer startStdio(Principal principal, InputStream in, OutputStream out) {
        Objects.requireNonNull(principal, "principal");
        EndOfInputSignal input = new EndOfInputSignal(in);
        SerializedSendTransportProvider transport = new SerializedSendTransportProvider(
                new StdioServerTransportProvider(jsonMapper, input, out));
        McpToolFactory tools = new McpToolFactory(dispatcher, replies, outputSchema, context -> Optional.of(principal));
        McpSyncServer server = configure(McpServer.sync(transport), tools, validator()).build();
        LOG.info("MCP stdio server started for {} with roles {}", principal.id(), principal.roles());
        return new McpStdioServer(server, input);
    }

    /**
     * Starts an embedded Jetty serving {@value #MCP_PATH} and {@value #HEALTH_PATH}.
     *
     * @param port 0 picks a free port; {@link McpHttpServer#port()} tells which
     * @throws IllegalStateException when the server cannot start (port taken, bad address)
     */
    public McpHttpServer startHttp(int port, McpHttpSettings settings) {
        Server jetty = new Server();
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        ServerConnector connector = new ServerConnector(jetty, new HttpConnectionFactory(http));
        connector.setHost(settings.bindAddress());
        connector.setPort(port);
        jetty.addConnector(connector);

        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/");
        McpHttpEndpoint endpoint = mount(context, settings);
        ServletHolder health = new ServletHolder(new HealthServlet());
        context.addServlet(health, HEALTH_PATH);
        try {
            QuietJetty.start(jetty, context);
        } catch (Exception e) {
            throw new IllegalStateException("MCP HTTP server could not start on " + settings.bindAddress() + ":" + port, e);
        }
        McpHttpServer handle = new McpHttpServer(jetty, connector.getLocalPort(), endpoint);
        LOG.info("MCP HTTP server listening on {}:{}{} ({} token(s) configured)", settings.bindAddress(),
                handle.port(), MCP_PATH, settings.tokens().size());
        return handle;
    }

    /**
     * Mounts {@value #MCP_PATH} (the guard filter in front of the SDK's servlet) on a context the
     * caller runs, so one Jetty can also serve Slack, metrics and health.
     */
    public McpHttpEndpoint mount(ServletContextHandler context, McpHttpSettings settings) {
        TokenAuthenticator authenticator = new TokenAuthenticator(settings.tokens());
        if (authenticator.isEmpty()) {
            LOG.warn("no MCP tokens configured ({}): every HTTP request will be refused", McpSettings.TOKENS);
        }
        settings.tokens().stream().filter(t -> t.roles().contains(dev.purser.commands.Role.APPROVER)
                && !t.allowApprove()).forEach(t -> LOG.warn(
                        "MCP token {} lists the approver role without allow-approve; it will not approve", t.name()));
        McpTransportContextExtractor<HttpServletRequest> contexts =
                request -> McpPrincipals.context(request.getAttribute(McpPrincipals.KEY));
        HttpServletStreamableServerTransportProvider transport = HttpServletStreamableServerTransportProvider.builder()
                .jsonMapper(jsonMapper)
                .mcpEndpoint(MCP_PATH)
                .contextExtractor(contexts)
                .maxRequestSize(MAX_REQUEST_BYTES)
                .keepAliveInterval(Duration.ofSeconds(30))
                .build();
        // The servlet thread waits for the answer anyway, so the tool runs on it rather than being
        // handed to Reactor's bounded-elastic pool and back (one thread switch less per call).
        McpToolFactory tools = new McpToolFactory(dispatcher, replies, outputSchema, McpPrincipals::from);
        JsonSchemaValidator validator = validator();
        McpSyncServer server = configure(McpServer.sync(transport), tools, validator).immediateExecution(true)
                .build();

        ServletHolder servlet = new ServletHolder(transport);
        servlet.setAsyncSupported(true);
        context.addServlet(servlet, MCP_PATH);
        FilterHolder guard = new FilterHolder(new McpHttpGuardFilter(
                new HostOriginPolicy(settings.allowedHosts(), settings.allowedOrigins()), authenticator,
                transport.protocolVersions()));
        guard.setAsyncSupported(true);
        context.addFilter(guard, MCP_PATH, EnumSet.of(DispatcherType.REQUEST));
        Optional<FastToolCallFilter> fast = fastToolCalls
                ? FastToolCallFilter.over(transport, tools.readOnlyTools(), jsonMapper, validator, VALIDATE_INPUTS,
                        contexts)
                : Optional.empty();
        fast.ifPresent(f -> {
            // behind the guard: the token is verified and the principal set before it looks at a call
            FilterHolder holder = new FilterHolder(f);
            holder.setAsyncSupported(true);
            context.addFilter(holder, MCP_PATH, EnumSet.of(DispatcherType.REQUEST));
        });
        return new McpHttpEndpoint(server, fast.orElse(null));
    }

    /**
     * Whether the streamable HTTP endpoint answers repeated read-only tool calls itself
     * ({@link FastToolCallFilter}); on unless the system property {@value #FAST_PATH_PROPERTY} is
     * {@code false}. Call before {@link #mount} or {@link #startHttp}.
     */
    public PurserMcpServer fastToolCalls(boolean enabled) {
        this.fastToolCalls = enabled;
        return this;
    }

    // every result's document is checked against the output schema; a kept rendering once
    private JsonSchemaValidator validator() {
        return new KeptOutputValidator(new DefaultJsonSchemaValidator(objectMapper));
    }

    private <S extends McpServer.SyncSpecification<S>> S configure(S spec, McpToolFactory tools,
            JsonSchemaValidator validator) {
        spec.serverInfo(NAME, version)
                .instructions(INSTRUCTIONS)
                .capabilities(McpSchema.ServerCapabilities.builder().tools(false).build())
                .tools(tools.specifications())
                .addToolFilter(tools.listFilter())
                .validateToolInputs(VALIDATE_INPUTS)
                .jsonSchemaValidator(validator);
        return spec;
    }
}
