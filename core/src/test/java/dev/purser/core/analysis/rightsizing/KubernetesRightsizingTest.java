package dev.purser.core.analysis.rightsizing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.purser.core.analysis.catalog.PriceCatalogs;
import dev.purser.core.model.UsageSeries;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class KubernetesRightsizingTest {

    private final RightsizingEngine engine = new RightsizingEngine(PriceCatalogs.bundledAws(),
            RightsizingRules.defaults(), Clock.fixed(RightsizingEngineTest.NOW, ZoneOffset.UTC));

    @Test
    void analyzeKubernetes_requestsAndLimits_asStrategicMergePatch() throws Exception {
        ContainerLimits current = new ContainerLimits(OptionalDouble.of(2), OptionalLong.of(2L << 30),
                OptionalDouble.of(1), OptionalLong.of(1L << 30));
        Map<String, ContainerLimits> containers = new LinkedHashMap<>();
        containers.put("api", current);
        containers.put("sidecar", ContainerLimits.NONE);
        KubernetesWorkload api = new KubernetesWorkload("Deployment", "prod", "api", 3, true, containers);
        // cAdvisor's cumulative counter: 0.25 cores on average.
        UsageSeries cpu = SeriesGenerator.of("api", "container_cpu_usage_seconds_total", "seconds",
                RightsizingEngineTest.NOW, 30 * 288, i -> 300 * (0.25 * i + 0.05 * 12 * (1 - Math.cos(i / 12.0))));
        UsageSeries mem = SeriesGenerator.of("api", "container_memory_working_set_bytes", "bytes",
                RightsizingEngineTest.NOW, 30 * 288, i -> 300e6 + (i % 100) * 1e6);
        KubernetesAnalysis a = engine.analyzeKubernetes(api, Map.of("api", List.of(cpu, mem)));

        KubernetesAnalysis.ContainerSizing c = a.containers().get(0);
        assertThat(c.cpuRequest()).endsWith("m");
        assertThat(a.containers().get(1).notes()).anyMatch(n -> n.contains("unknown, not idle"));
        JsonNode patch = new ObjectMapper(new YAMLFactory()).readTree(a.patchYaml());
        JsonNode container = patch.at("/spec/template/spec/containers/0");
        assertThat(container.get("name").asText()).isEqualTo("api");
        long memLimit = Quantities.parseK8sMemory(container.at("/resources/limits/memory").asText()).getAsLong();
        assertThat(memLimit).isGreaterThanOrEqualTo((long) (399e6 * 1.2));
        assertThat(patch.at("/spec/template/spec/containers").size()).isEqualTo(1);
        assertThat(a.recommendations().get(0).autoscaled()).isTrue();
        assertThat(a.recommendations().get(0).summary()).contains("per pod");
        assertThat(a.recommendations().get(1).action()).isEqualTo(RecommendedAction.INSUFFICIENT_DATA);
    }
}
