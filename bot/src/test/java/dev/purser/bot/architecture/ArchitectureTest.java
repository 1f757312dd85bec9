package dev.purser.bot.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Dependencies point towards core, and inside core towards the model: analysis takes its data
 * through ports (it imports neither the store nor the cloud clients), the model imports nothing
 * else of core, and no two packages of core import each other round a loop. Maven's enforcer bans
 * the face artifacts from core and commands; this test catches the imports that arrive
 * transitively or by copy-paste. The rules are checked on a small tree with one violation of each
 * kind first, so a rule that could never fail would show.
 */
class ArchitectureTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final String CORE = "dev.purser.core";
    private static final List<String> FACE_PACKAGES = List.of(
            "com.slack", "net.dv8tion", "io.modelcontextprotocol", "picocli", "org.eclipse.jetty", "jakarta.servlet");

    @Test
    void core_importsNoOtherModuleAndNoFaceLibrary() {
        assertThat(coreImportsOutward(graph("core"))).isEmpty();
    }

    @Test
    void analysis_importsNeitherStoreNorCloud() {
        assertThat(analysisReachThrough(graph("core"))).isEmpty();
    }

    @Test
    void plan_importsNeitherStoreNorCloud() {
        // plans and approval rules reach the database only through the PlanStore port
        assertThat(graph("core").importsOf(CORE + ".plan", List.of(CORE + ".store", CORE + ".cloud"))).isEmpty();
    }

    @Test
    void model_importsNothingElseOfCore() {
        assertThat(modelImportsCore(graph("core"))).isEmpty();
    }

    @Test
    void core_hasNoPackageCycles() {
        assertThat(graph("core").cycles(CORE)).isEmpty();
    }

    @Test
    void commands_importsNoFaceLibrary() {
        List<String> banned = new ArrayList<>(FACE_PACKAGES);
        banned.addAll(List.of("dev.purser.bot", "dev.purser.mcp"));
        assertThat(graph("commands").importsOf("dev.purser.commands", banned)).isEmpty();
    }

    @Test
    void mcpServer_doesNotImportTheChatFaces() {
        assertThat(graph("mcp-server").importsOf("dev.purser.mcp", List.of("dev.purser.bot", "com.slack", "net.dv8tion")))
                .isEmpty();
    }

    @Test
    void scan_findsTheCorePackages() {
        assertThat(graph("core").packages()).contains(CORE + ".model", CORE + ".analysis.rightsizing", CORE + ".store",
                CORE + ".cloud.digitalocean", CORE + ".ingest");
        assertThat(graph("commands").packages()).contains("dev.purser.commands");
    }

    @Test
    void rules_catchEachForbiddenImport(@TempDir Path tree) throws IOException {
        write(tree, "dev/purser/core/model/Money.java", "package dev.purser.core.model;\n"
                + "import dev.purser.core.error.PurserException;\nclass Money {}\n");
        write(tree, "dev/purser/core/analysis/waste/WasteFinder.java", "package dev.purser.core.analysis.waste;\n"
                + "import dev.purser.core.store.InventoryRepository;\n"
                + "import dev.purser.core.cloud.aws.AwsClients;\nclass WasteFinder {}\n");
        write(tree, "dev/purser/core/store/Store.java", "package dev.purser.core.store;\n"
                + "import dev.purser.core.ingest.Sink;\nimport dev.purser.commands.Reply;\nclass Store {}\n");
        write(tree, "dev/purser/core/ingest/Sink.java", "package dev.purser.core.ingest;\n"
                + "import dev.purser.core.store.Store;\nimport com.slack.api.Slack;\nclass Sink {}\n");
        write(tree, "dev/purser/core/error/PurserException.java", "package dev.purser.core.error;\n"
                + "import dev.purser.core.model.Money;\nclass PurserException {}\n");
        PackageGraph g = PackageGraph.read(tree);

        assertThat(modelImportsCore(g)).extracting(PackageGraph.Import::imported)
                .containsExactly("dev.purser.core.error.PurserException");
        assertThat(analysisReachThrough(g)).extracting(PackageGraph.Import::imported)
                .containsExactlyInAnyOrder("dev.purser.core.store.InventoryRepository",
                        "dev.purser.core.cloud.aws.AwsClients");
        assertThat(coreImportsOutward(g)).extracting(PackageGraph.Import::imported)
                .containsExactlyInAnyOrder("dev.purser.commands.Reply", "com.slack.api.Slack");
        assertThat(g.cycles(CORE)).containsExactlyInAnyOrder(List.of(CORE + ".ingest", CORE + ".store"),
                List.of(CORE + ".error", CORE + ".model"));
    }

    /**
     * A resource's descriptive details are for people: logic reads its typed facets. Checked in
     * the source text, since a call is not an import.
     */
    @Test
    void analysisAndCommands_readNoDescriptiveDetailsOfAResource() throws IOException {
        assertThat(callers(ROOT.resolve("core/src/main/java/dev/purser/core/analysis"), ".details()")).isEmpty();
        assertThat(callers(ROOT.resolve("commands/src/main/java"), ".details()")).isEmpty();
    }

    @Test
    void callers_findsACallInATree(@TempDir Path tree) throws IOException {
        write(tree, "a/A.java", "class A { Object f(dev.purser.core.model.Resource r) { return r.facts().details(); } }");
        assertThat(callers(tree, ".details()")).containsExactly(tree.resolve("a/A.java"));
    }

    private static List<Path> callers(Path root, String call) throws IOException {
        try (java.util.stream.Stream<Path> files = Files.walk(root)) {
            List<Path> out = new ArrayList<>();
            for (Path p : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                if (Files.readString(p).contains(call)) {
                    out.add(p);
                }
            }
            return out;
        }
    }

    private static List<PackageGraph.Import> coreImportsOutward(PackageGraph core) {
        List<String> banned = new ArrayList<>(FACE_PACKAGES);
        banned.addAll(List.of("dev.purser.commands", "dev.purser.bot", "dev.purser.mcp"));
        return core.importsOf(CORE, banned);
    }

    private static List<PackageGraph.Import> analysisReachThrough(PackageGraph core) {
        return core.importsOf(CORE + ".analysis", List.of(CORE + ".store", CORE + ".cloud"));
    }

    private static List<PackageGraph.Import> modelImportsCore(PackageGraph core) {
        return core.importsOf(CORE + ".model", List.of(CORE));
    }

    private static PackageGraph graph(String module) {
        return PackageGraph.read(ROOT.resolve(module).resolve("src/main/java"));
    }

    private static void write(Path root, String file, String text) throws IOException {
        Path p = root.resolve(file);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
    }
}
