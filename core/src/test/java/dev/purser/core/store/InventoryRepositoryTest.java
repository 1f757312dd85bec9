package dev.purser.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.purser.core.demo.DemoScenarios;
import dev.purser.core.demo.Scenario;
import dev.purser.core.error.ErrorCode;
import dev.purser.core.error.PurserException;
import dev.purser.core.ingest.InventoryLoad;
import dev.purser.core.model.Resource;
import dev.purser.core.model.ResourceFacts;
import dev.purser.core.model.UsageSeries;
import dev.purser.core.testing.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class InventoryRepositoryTest {

    private static Scenario mandible;
    private static Scenario investment;
    private PurserDatabase db;
    private InventoryRepository repo;

    @BeforeAll
    static void scenarios() {
        LocalDate last = LocalDate.of(2026, 11, 22);
        mandible = DemoScenarios.generate("mandible", last);
        investment = DemoScenarios.generate("investment", last);
    }

    @BeforeEach
    void open() {
        db = TestDatabase.fresh();
        repo = new InventoryRepository(db.dataSource());
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void replaceScenario_twice_noDuplicates() throws SQLException {
        long expectedSamples = samples(mandible);
        InventoryLoad first = repo.replaceScenario("mandible", mandible.inventory(), mandible.usage());
        long start = System.nanoTime();
        InventoryLoad second = repo.replaceScenario("mandible", mandible.inventory(), mandible.usage());
        System.out.printf("replaced %d resources and %d samples in %d ms%n", second.resources(), second.samples(),
                (System.nanoTime() - start) / 1_000_000);

        assertThat(first.samples()).isEqualTo(expectedSamples);
        assertThat(first.replacedSamples()).isZero();
        assertThat(second.replacedResources()).isEqualTo(mandible.inventory().size());
        assertThat(second.replacedSamples()).isEqualTo(expectedSamples);
        assertThat(count("SELECT count(*) FROM resource")).isEqualTo(mandible.inventory().size());
        assertThat(count("SELECT count(*) FROM usage_sample")).isEqualTo(expectedSamples);
    }

    @Test
    void replaceScenario_otherScenarioUntouched() throws SQLException {
        repo.replaceScenario("mandible", mandible.inventory(), mandible.usage());
        repo.replaceScenario("investment", investment.inventory(), investment.usage());
        repo.replaceScenario("mandible", mandible.inventory().subList(0, 2), List.of());

        assertThat(repo.resources("mandible")).hasSize(2);
        assertThat(repo.resources("investment")).containsExactlyInAnyOrderElementsOf(investment.inventory());
        assertThat(repo.resources(null)).hasSize(2 + investment.inventory().size());
        assertThat(count("SELECT count(*) FROM usage_sample")).isEqualTo(samples(investment));
    }

    @Test
    void resources_roundTripEveryField() {
        repo.replaceScenario("mandible", mandible.inventory(), mandible.usage());
        List<Resource> read = repo.resources("mandible");
        assertThat(read).containsExactlyInAnyOrderElementsOf(mandible.inventory());
        assertThat(read).extracting(Resource::id).isSorted();
        assertThat(repo.resources("nobody")).isEmpty();
    }

    @Test
    void usage_window_returnsExactlyThoseSamples() {
        repo.replaceScenario("mandible", mandible.inventory(), mandible.usage());
        UsageSeries stored = mandible.usage().stream()
                .filter(u -> u.metric().equals("connections")).findFirst().orElseThrow();
        Instant from = stored.samples().get(100).at();
        Instant to = stored.samples().get(200).at();

        UsageSeries read = repo.usage(stored.resourceId(), "connections", from, to).orElseThrow();

        assertThat(read.unit()).isEqualTo(stored.unit());
        assertThat(read.step()).isEqualTo(Duration.ofMinutes(15));
        assertThat(read.samples()).isEqualTo(stored.samples().subList(100, 200));
        assertThat(repo.metrics(stored.resourceId())).containsExactly("connections", "cpu_percent", "memory_bytes");
    }

    @Test
    void usage_emptyWindow_emptySeriesWithUnit() {
        repo.replaceScenario("mandible", mandible.inventory(), mandible.usage());
        UsageSeries stored = mandible.usage().get(0);
        UsageSeries read = repo.usage(stored.resourceId(), stored.metric(),
                Instant.parse("2020-01-01T00:00:00Z"), Instant.parse("2020-01-02T00:00:00Z")).orElseThrow();
        assertThat(read.samples()).isEmpty();
        assertThat(read.unit()).isEqualTo(stored.unit());
    }

    @Test
    void usage_unknownSeries_empty() {
        assertThat(repo.usage("nope", "cpu_percent", Instant.EPOCH, Instant.EPOCH.plusSeconds(60))).isEmpty();
    }

    @Test
    void usage_reversedWindow_badArgument() {
        assertThatThrownBy(() -> repo.usage("x", "cpu_percent", Instant.EPOCH.plusSeconds(60), Instant.EPOCH))
                .isInstanceOf(PurserException.class)
                .extracting(e -> ((PurserException) e).code()).isEqualTo(ErrorCode.BAD_ARGUMENT);
    }

    @Test
    void replaceScenario_seriesOfUnknownResource_badArgumentAndNothingLands() throws SQLException {
        repo.replaceScenario("mandible", mandible.inventory(), mandible.usage());
        UsageSeries orphan = new UsageSeries("ghost", "cpu_percent", "percent", Duration.ofMinutes(15),
                List.of(new UsageSeries.Sample(Instant.EPOCH, 1)));
        assertThatThrownBy(() -> repo.replaceScenario("mandible", mandible.inventory(), List.of(orphan)))
                .isInstanceOf(PurserException.class)
                .extracting(e -> ((PurserException) e).code()).isEqualTo(ErrorCode.BAD_ARGUMENT);
        assertThat(count("SELECT count(*) FROM usage_sample")).isEqualTo(samples(mandible));
    }

    @Test
    void replaceScenario_resourceOfOtherScenario_badArgument() {
        Resource foreign = new Resource("other", "id-1", "n", "AWS", "ec2-instance", null, null, null,
                Map.of(), ResourceFacts.NONE);
        assertThatThrownBy(() -> repo.replaceScenario("mandible", List.of(foreign), List.of()))
                .isInstanceOf(PurserException.class)
                .extracting(e -> ((PurserException) e).code()).isEqualTo(ErrorCode.BAD_ARGUMENT);
    }

    @Test
    void replaceScenario_samplesOfAnotherScenariosResource_rolledBack() throws SQLException {
        repo.replaceScenario("mandible", mandible.inventory(), mandible.usage());
        List<Resource> copies = mandible.inventory().stream().map(r -> new Resource("copy", r.id(), r.name(),
                r.provider(), r.kind(), r.size(), r.region(), r.monthlyPrice(), r.tags(), r.facts())).toList();
        assertThatThrownBy(() -> repo.replaceScenario("copy", copies, mandible.usage()))
                .isInstanceOf(PurserException.class)
                .extracting(e -> ((PurserException) e).code()).isEqualTo(ErrorCode.BAD_ARGUMENT);
        assertThat(repo.resources("copy")).isEmpty();
        assertThat(count("SELECT count(*) FROM usage_sample")).isEqualTo(samples(mandible));
    }

    @Test
    void resources_everyDemoScenario_factsRoundTripThroughTheStore() {
        for (Scenario s : List.of(mandible, investment, DemoScenarios.generate("livyflow", LocalDate.of(2026, 11, 22)))) {
            repo.replaceScenario(s.name(), s.inventory(), List.of());
            assertThat(repo.resources(s.name())).containsExactlyInAnyOrderElementsOf(s.inventory());
        }
    }

    @Test
    void resources_rowStoredBeforeTypedFacts_readThroughTheOldKeys() throws SQLException {
        try (Connection c = db.dataSource().getConnection(); Statement st = c.createStatement()) {
            st.execute("INSERT INTO resource (scenario, id, name, provider, kind, size, region, monthly_price, currency,"
                    + " tags, attributes) VALUES ('old', 'db-1', 'sso-prod', 'DigitalOcean', 'database-cluster',"
                    + " 'db-s-2vcpu-4gb', 'nyc3', 120, 'USD', '{\"env\": \"prod\"}', '{\"num_nodes\": \"2\","
                    + " \"engine\": \"pg\", \"storage_gb\": \"10\", \"latest_backup\": \"2026-11-22T03:12:44Z\","
                    + " \"vcpus\": \"2\", \"memory_mib\": \"4096\", \"status\": \"online\", \"do_tags\": \"prod\"}')");
        }
        Resource old = repo.resources("old").get(0);
        ResourceFacts.DatabaseCluster cluster = old.facts().database().orElseThrow();
        assertThat(cluster.nodes()).isEqualTo(2);
        assertThat(cluster.storageUsedBytes()).hasValue(10L << 30);
        assertThat(cluster.lastBackup()).contains(Instant.parse("2026-11-22T03:12:44Z"));
        assertThat(old.facts().compute()).contains(new ResourceFacts.Compute(java.util.OptionalDouble.of(2),
                java.util.OptionalLong.of(4L << 30), java.util.OptionalDouble.empty(), java.util.OptionalDouble.empty()));
        assertThat(old.facts().state()).contains("online");
        assertThat(old.facts().details()).containsEntry("do_tags", "prod").doesNotContainKey("num_nodes");
    }

    private static long samples(Scenario s) {
        return s.usage().stream().mapToLong(u -> u.samples().size()).sum();
    }

    private long count(String sql) throws SQLException {
        try (Connection c = db.dataSource().getConnection(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
