package dev.purser.core.analysis.recommendations;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.purser.core.analysis.catalog.PriceCatalogs;
import dev.purser.core.analysis.rightsizing.KubernetesAnalysis;
import dev.purser.core.analysis.rightsizing.Recommendation;
import dev.purser.core.analysis.rightsizing.RecommendedAction;
import dev.purser.core.analysis.rightsizing.RightsizingEngine;
import dev.purser.core.analysis.rightsizing.RightsizingRules;
import dev.purser.core.model.Resource;
import dev.purser.core.model.ResourceFacts;
import dev.purser.core.model.UsageSeries;
import dev.purser.core.store.InventoryRepository;
import dev.purser.core.store.PurserDatabase;
import dev.purser.core.testing.TestDatabase;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.IntToDoubleFunction;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Kubernetes containers stored the way {@code import prometheus} lands them (cAdvisor series,
 * kube-state-metrics requests, limits, replicas and HPA), right-sized through the store: the report
 * carries each workload's requests, limits and patch.
 */
class KubernetesRightsizingServiceTest {

    static final Instant NOW = Instant.parse("2026-12-10T12:00:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    static final String SCENARIO = "cluster";
    static final long MIB = 1024L * 1024;
    static final long GIB = 1024 * MIB;
    static final Duration STEP = Duration.ofMinutes(5);
    static final int POINTS = 30 * 288;

    private static PurserDatabase db;
    private static RightsizingService service;

    @BeforeAll
    static void load() {
        db = TestDatabase.fresh();
        InventoryRepository inventory = new InventoryRepository(db.dataSource());
        List<Resource> resources = List.of(
                container("shop", "api", "Deployment", "app", "3", "hpa", "1", "2", GIB, 2 * GIB),
                container("shop", "api", "Deployment", "sidecar", "3", "hpa", null, null, 0, 0),
                container("shop", "postgres", "StatefulSet", "postgres", "1", "none", "2", "4", 4 * GIB, 8 * GIB));
        List<UsageSeries> usage = new ArrayList<>();
        // app: a daily cycle between 0.1 and 0.3 cores, memory 300-330 MiB
        usage.add(series("k8s/shop/api/app", "cpu_cores", "cores", i -> 0.2 + 0.1 * Math.sin(i * 2 * Math.PI / 288)));
        usage.add(series("k8s/shop/api/app", "memory_bytes", "bytes", i -> 300 * MIB + (i % 31) * MIB));
        // postgres: steady 0.5 cores and 1 GiB
        usage.add(series("k8s/shop/postgres/postgres", "cpu_cores", "cores", i -> 0.5 + (i % 7) * 0.01));
        usage.add(series("k8s/shop/postgres/postgres", "memory_bytes", "bytes", i -> GIB + (i % 5) * MIB));
        inventory.replaceScenario(SCENARIO, resources, usage);
        RightsizingEngine engine = new RightsizingEngine(PriceCatalogs.bundled(), RightsizingRules.defaults(), CLOCK);
        service = new RightsizingService(inventory, engine, null, CLOCK);
    }

    @AfterAll
    static void close() {
        db.close();
    }

    private static Resource container(String ns, String workload, String kind, String name, String replicas,
            String autoscaler, String cpuRequest, String cpuLimit, long memoryRequest, long memoryLimit) {
        ResourceFacts.ContainerResources requests = cpuRequest == null ? ResourceFacts.ContainerResources.UNSET
                : ResourceFacts.ContainerResources.of(Double.parseDouble(cpuRequest), memoryRequest);
        ResourceFacts.ContainerResources limits = cpuRequest == null ? ResourceFacts.ContainerResources.UNSET
                : ResourceFacts.ContainerResources.of(Double.parseDouble(cpuLimit), memoryLimit);
        ResourceFacts a = ResourceFacts.builder()
                .kubernetes(new ResourceFacts.KubernetesContainer(Optional.empty(), ns, kind, workload, name, requests,
                        limits))
                .scaling(new ResourceFacts.Scaling(Integer.parseInt(replicas), autoscaler.equals("none")
                        ? Optional.empty() : Optional.of(ResourceFacts.Autoscaler.named(autoscaler))))
                .build();
        String path = ns + "/" + workload + "/" + name;
        return new Resource(SCENARIO, "k8s/" + path, path, "Kubernetes", "container", null, null, null, Map.of(), a);
    }

    private static UsageSeries series(String id, String metric, String unit, IntToDoubleFunction value) {
        List<UsageSeries.Sample> samples = new ArrayList<>(POINTS);
        Instant start = NOW.minus(STEP.multipliedBy(POINTS));
        for (int i = 0; i < POINTS; i++) {
            samples.add(new UsageSeries.Sample(start.plus(STEP.multipliedBy(i)), value.applyAsDouble(i)));
        }
        return new UsageSeries(id, metric, unit, STEP, samples);
    }

    private static RightsizingQuery query(Optional<String> target, Set<RightsizeKind> kinds) {
        return new RightsizingQuery(Optional.of(SCENARIO), target, kinds, RightsizingQuery.DEFAULT_WINDOW,
                Optional.empty(), Set.of(), Optional.empty(), false);
    }

    private static KubernetesAnalysis workload(RightsizingReport report, String name) {
        return report.kubernetes().stream().filter(k -> k.workload().name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void rightsize_k8sContainers_reportCarriesWorkloadsWithPatch() throws Exception {
        RightsizingReport report = service.rightsize(query(Optional.empty(), EnumSet.of(RightsizeKind.KUBERNETES)));

        assertThat(report.kubernetes()).extracting(k -> k.workload().namespace() + "/" + k.workload().name())
                .containsExactly("shop/api", "shop/postgres");
        KubernetesAnalysis api = workload(report, "api");
        assertThat(api.workload().autoscaled()).isTrue();
        assertThat(api.workload().replicas()).isEqualTo(3);
        assertThat(api.containers()).extracting(KubernetesAnalysis.ContainerSizing::name)
                .containsExactly("app", "sidecar");
        KubernetesAnalysis.ContainerSizing app = api.containers().get(0);
        assertThat(app.cpuRequest()).isNotEmpty();
        assertThat(app.memoryLimit()).isNotEmpty();
        assertThat(api.patchYaml()).contains("kubectl patch deployment api -n shop --type strategic",
                "- name: app", "cpu: \"" + app.cpuRequest() + "\"", "memory: \"" + app.memoryRequest() + "\"",
                "cpu: \"" + app.cpuLimit() + "\"", "memory: \"" + app.memoryLimit() + "\"");
        assertThat(api.patchYaml()).doesNotContain("sidecar"); // no usage data: unknown, not patched

        JsonNode patch = new ObjectMapper(new YAMLFactory()).readTree(api.patchYaml());
        JsonNode resources = patch.at("/spec/template/spec/containers/0/resources");
        assertThat(resources.at("/limits/memory").asText()).isEqualTo(app.memoryLimit());
        // memory max is 330 MiB: never below max × 1.2
        assertThat(app.proposed().memoryLimit().getAsLong()).isGreaterThanOrEqualTo((long) (330 * MIB * 1.2));
        // CPU p99 is about 0.3 cores: the limit keeps p99 at or under 90 %
        assertThat(app.proposed().cpusLimit().getAsDouble()).isBetween(0.3 / 0.9, 1.0);

        // every container's recommendation is in the ranked list as well
        List<String> ids = report.recommendations().stream().map(Recommendation::resourceId).toList();
        assertThat(ids).contains("shop/api/app", "shop/api/sidecar", "shop/postgres/postgres");
        assertThat(report.find(api.recommendations().get(0).id())).isPresent();
        assertThat(api.recommendations().get(1).action()).isEqualTo(RecommendedAction.INSUFFICIENT_DATA);

        KubernetesAnalysis pg = workload(report, "postgres");
        assertThat(pg.workload().autoscaled()).isFalse();
        assertThat(pg.patchYaml()).contains("kubectl patch statefulset postgres -n shop", "- name: postgres");
    }

    @Test
    void rightsize_k8sKeepUsage_seriesKeyedByContainerRecommendation() {
        RightsizingReport report = service.rightsize(new RightsizingQuery(Optional.of(SCENARIO), Optional.of("api"),
                EnumSet.of(RightsizeKind.KUBERNETES), RightsizingQuery.DEFAULT_WINDOW, Optional.empty(), Set.of(),
                Optional.empty(), true));

        // a chart looks series up by the recommendation's resource id, as it does for a machine
        Recommendation app = report.recommendations().stream().filter(r -> r.resourceName().equals("app"))
                .findFirst().orElseThrow();
        assertThat(report.usage().get(app.resourceId())).extracting(UsageSeries::metric)
                .containsExactlyInAnyOrder("cpu_cores", "memory_bytes");
        assertThat(report.usage().get("shop/api/sidecar")).isEmpty();
        assertThat(service.rightsize(query(Optional.of("api"), EnumSet.of(RightsizeKind.KUBERNETES))).usage())
                .isEmpty();
    }

    @Test
    void rightsize_targetWorkload_onlyThatWorkload() {
        RightsizingReport report = service.rightsize(query(Optional.of("postgres"),
                EnumSet.allOf(RightsizeKind.class)));

        assertThat(report.kubernetes()).extracting(k -> k.workload().name()).containsExactly("postgres");
    }

    @Test
    void rightsize_kindWithoutKubernetes_noWorkloads() {
        RightsizingReport report = service.rightsize(query(Optional.empty(), EnumSet.of(RightsizeKind.VM,
                RightsizeKind.DATABASE, RightsizeKind.CONTAINER)));

        assertThat(report.kubernetes()).isEmpty();
        assertThat(report.recommendations()).isEmpty();
    }

    @Test
    void report_fourArgConstructor_noWorkloads() {
        RightsizingReport report = new RightsizingReport(List.of(), List.of(), Map.of(), List.of("n"));

        assertThat(report.kubernetes()).isEmpty();
        assertThat(report.notes()).containsExactly("n");
    }
}
