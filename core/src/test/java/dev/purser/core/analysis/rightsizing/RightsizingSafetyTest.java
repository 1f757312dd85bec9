package dev.purser.core.analysis.rightsizing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.purser.core.analysis.catalog.PriceCatalog;
import dev.purser.core.analysis.catalog.PriceCatalogs;
import dev.purser.core.analysis.catalog.PriceLookup;
import dev.purser.core.model.Money;
import dev.purser.core.model.Resource;
import dev.purser.core.model.ResourceFacts;
import dev.purser.core.model.UsageSeries;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Safety properties over seeded, generated series: each test draws a few hundred resources of
 * random shape, level, window and gaps, and checks a property that must hold for every one.
 * A failure names the seed so it can be replayed.
 */
class RightsizingSafetyTest {

    private static final String[] SIZES = {"s-1vcpu-2gb", "s-2vcpu-4gb", "s-4vcpu-8gb", "s-8vcpu-16gb"};
    private static final int CASES = 80;
    private static final List<Case> GENERATED = java.util.stream.LongStream.rangeClosed(1, CASES)
            .mapToObj(RightsizingSafetyTest::generate).toList();

    private final PriceCatalog catalog = PriceCatalogs.bundledDigitalOcean();
    private final RightsizingEngine engine = new RightsizingEngine(catalog, RightsizingRules.defaults(),
            Clock.fixed(RightsizingEngineTest.NOW, ZoneOffset.UTC));

    private record Case(long seed, Resource resource, List<UsageSeries> series, double gapFrom, double gapLen) {
    }

    private static Case generate(long seed) {
        SeriesGenerator g = new SeriesGenerator(seed);
        SplittableRandom r = g.random();
        SeriesGenerator.Shape[] shapes = SeriesGenerator.Shape.values();
        String size = SIZES[r.nextInt(SIZES.length)];
        int days = 5 + r.nextInt(26);
        boolean gap = r.nextInt(4) == 0;
        double gapFrom = gap ? r.nextDouble() * 0.5 : -1;
        double gapLen = gap ? r.nextDouble() * 0.5 : 0;
        double cores = 0.05 + r.nextDouble() * 6;
        double bytes = (64 + r.nextDouble() * 12_000) * 1024 * 1024;
        UsageSeries cpu = g.series("vm-" + seed, "cpu_cores", "cores", RightsizingEngineTest.NOW, days,
                shapes[r.nextInt(shapes.length)], cores, gapFrom, gapLen);
        UsageSeries mem = g.series("vm-" + seed, "memory_bytes", "bytes", RightsizingEngineTest.NOW, days,
                shapes[r.nextInt(shapes.length)], bytes, gapFrom, gapLen);
        Resource vm = new Resource("prop", "vm-" + seed, "vm-" + seed, "DigitalOcean", "droplet", size, "nyc3", null,
                Map.of(), ResourceFacts.NONE);
        return new Case(seed, vm, List.of(cpu, mem), gapFrom, gapLen);
    }

    private static double max(UsageSeries s) {
        return s.samples().stream().mapToDouble(UsageSeries.Sample::value).max().orElse(0);
    }

    private static double p99(UsageSeries s) {
        double[] v = s.samples().stream().mapToDouble(UsageSeries.Sample::value).sorted().toArray();
        return UsageAnalyzer.percentile(v, 0.99);
    }

    @Test
    void analyzeVm_neverProposesMemoryBelowObservedMaxOrCpuBelowP99() {
        for (Case c : GENERATED) {
            long seed = c.seed();
            Recommendation rec = engine.analyzeVm(c.resource(), c.series());
            String why = "seed " + seed + ": " + rec.summary();
            if (rec.action() == RecommendedAction.DOWNSIZE || rec.action() == RecommendedAction.UPSIZE) {
                long memory = rec.proposed().memoryBytes().getAsLong();
                double vcpus = rec.proposed().cpus().getAsDouble();
                assertThat(memory).as(why).isGreaterThanOrEqualTo((long) Math.ceil(max(c.series().get(1))));
                assertThat(vcpus).as(why).isGreaterThanOrEqualTo(p99(c.series().get(0)));
            }
        }
    }

    @Test
    void analyzeVm_neverClaimsASavingTheCatalogDoesNotSupport() {
        for (Case c : GENERATED) {
            long seed = c.seed();
            Recommendation rec = engine.analyzeVm(c.resource(), c.series());
            if (rec.monthlySaving().isEmpty() || rec.action() == RecommendedAction.FLAG_IDLE) {
                continue;
            }
            Money current = catalog.price(c.resource().size(), 1).monthlyPrice().orElseThrow();
            PriceLookup proposed = catalog.price(rec.proposed().size().orElseThrow(), 1);
            assertThat(rec.priceBasis()).isEqualTo(PriceBasis.LIST_PRICE);
            assertThat(rec.monthlySaving().get().amount()).as("seed " + seed)
                    .isEqualByComparingTo(current.minus(proposed.monthlyPrice().orElseThrow()).amount());
        }
    }

