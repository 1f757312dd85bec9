package dev.purser.mcp.tools;

import dev.purser.commands.CommandContext;
import dev.purser.commands.CommandDispatcher;
import dev.purser.commands.CommandSpec;
import dev.purser.commands.Effect;
import dev.purser.commands.Principal;
import dev.purser.commands.Role;
import dev.purser.commands.reply.Reply;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.server.McpSyncListFilter;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns every registered command into an MCP tool: one generic handler, no per-command code.
 *
 * <p>Who is calling: the transport puts the principal in the request's transport context (HTTP,
 * from the bearer token) or the server has one fixed principal (stdio); {@code principals}
 * resolves it. A call without a principal, or by a principal without the command's role, is
 * refused before the dispatcher runs anything.
 */
public final class McpToolFactory {

    /** The face name handlers see in their {@link dev.purser.commands.CommandContext}. */
    public static final String FACE = "mcp";

    private static final Logger LOG = LoggerFactory.getLogger(McpToolFactory.class);

    private final CommandDispatcher dispatcher;
    private final McpReplyMapper replies;
    private final Map<String, Object> outputSchema;
    private final Function<McpTransportContext, Optional<Principal>> principals;
    // one definition per command, shared by the SDK's specification and the fast path's input check
    private final Map<String, McpSchema.Tool> definitions = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * @param outputSchema the JSON Schema of the structured result, shared by every tool
     * @param principals   who a request acts for, from its transport context
     */
    public McpToolFactory(CommandDispatcher dispatcher, McpReplyMapper replies, Map<String, Object> outputSchema,
            Function<McpTransportContext, Optional<Principal>> principals) {
        this.dispatcher = Objects.requireNonNull(dispatcher, "dispatcher");
        this.replies = Objects.requireNonNull(replies, "replies");
        this.outputSchema = Map.copyOf(outputSchema);
        this.principals = Objects.requireNonNull(principals, "principals");
    }

    /** One specification per registered command, in registration order. */
    public List<SyncToolSpecification> specifications() {
        return dispatcher.registry().all().stream().map(this::specification).toList();
    }

    public SyncToolSpecification specification(CommandSpec command) {
        return SyncToolSpecification.builder()
                .tool(definition(command))
                .callHandler((exchange, request) -> call(command, exchange.transportContext(), request))
                .build();
    }

    private McpSchema.Tool definition(CommandSpec command) {
        return definitions.computeIfAbsent(command.name(), n -> tool(command));
    }

    /** The tool definition: name, title, description, schemas and truthful annotations. */
    public McpSchema.Tool tool(CommandSpec command) {
        return McpSchema.Tool.builder(command.name(), InputSchemas.of(command))
                .title(command.title())
                .description(description(command))
                .outputSchema(outputSchema)
                .annotations(annotations(command))
                .build();
    }

    /** Lists a tool only to principals whose roles allow its command, as chat's help does. */
    public McpSyncListFilter<McpSchema.Tool> listFilter() {
        return (context, tool) -> {
            Optional<CommandSpec> command = dispatcher.registry().find(tool.name());
            Optional<Principal> principal = principals.apply(context);
            return command.isPresent() && principal.isPresent() && principal.get().has(command.get().requiredRole());
        };
    }

    static McpSchema.ToolAnnotations annotations(CommandSpec command) {
        Effect effect = command.effect();
        McpSchema.ToolAnnotations.Builder annotations = McpSchema.ToolAnnotations.builder()
                .title(command.title())
                .readOnlyHint(effect.readOnly())
                // Commands reach only Purser's database and the cloud accounts it was configured
                // with, never an open-ended set of outside systems.
                .openWorldHint(false);
        if (!effect.readOnly()) {
            // The hints are meaningful only for tools that write (MCP 2025-11-25, ToolAnnotations).
            annotations.destructiveHint(effect.destructive()).idempotentHint(effect.idempotent());
        }
        return annotations.build();
    }

    private static String description(CommandSpec command) {
        StringBuilder text = new StringBuilder(command.description().strip());
        text.append("\n\n");
        Effect effect = command.effect();
        if (effect.readOnly()) {
            text.append("Read-only: changes nothing.");
        } else {
            text.append("Changes Purser's state");
            text.append(effect.destructive() ? ", replacing what it wrote before" : ", adding a new record");
            text.append(effect.idempotent() ? "; repeating it with the same arguments has no further effect."
                    : "; each call adds another.");
        }
        text.append(" Needs the ").append(command.requiredRole().name().toLowerCase(Locale.ROOT)).append(" role.");
        text.append(" The result is Markdown text plus the same reply as structured JSON.");
        return text.toString();
    }

    /**
     * The read-only tools, by name, each with the same handler the SDK calls: what the HTTP fast
     * path for repeated reads ({@code dev.purser.mcp.transport.FastToolCallFilter}) may answer
     * itself. Tools that write are left to the SDK.
     */
    public Map<String, ReadOnlyTool> readOnlyTools() {
        Map<String, ReadOnlyTool> tools = new LinkedHashMap<>();
        for (CommandSpec command : dispatcher.registry().all()) {
            if (command.effect().readOnly()) {
                tools.put(command.name(), new ReadOnlyTool(definition(command),
                        (context, request) -> call(command, context, request)));
            }
        }
        return Map.copyOf(tools);
    }

    /**
     * A read-only tool's definition (its input and output schemas) and its handler.
     *
     * @param handler the call, given the request's transport context (who is calling)
     */
    public record ReadOnlyTool(McpSchema.Tool tool,
            java.util.function.BiFunction<McpTransportContext, McpSchema.CallToolRequest, McpSchema.CallToolResult> handler) {
    }

    private McpSchema.CallToolResult call(CommandSpec command, McpTransportContext context,
            McpSchema.CallToolRequest request) {
        Optional<Principal> principal = principals.apply(context);
        if (principal.isEmpty()) {
            return replies.failure("This request is not authenticated; send a valid bearer token.", null);
        }
        Role needed = command.requiredRole();
        if (!principal.get().has(needed)) {
            return replies.failure("Tool " + command.name() + " needs the " + needed.name().toLowerCase(Locale.ROOT)
                    + " role, which " + principal.get().displayName() + " does not have.", null);
        }
        Map<String, Object> arguments = new LinkedHashMap<>();
        if (request.arguments() != null) {
            arguments.putAll(request.arguments());
        }
        boolean includeCharts = Boolean.TRUE.equals(arguments.remove(InputSchemas.INCLUDE_CHARTS));
        // one id per call: the reply carries it, and a failure below is logged under it
        String requestId = UUID.randomUUID().toString().substring(0, 8);
        try {
            Reply reply = dispatcher.runNamed(new CommandContext(principal.get(), FACE).withRequestId(requestId),
                    command.name(), arguments);
            return replies.map(reply, includeCharts);
        } catch (RuntimeException e) {
            // The dispatcher promises to turn failures into replies; if one still escapes (or a
            // renderer fails), the model gets a sentence and a reference, the log the detail.
            LOG.error("MCP tool {} failed for {} (reference {})", command.name(), principal.get().id(), requestId, e);
            return replies.failure("Purser failed while running " + command.name()
                    + "; the error is logged. Try again, or report the reference.", requestId);
        }
    }
}
