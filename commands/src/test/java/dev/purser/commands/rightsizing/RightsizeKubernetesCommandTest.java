package dev.purser.commands.rightsizing;

import static dev.purser.commands.rightsizing.KubernetesShop.CLOCK;
import static dev.purser.commands.rightsizing.KubernetesShop.MIB;
import static dev.purser.commands.rightsizing.KubernetesShop.SCENARIO;
import static dev.purser.commands.rightsizing.KubernetesShop.VIEWER;
import static dev.purser.commands.rightsizing.KubernetesShop.container;
import static dev.purser.commands.rightsizing.KubernetesShop.series;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.purser.commands.CommandDispatcher;
import dev.purser.commands.CommandRegistry;
import dev.purser.commands.PathPolicy;
import dev.purser.commands.render.JsonRenderer;
import dev.purser.commands.render.MarkdownRenderer;
import dev.purser.commands.render.TextRenderer;
import dev.purser.commands.reply.CodeBlock;
import dev.purser.commands.reply.Reply;
import dev.purser.commands.reply.Table;
import dev.purser.commands.testing.Renderings;
import dev.purser.core.analysis.catalog.PriceCatalogs;
import dev.purser.core.analysis.recommendations.RightsizingService;
import dev.purser.core.analysis.rightsizing.RightsizingEngine;
import dev.purser.core.analysis.rightsizing.RightsizingRules;
import dev.purser.core.model.UsageSeries;
import dev.purser.core.store.InventoryRepository;
import dev.purser.core.store.PurserDatabase;
import dev.purser.core.testing.TestDatabase;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code rightsize --kind k8s}: per workload the containers' requests and limits, the patch and how to apply it. */
class RightsizeKubernetesCommandTest {


    private static PurserDatabase db;
    private static CommandDispatcher dispatcher;

    @BeforeAll
    static void load() throws Exception {
        db = TestDatabase.fresh();
        InventoryRepository inventory = new InventoryRepository(db.dataSource());
        List<UsageSeries> usage = new ArrayList<>();
        usage.add(series("k8s/shop/api/app", "cpu_cores", "cores", i -> 0.2 + 0.1 * Math.sin(i * 2 * Math.PI / 288)));
        usage.add(series("k8s/shop/api/app", "memory_bytes", "bytes", i -> 300 * MIB + (i % 31) * MIB));
        inventory.replaceScenario(SCENARIO, List.of(
                container("api", "Deployment", "app", "3", "hpa", true),
                container("api", "Deployment", "sidecar", "3", "hpa", false),
                container("worker", "Deployment", "worker", "2", "none", true)), usage);
        RightsizingEngine engine = new RightsizingEngine(PriceCatalogs.bundled(), RightsizingRules.defaults(), CLOCK);
        RightsizingService service = new RightsizingService(inventory, engine, null, CLOCK);
        dispatcher = new CommandDispatcher(CommandRegistry.of(RightsizeCommand.create(service,
                PathPolicy.of(Files.createTempDirectory("rightsize-k8s")))));
    }

    @AfterAll
    static void close() {
        db.close();
    }



    private static Reply run(String line) {
        return dispatcher.run(VIEWER, "slack", line);
    }

    private static JsonNode table(JsonNode json, String key) {
        return StreamSupport.stream(json.get("tables").spliterator(), false)
                .filter(t -> t.get("key").asText().equals(key)).findFirst()
                .orElseThrow(() -> new AssertionError("no table " + key));
    }

    @Test
    void rightsize_k8s_textShowsContainersPatchAndKubectl() {
        Reply reply = run("rightsize --kind k8s --account cluster");
        String text = new TextRenderer().render(reply);

        assertThat(reply.tables()).extracting(Table::key).containsSubsequence("recommendations", "k8s_workloads",
                "k8s_containers_shop_api", "k8s_containers_shop_worker");
        assertThat(reply.codeBlocks()).extracting(CodeBlock::key).containsExactly("k8s_patch_shop_api");
        // the patch is shown verbatim after the tables, between fences a reader copies from
        assertThat(CodeBlocks.fenced(text)).containsExactly(
                new CodeBlocks.Fenced("yaml", CodeBlocks.code(reply, "k8s_patch_shop_api").text()));
        assertThat(text).contains("shop/api (Deployment, autoscaled by an HPA, sized per replica): requests and limits",
                "kubectl patch deployment api -n shop --type strategic --patch-file shop-api.patch.yaml",
                "spec:", "      containers:", "        - name: app", "            requests:", "            limits:");
        // the current requests and limits beside the proposed ones
        assertThat(text).contains("2Gi", "1Gi");
        assertThat(reply.notes()).anyMatch(n -> n.startsWith("shop/worker") && n.contains("no patch"));
        assertThat(reply.notes()).anyMatch(n -> n.startsWith("shop/api (app, sidecar): autoscaled by an HPA"));

        String markdown = new MarkdownRenderer().render(reply);
        assertThat(markdown).contains("**Patch for shop/api: save it as shop-api.patch.yaml, then kubectl patch"
                + " deployment api -n shop --type strategic --patch-file shop-api.patch.yaml**\n\n```yaml\n",
                "        - name: app\n");
        assertThat(CodeBlocks.fenced(markdown)).containsExactly(
                new CodeBlocks.Fenced("yaml", CodeBlocks.code(reply, "k8s_patch_shop_api").text()));
    }

