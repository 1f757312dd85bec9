package dev.purser.core.analysis.rightsizing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.purser.core.analysis.catalog.PriceCatalogs;
import dev.purser.core.model.Resource;
import dev.purser.core.model.ResourceFacts;
import dev.purser.core.model.UsageSeries;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class DatabaseClusterTest {

    static final Instant NOW = RightsizingEngineTest.NOW;
    static final double GIB = RightsizingEngineTest.GIB;

    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private final RightsizingEngine engine = new RightsizingEngine(PriceCatalogs.bundled(), RightsizingRules.defaults(),
            clock);

    static Resource cluster(String name, Map<String, String> tags) {
        return new Resource("mandible", "uuid-" + name, name, "DigitalOcean", "database-cluster", "db-s-2vcpu-4gb",
                "nyc3", null, tags, ResourceFacts.builder()
                        .database(new ResourceFacts.DatabaseCluster("pg", Optional.empty(), 2, OptionalLong.of(20L << 30),
                                OptionalInt.empty(), Optional.of(Instant.parse("2026-11-22T18:00:00Z")), Optional.empty(),
                                List.of()))
                        .build());
    }

    static List<UsageSeries> usage(long seed) {
        SeriesGenerator g = new SeriesGenerator(seed);
        // CPU near 1 core of 2 and memory near 2.8 GiB of 4: the size is right, only the standby is in question.
        return List.of(g.cpu("c", NOW, 30, SeriesGenerator.Shape.DAILY, 0.9),
                g.memory("c", NOW, 30, SeriesGenerator.Shape.STEADY, 2.8 * GIB));
    }

    @Test
    void analyzeDatabaseCluster_nonCritical_reducesToOneNodeWithExactSaving() {
        Recommendation r = engine.analyzeDatabaseCluster(cluster("mandible-prod", Map.of("env", "production")),
                usage(1));
        assertThat(r.action()).isEqualTo(RecommendedAction.REDUCE_NODES);
        assertThat(r.monthlySaving()).hasValueSatisfying(m -> assertThat(m.amount()).isEqualByComparingTo("60"));
        assertThat(r.proposed().label()).isEqualTo("db-s-2vcpu-4gb x 1 node");
        DecisionMatrix matrix = r.decisionMatrix().orElseThrow();
        assertThat(matrix.options()).first().satisfies(o -> {
            assertThat(o.current()).isTrue();
            assertThat(o.failover()).contains("automatic failover");
        });
        DecisionMatrix.Option single = matrix.options().stream().filter(o -> o.nodes() == 1).findFirst().orElseThrow();
        assertThat(single.failover()).contains("no standby", "20.0 GiB");
        assertThat(single.restoreEstimate()).contains("27 min");
        assertThat(single.backupRecency()).contains("6.0 h ago");
        assertThat(single.dataLossWindow()).contains("write-ahead log");
        assertThat(single.risk()).isEqualTo(Level.HIGH);
        assertThat(r.risk().level()).isEqualTo(Level.HIGH);
    }

    @Test
    void analyzeDatabaseCluster_critical_keepsStandby() {
        Recommendation r = engine.analyzeDatabaseCluster(
                cluster("sso-prod", Map.of("env", "production", "tier", "critical")), usage(1));
        assertThat(r.action()).isEqualTo(RecommendedAction.KEEP);
        DecisionMatrix matrix = r.decisionMatrix().orElseThrow();
        assertThat(matrix.critical()).isTrue();
        assertThat(matrix.options()).filteredOn(o -> o.nodes() == 1)
                .allSatisfy(o -> assertThat(o.notAllowedReason()).contains("tier=critical"));
        assertThat(matrix.verdictReasons()).anyMatch(s -> s.contains("tier=critical"));
    }

    @Test
    void analyzeDatabaseCluster_criticalAllowedByRule_reduces() {
        RightsizingEngine permissive = new RightsizingEngine(PriceCatalogs.bundled(),
                RightsizingRules.defaults().withAllowSingleNodeForCritical(true), clock);
        Recommendation r = permissive.analyzeDatabaseCluster(
                cluster("sso-prod", Map.of("env", "production", "tier", "critical")), usage(1));
        assertThat(r.action()).isEqualTo(RecommendedAction.REDUCE_NODES);
    }

    @Test
    void analyzeDatabaseCluster_overProvisioned_offersSmallerSizeWithHighEffort() {
        SeriesGenerator g = new SeriesGenerator(3);
        Resource staging = new Resource("mandible", "uuid-stg", "staging-db", "DigitalOcean", "database-cluster",
                "db-s-4vcpu-8gb", "nyc3", null, Map.of("env", "staging"),
                ResourceFacts.builder().database(ResourceFacts.DatabaseCluster.of("pg", 1)).build());
        Recommendation r = engine.analyzeDatabaseCluster(staging, List.of(
                g.cpu("s", NOW, 30, SeriesGenerator.Shape.STEADY, 0.3),
                g.memory("s", NOW, 30, SeriesGenerator.Shape.STEADY, 0.6 * GIB)));
        assertThat(r.action()).isEqualTo(RecommendedAction.DOWNSIZE);
        assertThat(r.proposed().size()).contains("db-s-1vcpu-1gb");
        assertThat(r.effort()).isEqualTo(Level.HIGH);
        assertThat(r.monthlySaving()).hasValueSatisfying(m -> assertThat(m.amount()).isEqualByComparingTo("105"));
    }

    @Test
    void analyzeDatabaseCluster_demoFacts_read() {
        Resource demo = new Resource("mandible", "uuid-x", "mandible-prod", "DigitalOcean", "database-cluster",
                "db-s-2vcpu-4gb", "nyc3", null, Map.of("env", "prod"), ResourceFacts.builder()
                        .database(new ResourceFacts.DatabaseCluster("pg", Optional.empty(), 2, OptionalLong.of(10L << 30),
                                OptionalInt.empty(), Optional.of(Instant.parse("2026-11-22T03:12:44Z")),
                                Optional.empty(), List.of()))
                        .compute(ResourceFacts.Compute.of(2, 4L << 30))
                        .build());
        Recommendation r = engine.analyzeDatabaseCluster(demo, usage(2));
        assertThat(r.current().label()).isEqualTo("db-s-2vcpu-4gb x 2 nodes");
        DecisionMatrix.Option single = r.decisionMatrix().orElseThrow().options().stream()
                .filter(o -> o.nodes() == 1).findFirst().orElseThrow();
        assertThat(single.restoreEstimate()).contains("10.0 GiB");
        assertThat(single.backupRecency()).contains("2026-11-22T03:12:44Z");
    }
}
