package dev.purser.bot;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Dependencies point towards core: core imports no other module and no face library; commands
 * imports no face library. Maven's enforcer bans the artifacts; this test catches imports that
 * arrive transitively or by copy-paste.
 */
class ArchitectureTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final List<String> FACE_PACKAGES = List.of(
            "com.slack.", "net.dv8tion.", "io.modelcontextprotocol.", "picocli.", "org.eclipse.jetty.", "jakarta.servlet.");

    @Test
    void core_importsNoOtherModuleAndNoFaceLibrary() {
        List<String> banned = new ArrayList<>(FACE_PACKAGES);
        banned.addAll(List.of("dev.purser.commands.", "dev.purser.bot.", "dev.purser.mcp."));
        assertThat(violations("core", banned)).isEmpty();
    }

    @Test
    void commands_importsNoFaceLibrary() {
        List<String> banned = new ArrayList<>(FACE_PACKAGES);
        banned.addAll(List.of("dev.purser.bot.", "dev.purser.mcp."));
        assertThat(violations("commands", banned)).isEmpty();
    }

    @Test
    void mcpServer_doesNotImportTheChatFaces() {
        assertThat(violations("mcp-server", List.of("dev.purser.bot.", "com.slack.", "net.dv8tion."))).isEmpty();
    }

    @Test
    void scan_findsSources() {
        assertThat(sources("core")).hasSizeGreaterThan(10);
        assertThat(sources("commands")).hasSizeGreaterThan(10);
    }

    private static List<String> violations(String module, List<String> bannedPrefixes) {
        List<String> found = new ArrayList<>();
        for (Path file : sources(module)) {
            try {
                for (String line : Files.readAllLines(file)) {
                    String t = line.trim();
                    if (!t.startsWith("import ")) {
                        continue;
                    }
                    String imported = t.replace("import static ", "").replace("import ", "");
                    for (String prefix : bannedPrefixes) {
                        if (imported.startsWith(prefix)) {
                            found.add(ROOT.relativize(file) + ": " + t);
                        }
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return found;
    }

    private static List<Path> sources(String module) {
        Path main = ROOT.resolve(module).resolve("src/main/java");
        try (Stream<Path> s = Files.walk(main)) {
            return s.filter(p -> p.toString().endsWith(".java")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