    @Test
    void analyzeVm_gappyWindowSaysSoInsteadOfGuessing() {
        int gappy = 0;
        for (Case c : GENERATED) {
            long seed = c.seed();
            Recommendation rec = engine.analyzeVm(c.resource(), c.series());
            UsageStats cpu = rec.evidence().metrics().isEmpty() ? null : rec.evidence().metrics().get(0);
            if (cpu != null && cpu.missingSamples() > 0) {
                assertThat(rec.evidence().gaps()).as("seed " + seed).anyMatch(s -> s.contains("missing"));
            }
            if (cpu != null && cpu.gapFraction() > RightsizingRules.defaults().maxGapFraction()) {
                gappy++;
                assertThat(rec.action()).as("seed " + seed).isEqualTo(RecommendedAction.INSUFFICIENT_DATA);
                assertThat(rec.monthlySaving()).isEmpty();
            }
        }
        assertThat(gappy).as("the generator must produce some gappy windows").isPositive();
    }

    @Test
    void analyzeVm_noData_isUnknownNeverIdle() {
        for (Case c : GENERATED.subList(0, 20)) {
            UsageSeries empty = new UsageSeries(c.resource().id(), "cpu_cores", "cores", SeriesGenerator.STEP,
                    List.of());
            Recommendation rec = engine.analyzeVm(c.resource(), List.of(empty));
            assertThat(rec.evidence().pattern().pattern()).isEqualTo(WorkloadPattern.UNKNOWN);
            assertThat(rec.action()).isEqualTo(RecommendedAction.INSUFFICIENT_DATA);
        }
    }

    @Test
    void analyzeKubernetes_unseenSeriesWithKnownPeaks_limitsWithinOneAndAHalfOfTheMinimum() {
        RightsizingRules rules = RightsizingRules.defaults();
        for (long seed = 1000; seed < 1000 + CASES; seed++) {
            SplittableRandom r = new SplittableRandom(seed);
            double peakCores = 0.2 + r.nextDouble() * 3;
            double peakBytes = (100 + r.nextDouble() * 4000) * 1024 * 1024;
            double baseShare = 0.1 + r.nextDouble() * 0.5;
            int peakEvery = 50 + r.nextInt(200);
            // Known peaks on an unseen shape: a base load with a peak every peakEvery samples.
            UsageSeries cpu = SeriesGenerator.of("c", "cpu_cores", "cores", RightsizingEngineTest.NOW, 30 * 288,
                    i -> i % peakEvery == 0 ? peakCores : peakCores * baseShare * (1 + 0.1 * Math.sin(i)));
            UsageSeries mem = SeriesGenerator.of("c", "memory_bytes", "bytes", RightsizingEngineTest.NOW, 30 * 288,
                    i -> i % peakEvery == 0 ? peakBytes : peakBytes * baseShare);
            KubernetesWorkload w = new KubernetesWorkload("Deployment", "ns", "w" + seed, 1, false,
                    Map.of("c", ContainerLimits.NONE));
            KubernetesAnalysis a = engine.analyzeKubernetes(w, Map.of("c", List.of(cpu, mem)));
            ContainerLimits p = a.containers().get(0).proposed();
            Recommendation rec = a.recommendations().get(0);
            UsageStats cs = rec.evidence().metrics().get(0);
            UsageStats ms = rec.evidence().metrics().get(1);
            double g = rec.evidence().pattern().growthFactor();
            double minCpu = rules.requiredCpu(cs.p95(), cs.p99()) * g;
            double minMem = rules.requiredMemory(ms.max());
            String why = "seed " + seed;
            assertThat(p.memoryLimit().getAsLong()).as(why).isGreaterThanOrEqualTo((long) Math.ceil(peakBytes));
            assertThat((double) p.memoryLimit().getAsLong()).as(why).isBetween(minMem, 1.5 * minMem);
            assertThat(p.cpusLimit().getAsDouble()).as(why).isGreaterThanOrEqualTo(cs.p99())
                    .isLessThanOrEqualTo(Math.max(1.5 * minCpu, minCpu + 0.01));
        }
    }

    @Test
    void analyzeCompose_memoryLimitNeverBelowObservedMax() {
        String yaml = "services:\n  app:\n    deploy:\n      resources:\n        limits:\n          cpus: '4'\n"
                + "          memory: 8G\n";
        ComposeHost host = ComposeHost.ofCatalog(catalog, "s-4vcpu-8gb");
        for (Case c : GENERATED.subList(0, 40)) {
            long seed = c.seed();
            ComposeAnalysis a = engine.analyzeCompose(yaml, Map.of("app", c.series()), host, Optional.empty(),
                    java.util.Set.of());
            ComposeAnalysis.ServiceSizing s = a.services().get(0);
            if (s.memory().isPresent() && s.proposed().memoryLimit().isPresent()
                    && a.recommendations().get(0).action() != RecommendedAction.INSUFFICIENT_DATA) {
                assertThat((double) s.proposed().memoryLimit().getAsLong()).as("seed " + seed)
                        .isGreaterThanOrEqualTo(s.memory().get().max());
                assertThat(s.proposed().cpusLimit().getAsDouble()).as("seed " + seed)
                        .isGreaterThanOrEqualTo(Math.min(s.cpu().get().p99(), host.vcpus()));
            }
        }
    }
}
