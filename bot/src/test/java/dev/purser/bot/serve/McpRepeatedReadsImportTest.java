package dev.purser.bot.serve;

import static org.assertj.core.api.Assertions.assertThat;

import dev.purser.commands.Principal;
import dev.purser.commands.Role;
import dev.purser.commands.reply.Reply;
import dev.purser.core.testing.TestDatabase;
import dev.purser.mcp.McpHttpServer;
import dev.purser.mcp.McpHttpSettings;
import dev.purser.mcp.PurserMcpServer;
import dev.purser.mcp.auth.TokenGrant;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Repeated MCP reads over streamable HTTP, answered by the fast path for repeated read-only calls,
 * over the real store: an import makes the next call read the new data, a refused import changes
 * nothing and the call is still answered from what was kept, and the fast path did answer them.
 */
class McpRepeatedReadsImportTest {

    private static final String TOKEN = "repeated-reads-token-0123456789";
    private static final String HEADER = "BillingAccountId,BillingAccountName,BillingPeriodStart,BillingPeriodEnd,"
            + "ChargePeriodStart,ChargePeriodEnd,ChargeCategory,BilledCost,EffectiveCost,BillingCurrency,"
            + "ProviderName,ServiceName,ResourceId\n";
    private static final Map<String, Object> OCTOBER = Map.of("period", "2026-10-01..2026-10-31",
            "account", "mandible");

    @TempDir
    Path imports;
    private PurserRuntime runtime;
    private McpHttpServer server;
    private McpSyncClient client;
    private final Principal shell = Principal.localShell("tester");

    @BeforeEach
    void open() {
        PurserSettings settings = PurserSettings.fromEnvironment(Map.of(
                "PURSER_DATABASE_URL", TestDatabase.freshJdbcUrl(),
                "PURSER_DATABASE_USER", "postgres",
                "PURSER_IMPORT_DIRS", imports.toString()), imports);
        runtime = new PurserRuntime(settings, Clock.systemUTC());
        server = new PurserMcpServer(runtime.dispatcher()).startHttp(0, McpHttpSettings.loopback(List.of(
                new TokenGrant("assistant", TOKEN, EnumSet.of(Role.VIEWER), false))));
        HttpClientStreamableHttpTransport transport = HttpClientStreamableHttpTransport
                .builder("http://localhost:" + server.port()).endpoint("/mcp")
                .addHttpRequestCustomizer((request, method, uri, body, context) ->
                        request.header("Authorization", "Bearer " + TOKEN))
                .build();
        client = McpClient.sync(transport).requestTimeout(Duration.ofSeconds(30))
                .initializationTimeout(Duration.ofSeconds(30)).build();
        client.initialize();
    }

    @AfterEach
    void close() {
        client.closeGracefully();
        server.close();
        runtime.close();
    }

    private Path bill(String name, int day, String amount) throws Exception {
        String start = String.format("2026-10-%02dT00:00:00Z", day);
        String end = String.format("2026-10-%02dT00:00:00Z", day + 1);
        return Files.writeString(imports.resolve(name), HEADER
                + "team-7f3a,mandible,2026-10-01T00:00:00Z,2026-11-01T00:00:00Z," + start + "," + end
                + ",Usage," + amount + "," + amount + ",USD,DigitalOcean,Droplets,droplet-1\n");
    }

    private void importAsShell(Path file, boolean succeeds) {
        Reply reply = runtime.dispatcher().run(shell, "cli", "import focus " + file);
        assertThat(reply.isError()).as(reply.summary()).isEqualTo(!succeeds);
    }

    /** The cost tool's summary for October, asked over MCP HTTP. */
    private String askOctober() {
        McpSchema.CallToolResult result = client.callTool(McpSchema.CallToolRequest.builder("cost")
                .arguments(OCTOBER).build());
        assertThat(result.isError()).as(String.valueOf(result.content())).isFalse();
        @SuppressWarnings("unchecked")
        Map<String, Object> document = (Map<String, Object>) result.structuredContent();
        assertThat(document.get("request_id")).isNotNull();
        return (String) document.get("summary");
    }

    @Test
    void importMovesTheAnswer_refusedImportKeepsIt_andTheFastPathAnswered() throws Exception {
        importAsShell(bill("october-2.csv", 2, "12.50"), true);
        long before = server.fastAnswers();
        String first = askOctober();
        assertThat(first).startsWith("$12.50 in 2026-10-01..2026-10-31");
        long generation = runtime.engine().dataGeneration().orElseThrow().getAsLong();

        // Remove the rows behind Purser's back, with its triggers off: only a kept answer can
        // still show them.
        try (Connection c = runtime.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("SET session_replication_role = replica");
            s.execute("DELETE FROM cost_daily");
            s.execute("DELETE FROM cost_line_item");
            s.execute("SET session_replication_role = origin");
        }
        assertThat(askOctober()).isEqualTo(first);

        Path broken = Files.writeString(imports.resolve("broken.csv"), HEADER + "team-7f3a,mandible,not-a-date\n");
        importAsShell(broken, false);
        assertThat(runtime.engine().dataGeneration().orElseThrow().getAsLong()).isEqualTo(generation);
        assertThat(askOctober()).isEqualTo(first);

        importAsShell(bill("october-9.csv", 9, "3.00"), true);
        assertThat(runtime.engine().dataGeneration().orElseThrow().getAsLong()).isGreaterThan(generation);
        assertThat(askOctober()).startsWith("$3.00 in 2026-10-01..2026-10-31");
        assertThat(askOctober()).startsWith("$3.00 in 2026-10-01..2026-10-31");
        assertThat(server.fastAnswers() - before).as("every call went through the fast path").isEqualTo(5);
    }
}
