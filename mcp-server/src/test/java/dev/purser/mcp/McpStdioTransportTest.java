package dev.purser.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpAsyncClient;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.McpJsonDefaults;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The contract over stdio: a child JVM running {@link StdioTestServer}, as an assistant would. */
class McpStdioTransportTest extends McpToolContract {

    @TempDir
    static Path root;
    static McpAsyncClient client;

    static List<String> command(String roles) {
        // stdout is the protocol channel: logback must not print its status there (it does when a
        // reactor build puts more than one logback-test.xml on the class path)
        return List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dlogback.statusListenerClass=ch.qos.logback.core.status.NopStatusListener",
                "-cp", System.getProperty("java.class.path"), StdioTestServer.class.getName(), root.toString(), roles);
    }

    @BeforeAll
    static void start() {
        List<String> command = command("viewer,requester");
        ServerParameters parameters = ServerParameters.builder(command.get(0))
                .args(command.subList(1, command.size())).build();
        client = McpClient.async(new StdioClientTransport(parameters, McpJsonDefaults.getMapper()))
                .requestTimeout(TIMEOUT).initializationTimeout(Duration.ofSeconds(60)).build();
        client.initialize().block(Duration.ofSeconds(60));
    }

    @AfterAll
    static void stop() {
        client.closeGracefully().block(TIMEOUT);
    }

    @Override
    McpAsyncClient client() {
        return client;
    }

    @Override
    Path importRoot() {
        return root;
    }

    @Override
    String principalName() {
        return "stdio-test";
    }

    @Test
    void process_stdinClosed_exitsWithoutWritingToStdout() throws Exception {
        Process process = new ProcessBuilder(command("viewer")).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        process.getOutputStream().close();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isZero();
        assertThat(new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).isEmpty();
    }
}