    @Test
    void rightsize_k8s_jsonHasMachineReadableFields() throws Exception {
        JsonNode json = new ObjectMapper().readTree(new JsonRenderer().render(run("rightsize api --kind k8s")));

        JsonNode workloads = table(json, "k8s_workloads").get("rows");
        assertThat(workloads).hasSize(1);
        JsonNode api = workloads.get(0);
        assertThat(api.get("workload").asText()).isEqualTo("shop/api");
        assertThat(api.get("kind").asText()).isEqualTo("Deployment");
        assertThat(api.get("replicas").isNumber()).isTrue();
        assertThat(api.get("replicas").asInt()).isEqualTo(3);
        assertThat(api.get("autoscaled").asText()).isEqualTo("yes");
        assertThat(api.get("sizing").asText()).isEqualTo("per replica (HPA)");
        assertThat(api.get("containers_patched").get("label").asText()).isEqualTo("1 of 2");
        assertThat(api.get("containers_patched").get("patched").asInt()).isEqualTo(1);
        assertThat(api.get("containers_patched").get("containers").asInt()).isEqualTo(2);
        assertThat(api.get("apply").asText())
                .isEqualTo("kubectl patch deployment api -n shop --type strategic --patch-file shop-api.patch.yaml");

        JsonNode containers = table(json, "k8s_containers_shop_api").get("rows");
        JsonNode app = containers.get(0);
        assertThat(app.get("container").asText()).isEqualTo("app");
        // quantities: the amount in cores or bytes for machines, the manifest's notation to paste back
        assertThat(app.at("/cpu_request/value").decimalValue()).isEqualByComparingTo("1");
        assertThat(app.at("/cpu_request/unit").asText()).isEqualTo("cores");
        assertThat(app.at("/cpu_request/literal").asText()).isEqualTo("1");
        assertThat(app.at("/memory_limit/value").longValue()).isEqualTo(2L * 1024 * 1024 * 1024);
        assertThat(app.at("/memory_limit/unit").asText()).isEqualTo("bytes");
        assertThat(app.at("/memory_limit/literal").asText()).isEqualTo("2Gi");
        assertThat(app.at("/proposed_cpu_request/literal").asText()).endsWith("m");
        assertThat(app.at("/proposed_cpu_request/value").decimalValue().movePointRight(3).stripTrailingZeros().toPlainString()
                + "m").isEqualTo(app.at("/proposed_cpu_request/literal").asText());
        assertThat(app.at("/proposed_memory_limit/literal").asText()).endsWith("Mi");
        assertThat(app.at("/usage/cpu_p95_cores").isNumber()).isTrue();
        assertThat(app.at("/usage/memory_max_bytes").isIntegralNumber()).isTrue();
        assertThat(app.get("action").asText()).isEqualTo("set limits");
        JsonNode sidecar = containers.get(1);
        assertThat(sidecar.get("cpu_request").isNull()).isTrue();
        assertThat(sidecar.get("proposed_cpu_request").isNull()).isTrue();
        assertThat(sidecar.get("action").asText()).isEqualTo("insufficient data");

        JsonNode block = StreamSupport.stream(json.get("code_blocks").spliterator(), false)
                .filter(b -> b.get("key").asText().equals("k8s_patch_shop_api")).findFirst().orElseThrow();
        assertThat(block.get("language").asText()).isEqualTo("yaml");
        assertThat(block.get("title").asText()).startsWith("Patch for shop/api: save it as shop-api.patch.yaml");
        // a strategic-merge patch: the proposed requests and limits for app, nothing for the sidecar without data
        JsonNode patched = CodeBlocks.yaml(block.get("text").asText()).at("/spec/template/spec/containers");
        assertThat(patched).hasSize(1);
        JsonNode resources = patched.get(0).get("resources");
        assertThat(patched.get(0).get("name").asText()).isEqualTo("app");
        assertThat(resources.at("/requests/cpu").asText()).isEqualTo(app.at("/proposed_cpu_request/literal").asText());
        assertThat(resources.at("/requests/memory").asText())
                .isEqualTo(app.at("/proposed_memory_request/literal").asText());
        assertThat(resources.at("/limits/cpu").asText()).isEqualTo(app.at("/proposed_cpu_limit/literal").asText());
        assertThat(resources.at("/limits/memory").asText()).isEqualTo(app.at("/proposed_memory_limit/literal").asText());

        // only a proposed change needs a price basis: the sidecar without data shows none
        JsonNode recommendations = table(json, "recommendations").get("rows");
        JsonNode sidecarRec = StreamSupport.stream(recommendations.spliterator(), false)
                .filter(r -> r.get("action").asText().equals("insufficient data")).findFirst().orElseThrow();
        JsonNode appRec = StreamSupport.stream(recommendations.spliterator(), false)
                .filter(r -> r.get("action").asText().equals("set limits")).findFirst().orElseThrow();
        assertThat(sidecarRec.get("price_basis").isNull()).isTrue();
        assertThat(appRec.get("price_basis").isTextual()).isTrue();
    }

    @Test
    void rightsize_k8s_renderingsMatchGoldenFiles() {
        Renderings.assertMatchGolden("rightsize-k8s", run("rightsize --kind k8s --account cluster"));
    }
}
