package dev.purser.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.purser.core.ingest.FocusFixtures;
import dev.purser.core.testing.HostileFiles;
import dev.purser.core.testing.TestDatabase;
import io.modelcontextprotocol.client.McpAsyncClient;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.spec.McpSchema;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 10 part 2 through the MCP {@code import} tool: a child JVM serving the real import
 * command over stdio with a 64 MiB heap is handed hostile files (generated here, on the fly)
 * and answers each with an error result naming {@code file:line: what was wrong}, then still
 * imports a real bill: it neither ran out of memory nor stopped serving. Its peak resident set
 * ({@code VmHWM}) is read from {@code /proc} at the end and printed.
 */
class McpHostileImportTest {

    static final Duration TIMEOUT = Duration.ofSeconds(120);
    static final long TWO_GIB = 2L << 30;

    @TempDir
    static Path root;
    static McpAsyncClient client;

    @BeforeAll
    static void start() {
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx64m", "-XX:+ExitOnOutOfMemoryError", "-XX:TieredStopAtLevel=1",
                "-Dlogback.statusListenerClass=ch.qos.logback.core.status.NopStatusListener",
                "-cp", System.getProperty("java.class.path"), HostileImportServer.class.getName(),
                root.toString(), TestDatabase.freshJdbcUrl());
        ServerParameters parameters = ServerParameters.builder(command.get(0))
                .args(command.subList(1, command.size())).build();
        client = McpClient.async(new StdioClientTransport(parameters, McpJsonDefaults.getMapper()))
                .requestTimeout(TIMEOUT).initializationTimeout(Duration.ofSeconds(90)).build();
        client.initialize().block(Duration.ofSeconds(90));
    }

    @AfterAll
    static void stop() throws Exception {
        // the server's peak resident set (VmHWM) after every test's imports, read before it exits
        Optional<ProcessHandle> server = ProcessHandle.current().descendants()
                .filter(p -> commandLine(p).contains(HostileImportServer.class.getName()))
                .findFirst();
        Optional<String> peak = server.map(p -> Path.of("/proc", Long.toString(p.pid()), "status"))
                .filter(Files::isReadable)
                .flatMap(status -> {
                    try {
                        return Files.readAllLines(status).stream().filter(l -> l.startsWith("VmHWM:")).findFirst();
                    } catch (java.io.IOException e) {
                        return Optional.empty();
                    }
                });
        assertThat(server).as("the MCP server process is still alive after every hostile import").isPresent();
        peak.ifPresent(p -> System.out.println("MCP import server (-Xmx64m) after all hostile imports: "
                + p.replaceAll("\\s+", " ")));
        client.closeGracefully().block(TIMEOUT);
    }

    private static String commandLine(ProcessHandle p) {
        try {
            return new String(Files.readAllBytes(Path.of("/proc", Long.toString(p.pid()), "cmdline")),
                    StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            return p.info().commandLine().orElse("");
        }
    }

    private static McpSchema.CallToolResult importFile(String kind, Path file) {
        return client.callTool(McpSchema.CallToolRequest.builder("import")
                .arguments(Map.of("kind", kind, "file", List.of(file.toString()))).build()).block(TIMEOUT);
    }

    private static String text(McpSchema.CallToolResult result) {
        return McpToolContract.text(result);
    }

    @Test
    void import_gzipOfTwoGibZeros_errorResultNamingFileAndLine() {
        Path bomb = HostileFiles.gzipOfZeros(root.resolve("zeros.csv.gz"), TWO_GIB);

        McpSchema.CallToolResult result = importFile("focus", bomb);

        assertThat(result.isError()).isTrue();
        assertThat(text(result)).contains("zeros.csv.gz:1: binary data (a NUL character)")
                .doesNotContain("OutOfMemory");
        assertThat(importFile("focus", FocusFixtures.resource("demo-small.csv", root)).isError())
                .as("the server still answers, and imports a real bill").isFalse();
    }

    @Test
    void import_gzipOfValidRowsExpandingTwoGib_errorResultAsBomb() {
        String header = String.join(",", FocusFixtures.DEMO_HEADERS) + "\n";
        String row = FocusFixtures.demo().row().text().lines().skip(1).findFirst().orElseThrow() + "\n";
        Path bomb = HostileFiles.gzip(root.resolve("rows.csv.gz"), header.getBytes(StandardCharsets.UTF_8),
                row.getBytes(StandardCharsets.UTF_8), TWO_GIB);

        McpSchema.CallToolResult result = importFile("focus", bomb);

        assertThat(result.isError()).isTrue();
        assertThat(text(result)).containsPattern("rows\\.csv\\.gz:\\d+: the gzip data expands more than 200 times");
    }

    @Test
    void import_serviceNameOfFiveMillionCharacters_errorResultNamingLineAndColumn() {
        Path file = HostileFiles.focusWithHugeCell(root.resolve("huge.csv"), "ServiceName", 5_000_000);

        McpSchema.CallToolResult result = importFile("focus", file);

        assertThat(result.isError()).isTrue();
        assertThat(text(result)).contains("huge.csv:3: ServiceName: a field is longer than 65,536 characters");
    }

    @Test
    void import_lineWithoutEnd_errorResultNamingTheLine() {
        Path file = HostileFiles.focusWithEndlessLine(root.resolve("endless.csv"), 50_000_000);

        McpSchema.CallToolResult result = importFile("focus", file);

        assertThat(result.isError()).isTrue();
        assertThat(text(result)).contains("endless.csv:2: the record is longer than 1,048,576 characters");
    }

    @Test
    void import_curAndDoInvoiceBombs_errorResults() {
        Path cur = HostileFiles.gzipOfZeros(root.resolve("cur.csv.gz"), TWO_GIB);
        Path invoice = HostileFiles.gzipOfZeros(root.resolve("DigitalOcean Invoice 2026 Oct (6173678-1).csv.gz"),
                TWO_GIB);

        McpSchema.CallToolResult curResult = importFile("cur", cur);
        McpSchema.CallToolResult invoiceResult = importFile("do-invoice", invoice);

        assertThat(curResult.isError()).isTrue();
        assertThat(text(curResult)).contains("cur.csv.gz:1: binary data");
        assertThat(invoiceResult.isError()).isTrue();
        assertThat(text(invoiceResult)).contains("(6173678-1).csv.gz:1: binary data");
    }
}
