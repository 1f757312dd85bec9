package dev.purser.core.analysis.recommendations;

import static org.assertj.core.api.Assertions.assertThat;

import dev.purser.core.analysis.catalog.PriceCatalogs;
import dev.purser.core.analysis.rightsizing.ComposeAnalysis;
import dev.purser.core.analysis.rightsizing.Recommendation;
import dev.purser.core.analysis.rightsizing.RecommendedAction;
import dev.purser.core.analysis.rightsizing.RightsizingEngine;
import dev.purser.core.analysis.rightsizing.RightsizingRules;
import dev.purser.core.analysis.rightsizing.WorkloadPattern;
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
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Usage series and compose files the rules were never tuned on, with known peaks, through the
 * store and the service: limits are safe (never below the peak rules) and not wasteful (within
 * 1.5x of the rules' minimum); machines are never sized below their observed p99 or memory maximum.
 */
class RightsizingUnseenTest {

    static final Instant NOW = Instant.parse("2026-12-10T12:00:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    static final Duration STEP = Duration.ofMinutes(15);
    static final int SAMPLES = 30 * 96;
    static final double MIB = 1024.0 * 1024;
    static final double GIB = 1024 * MIB;
    static final long[] SEEDS = {11, 2027, 90210};

    private static PurserDatabase db;
    private static RightsizingService service;
    private static final Map<String, double[]> CPU = new LinkedHashMap<>();
    private static final Map<String, double[]> MEMORY = new LinkedHashMap<>();
    private static final Map<Long, String> COMPOSE = new LinkedHashMap<>();

    @BeforeAll
    static void load() {
        db = TestDatabase.fresh();
        InventoryRepository inventory = new InventoryRepository(db.dataSource());
        for (long seed : SEEDS) {
            String scenario = "unseen-" + seed;
            Random rnd = new Random(seed);
            List<Resource> resources = new ArrayList<>();
            List<UsageSeries> usage = new ArrayList<>();
            String hostId = "host-" + seed;
            resources.add(new Resource(scenario, hostId, "host-" + seed, "DigitalOcean", "droplet", "s-8vcpu-16gb",
                    "fra1", null, Map.of(), ResourceFacts.builder().compute(ResourceFacts.Compute.of(8, 16L << 30)).build()));
            StringBuilder yaml = new StringBuilder("# generated stack ").append(seed).append("\nservices:\n");
            for (int i = 0; i < 6; i++) {
                String service = "svc" + i;
                String id = scenario + "-" + service + "-1";
                resources.add(new Resource(scenario, id, id, "DigitalOcean", "container", null, "fra1", null, Map.of(),
                        ResourceFacts.builder().composeService(new ResourceFacts.ComposeService(service, hostId,
                                Optional.empty(), ResourceFacts.ContainerResources.UNSET,
                                ResourceFacts.ContainerResources.UNSET)).build()));
                double base = 0.1 + rnd.nextDouble() * 0.6;
                double peakCpu = base * (1.5 + rnd.nextDouble() * 2);
                double mem = (150 + rnd.nextDouble() * 900) * MIB;
                double memPeak = mem * (1.1 + rnd.nextDouble() * 0.5);
                usage.add(series(id, "cpu_cores", "cores", rnd, base, peakCpu, CPU));
                usage.add(series(id, "memory_bytes", "bytes", rnd, mem, memPeak, MEMORY));
                yaml.append("  ").append(service).append(":\n    image: example/").append(service)
                        .append(":1  # keep this comment\n    deploy:\n      resources:\n        limits:\n")
                        .append("          cpus: \"4\"\n          memory: 6G\n        reservations:\n")
                        .append("          cpus: \"1\"\n          memory: 1G\n");
            }
            for (int i = 0; i < 2; i++) {
                String id = "vm-" + seed + "-" + i;
                resources.add(new Resource(scenario, id, id, "DigitalOcean", "droplet", "s-8vcpu-16gb", "fra1", null,
                        Map.of(), ResourceFacts.builder().compute(ResourceFacts.Compute.of(8, 16L << 30)).build()));
                double base = 0.3 + rnd.nextDouble() * 2;
                usage.add(series(id, "cpu_cores", "cores", rnd, base, base * (1.5 + rnd.nextDouble() * 2), CPU));
                double mem = (0.5 + rnd.nextDouble() * 5) * GIB;
                usage.add(series(id, "memory_bytes", "bytes", rnd, mem, mem * 1.3, MEMORY));
            }
            inventory.replaceScenario(scenario, resources, usage);
            COMPOSE.put(seed, yaml.toString());
        }
        RightsizingEngine engine = new RightsizingEngine(PriceCatalogs.bundled(), RightsizingRules.defaults(), CLOCK);
        service = new RightsizingService(inventory, engine, null, CLOCK);
    }

    @AfterAll
    static void close() {
        db.close();
    }

    /** A daily cycle around {@code base} with noise and one planted peak of exactly {@code peak}. */
    private static UsageSeries series(String id, String metric, String unit, Random rnd, double base, double peak,
            Map<String, double[]> truth) {
        Instant start = NOW.minus(STEP.multipliedBy(SAMPLES));
        double[] values = new double[SAMPLES];
        List<UsageSeries.Sample> samples = new ArrayList<>();
        int peakAt = rnd.nextInt(SAMPLES);
        for (int i = 0; i < SAMPLES; i++) {
            double daily = 0.5 + 0.5 * Math.sin(2 * Math.PI * i / 96.0);
            double v = base * (0.6 + 0.5 * daily) * (1 + 0.05 * rnd.nextGaussian());
            v = Math.min(Math.max(v, 0), peak * 0.95);
            if (i == peakAt) {
                v = peak;
            }
            values[i] = v;
            samples.add(new UsageSeries.Sample(start.plus(STEP.multipliedBy(i)), v));
        }
        truth.put(id + "/" + metric, values);
        return new UsageSeries(id, metric, unit, STEP, samples);
    }

    private static double percentile(double[] values, double q) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[(int) Math.ceil(q * sorted.length) - 1];
    }

    private static double max(double[] values) {
        return Arrays.stream(values).max().orElseThrow();
    }

    @Test
    void rightsize_unseenCompose_limitsSafeAndNotWasteful() {
        RightsizingRules rules = RightsizingRules.defaults();
        for (long seed : SEEDS) {
            RightsizingQuery q = new RightsizingQuery(Optional.of("unseen-" + seed), Optional.empty(),
                    EnumSet.of(RightsizeKind.CONTAINER), RightsizingQuery.DEFAULT_WINDOW, Optional.empty(), Set.of(),
                    Optional.of(COMPOSE.get(seed)), false);
            ComposeAnalysis a = service.rightsize(q).stacks().get(0).analysis();
            assertThat(a.services()).hasSize(6);
            for (ComposeAnalysis.ServiceSizing s : a.services()) {
                String id = "unseen-" + seed + "-" + s.name() + "-1";
                double[] cpu = CPU.get(id + "/cpu_cores");
                double[] mem = MEMORY.get(id + "/memory_bytes");
                double memMin = rules.requiredMemory(max(mem));
                double cpuMin = rules.requiredCpu(percentile(cpu, 0.95), percentile(cpu, 0.99));
                long memLimit = s.proposed().memoryLimit().getAsLong();
                double cpuLimit = s.proposed().cpusLimit().getAsDouble();
                assertThat((double) memLimit).as(id + " memory").isGreaterThanOrEqualTo(memMin);
                assertThat(cpuLimit).as(id + " cpu").isGreaterThanOrEqualTo(percentile(cpu, 0.99))
                        .isGreaterThanOrEqualTo(cpuMin * 0.98);
                if (s.pattern() != WorkloadPattern.TRENDING) {
                    assertThat((double) memLimit).as(id + " memory waste").isLessThanOrEqualTo(1.5 * memMin);
                    assertThat(cpuLimit).as(id + " cpu waste").isLessThanOrEqualTo(1.5 * cpuMin);
                }
            }
            assertThat(a.patchedYaml()).contains("# keep this comment");
        }
    }

    @Test
    void rightsize_unseenMachines_neverBelowPeakRules() {
        for (long seed : SEEDS) {
            RightsizingQuery q = new RightsizingQuery(Optional.of("unseen-" + seed), Optional.empty(),
                    EnumSet.of(RightsizeKind.VM), RightsizingQuery.DEFAULT_WINDOW, Optional.empty(), Set.of(),
                    Optional.empty(), false);
            RightsizingReport report = service.rightsize(q);
            // the compose host has no usage of its own: unknown, never idle (its stack sizes it with --kind container)
            assertThat(report.recommendations()).filteredOn(r -> r.resourceId().startsWith("host-"))
                    .singleElement().satisfies(r -> assertThat(r.action()).isEqualTo(RecommendedAction.INSUFFICIENT_DATA));
            assertThat(report.notes()).anyMatch(n -> n.startsWith("1 resource has no usage data"));
            List<Recommendation> recs = report.recommendations().stream()
                    .filter(r -> r.resourceId().startsWith("vm-")).toList();
            assertThat(recs).hasSize(2);
            for (Recommendation r : recs) {
                assertThat(r.action()).isNotEqualTo(RecommendedAction.INSUFFICIENT_DATA);
                if (r.action() == RecommendedAction.FLAG_IDLE) {
                    // removal, not a size: only when CPU p95 is at most 5 % of the 8 vCPUs
                    assertThat(percentile(CPU.get(r.resourceId() + "/cpu_cores"), 0.95)).isLessThanOrEqualTo(0.4 * 1.02);
                    continue;
                }
                double vcpus = r.proposed().cpus().getAsDouble();
                double memory = r.proposed().memoryBytes().getAsLong();
                assertThat(vcpus).as(r.resourceId()).isGreaterThanOrEqualTo(percentile(CPU.get(r.resourceId()
                        + "/cpu_cores"), 0.99));
                assertThat(memory).as(r.resourceId()).isGreaterThanOrEqualTo(1.2 * max(MEMORY.get(r.resourceId()
                        + "/memory_bytes")));
                if (r.monthlySaving().isPresent()) {
                    assertThat(r.current().monthlyPrice()).isPresent();
                    assertThat(r.proposed().monthlyPrice()).isPresent();
                }
            }
        }
    }
}
