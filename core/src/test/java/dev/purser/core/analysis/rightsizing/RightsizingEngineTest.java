package dev.purser.core.analysis.rightsizing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.purser.core.analysis.catalog.PriceCatalogs;
import dev.purser.core.model.Money;
import dev.purser.core.model.Resource;
import dev.purser.core.model.ResourceFacts;
import dev.purser.core.model.UsageSeries;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RightsizingEngineTest {

    static final Instant NOW = Instant.parse("2026-11-23T00:00:00Z");
    static final double GIB = 1024.0 * 1024 * 1024;

    private final RightsizingEngine engine = new RightsizingEngine(PriceCatalogs.bundled(), RightsizingRules.defaults(),
            Clock.fixed(NOW, ZoneOffset.UTC));

    static Resource droplet(String id, String size, ResourceFacts facts) {
        return new Resource("mandible", id, id, "DigitalOcean", "droplet", size, "nyc3", null, Map.of(), facts);
    }

    @Test
    void analyzeVm_lightlyUsed_downsizesToCheapestFittingSize() {
        SeriesGenerator g = new SeriesGenerator(1);
        List<UsageSeries> usage = List.of(g.cpu("web-1", NOW, 30, SeriesGenerator.Shape.DAILY, 0.5),
                g.memory("web-1", NOW, 30, SeriesGenerator.Shape.STEADY, 1.2 * GIB));
        Recommendation r = engine.analyzeVm(droplet("web-1", "s-4vcpu-8gb", ResourceFacts.NONE), usage);

        assertThat(r.action()).isEqualTo(RecommendedAction.DOWNSIZE);
        assertThat(r.proposed().size()).contains("s-1vcpu-2gb");
        assertThat(r.monthlySaving()).hasValueSatisfying(m -> assertThat(m.amount()).isEqualByComparingTo("36"));
        assertThat(r.priceBasis()).isEqualTo(PriceBasis.LIST_PRICE);
        assertThat(r.priceNote()).contains("bundled snapshot 2026-11-01");
        assertThat(r.evidence().pattern().pattern()).isEqualTo(WorkloadPattern.PERIODIC);
        assertThat(r.confidence().level()).isEqualTo(Level.HIGH);
        assertThat(r.id()).matches("rs-[0-9a-f]{10}");
    }

    @Test
    void analyzeVm_sameEvidence_sameId() {
        List<UsageSeries> a = List.of(new SeriesGenerator(7).cpu("w", NOW, 30, SeriesGenerator.Shape.STEADY, 1.0));
        List<UsageSeries> b = List.of(new SeriesGenerator(7).cpu("w", NOW, 30, SeriesGenerator.Shape.STEADY, 1.0));
        List<UsageSeries> c = List.of(new SeriesGenerator(8).cpu("w", NOW, 30, SeriesGenerator.Shape.STEADY, 1.0));
        Resource vm = droplet("w", "s-4vcpu-8gb", ResourceFacts.NONE);
        assertThat(engine.analyzeVm(vm, a).id()).isEqualTo(engine.analyzeVm(vm, b).id())
                .isNotEqualTo(engine.analyzeVm(vm, c).id());
    }

    @Test
    void analyzeVm_noData_unknownNotIdle() {
        Recommendation r = engine.analyzeVm(droplet("ghost", "s-2vcpu-4gb", ResourceFacts.NONE), List.of());
        assertThat(r.action()).isEqualTo(RecommendedAction.INSUFFICIENT_DATA);
        assertThat(r.evidence().pattern().pattern()).isEqualTo(WorkloadPattern.UNKNOWN);
        assertThat(r.monthlySaving()).isEmpty();
        assertThat(r.evidence().gaps()).anyMatch(s -> s.contains("unknown, not idle"));
    }

    @Test
    void analyzeVm_idle_flaggedAsWasteWithFullPrice() {
        SeriesGenerator g = new SeriesGenerator(2);
        Recommendation r = engine.analyzeVm(droplet("old", "s-2vcpu-4gb", ResourceFacts.NONE),
                List.of(g.cpu("old", NOW, 30, SeriesGenerator.Shape.IDLE, 1.0)));
        assertThat(r.action()).isEqualTo(RecommendedAction.FLAG_IDLE);
        assertThat(r.monthlySaving()).hasValueSatisfying(m -> assertThat(m.amount()).isEqualByComparingTo("24"));
    }

    @Test
    void analyzeVm_shortWindow_lowConfidenceSaysSo() {
        SeriesGenerator g = new SeriesGenerator(3);
        Recommendation r = engine.analyzeVm(droplet("new", "s-4vcpu-8gb", ResourceFacts.NONE),
                List.of(g.cpu("new", NOW, 9, SeriesGenerator.Shape.STEADY, 0.5),
                        g.memory("new", NOW, 9, SeriesGenerator.Shape.STEADY, GIB)));
        assertThat(r.confidence().level()).isEqualTo(Level.LOW);
        assertThat(r.evidence().gaps()).anyMatch(s -> s.contains("fewer than 14"));
    }

    @Test
    void analyzeVm_largeGap_saysSoInsteadOfGuessing() {
        SeriesGenerator g = new SeriesGenerator(4);
        UsageSeries cpu = g.series("gappy", "cpu_cores", "cores", NOW, 30, SeriesGenerator.Shape.STEADY, 0.5, 0.3, 0.4);
        Recommendation r = engine.analyzeVm(droplet("gappy", "s-4vcpu-8gb", ResourceFacts.NONE), List.of(cpu));
        assertThat(r.action()).isEqualTo(RecommendedAction.INSUFFICIENT_DATA);
        assertThat(r.summary()).contains("missing");
        assertThat(r.monthlySaving()).isEmpty();
    }

    @Test
    void analyzeVm_cpuPercent_normalisedByVcpus() {
        UsageSeries pct = SeriesGenerator.of("p", "cpu_percent", "percent", NOW, 30 * 288, i -> 95.0);
        Recommendation r = engine.analyzeVm(droplet("p", "s-2vcpu-4gb", ResourceFacts.NONE), List.of(pct));
        // 95 % of 2 vCPUs = 1.9 cores: the rules need 2.7 cores, so the droplet is too small.
        assertThat(r.action()).isEqualTo(RecommendedAction.UPSIZE);
        assertThat(r.monthlySaving()).hasValueSatisfying(m -> assertThat(m.isNegative()).isTrue());
    }

    @Test
    void analyzeVm_trending_sizedForProjection() {
        SeriesGenerator g = new SeriesGenerator(5);
        UsageSeries cpu = g.cpu("t", NOW, 30, SeriesGenerator.Shape.TRENDING, 1.0);
        Recommendation r = engine.analyzeVm(droplet("t", "s-8vcpu-16gb", ResourceFacts.NONE), List.of(cpu,
                g.memory("t", NOW, 30, SeriesGenerator.Shape.STEADY, GIB)));
        PatternAnalysis p = r.evidence().pattern();
        assertThat(p.pattern()).isEqualTo(WorkloadPattern.TRENDING);
        assertThat(p.projected()).isGreaterThan(1.3);
        assertThat(p.growthFactor()).isGreaterThan(1.2);
        double p99 = r.evidence().metrics().get(0).p99();
        int proposedVcpus = (int) r.proposed().cpus().getAsDouble();
        assertThat(proposedVcpus).isGreaterThanOrEqualTo((int) Math.ceil(p99 / 0.9 * p.growthFactor()));
    }

    @Test
    void analyzeVm_autoscaled_perReplicaAndFlagged() {
        SeriesGenerator g = new SeriesGenerator(6);
        Resource pool = droplet("pool-1", "s-4vcpu-8gb", ResourceFacts.builder()
                .scaling(new ResourceFacts.Scaling(3, Optional.of(ResourceFacts.Autoscaler.named("digitalocean-autoscale-pool"))))
                .build());
        Recommendation r = engine.analyzeVm(pool, List.of(g.cpu("pool-1", NOW, 30, SeriesGenerator.Shape.STEADY, 0.5),
                g.memory("pool-1", NOW, 30, SeriesGenerator.Shape.STEADY, GIB)));
        assertThat(r.autoscaled()).isTrue();
        assertThat(r.summary()).contains("per replica");
        // s-4vcpu-8gb (48) → s-1vcpu-2gb (12), three replicas.
        assertThat(r.monthlySaving()).hasValueSatisfying(m -> assertThat(m.amount()).isEqualByComparingTo("108"));
    }

    @Test
    void analyzeVm_sizeNotInCatalog_noSavingClaimed() {
        SeriesGenerator g = new SeriesGenerator(9);
        Resource vm = new Resource("x", "odd", "odd", "DigitalOcean", "droplet", "s-3vcpu-6gb", "nyc3",
                Money.of("30", "USD"), Map.of(), ResourceFacts.builder().compute(ResourceFacts.Compute.of(3, 6L << 30)).build());
        Recommendation r = engine.analyzeVm(vm, List.of(g.cpu("odd", NOW, 30, SeriesGenerator.Shape.STEADY, 0.3),
                g.memory("odd", NOW, 30, SeriesGenerator.Shape.STEADY, GIB)));
        assertThat(r.monthlySaving()).isEmpty();
        assertThat(r.priceBasis()).isEqualTo(PriceBasis.NOT_FOUND);
        assertThat(r.priceNote()).contains("price not found", "effective cost is 30.00 USD");
    }

    @Test
    void analyzeVm_aws_staysInFamily() {
        SeriesGenerator g = new SeriesGenerator(10);
        Resource ec2 = new Resource("livyflow", "i-1", "api-1", "AWS", "ec2-instance", "m5.2xlarge", "us-east-1", null,
                Map.of(), ResourceFacts.NONE);
        Recommendation r = engine.analyzeVm(ec2, List.of(g.cpu("i-1", NOW, 30, SeriesGenerator.Shape.STEADY, 1.0),
                g.memory("i-1", NOW, 30, SeriesGenerator.Shape.STEADY, 4 * GIB)));
        assertThat(r.proposed().size()).contains("m5.large");
    }
}
