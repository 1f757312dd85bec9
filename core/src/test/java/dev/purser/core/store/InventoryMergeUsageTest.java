package dev.purser.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.within;

import dev.purser.core.error.ErrorCode;
import dev.purser.core.error.PurserException;
import dev.purser.core.ingest.InventoryLoad;
import dev.purser.core.model.Money;
import dev.purser.core.model.Resource;
import dev.purser.core.model.ResourceFacts;
import dev.purser.core.model.UsageSeries;
import dev.purser.core.testing.TestDatabase;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class InventoryMergeUsageTest {

    private static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");
    private static final Instant T1 = T0.plus(Duration.ofDays(2));
    private static final Duration STEP = Duration.ofMinutes(5);

    private static PurserDatabase db;
    private static InventoryRepository repo;
    private static int counter;
    /** Each test works in its own scenario of one database: ids are prefixed with it. */
    private String acme;

    @BeforeAll
    static void open() {
        db = TestDatabase.fresh();
        repo = new InventoryRepository(db.dataSource());
    }

    @AfterAll
    static void close() {
        db.close();
    }

    @BeforeEach
    void scenario() {
        acme = acme + (++counter);
        repo.replaceScenario(acme, List.of(vm(acme, "web-1", "s-2vcpu-4gb"), vm(acme, "web-2", "s-2vcpu-4gb")),
                List.of(series("web-1", "cpu_cores", 10, 1.0), series("web-1", "memory_bytes", 10, 2e9),
                        series("web-2", "cpu_cores", 10, 0.5)));
    }

    private Resource vm(String scenario, String id, String size) {
        return new Resource(scenario, id(id), id, "DigitalOcean", "droplet", size, "fra1",
                new Money(new BigDecimal("24.00"), Currency.getInstance("USD")), Map.of(),
                ResourceFacts.builder().compute(new ResourceFacts.Compute(OptionalDouble.of(2), OptionalLong.empty(),
                        OptionalDouble.empty(), OptionalDouble.empty())).build());
    }

    private String id(String local) {
        return acme + "/" + local;
    }

    private UsageSeries series(String local, String metric, int n, double value) {
        String id = id(local);
        List<UsageSeries.Sample> samples = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            samples.add(new UsageSeries.Sample(T0.plus(STEP.multipliedBy(i)), value));
        }
        return new UsageSeries(id, metric, "x", STEP, samples);
    }

    private double sum(String local, String metric) {
        return repo.usage(id(local), metric, T0, T1).orElseThrow().samples().stream().mapToDouble(UsageSeries.Sample::value).sum();
    }

    @Test
    void mergeUsage_givenSeries_replacesOnlyThoseAndKeepsTheRest() {
        InventoryLoad load = repo.mergeUsage(acme, List.of(), List.of(series("web-1", "cpu_cores", 4, 3.0)));

        assertThat(load.samples()).isEqualTo(4);
        assertThat(load.replacedSamples()).isEqualTo(10);
        assertThat(sum("web-1", "cpu_cores")).isEqualTo(12.0);
        assertThat(sum("web-1", "memory_bytes")).isEqualTo(2e10);
        assertThat(sum("web-2", "cpu_cores")).isEqualTo(5.0);
        assertThat(repo.resources(acme)).hasSize(2);
    }

    @Test
    void mergeUsage_newAndExistingResources_upsertedOthersKept() {
        Resource resized = vm(acme, "web-2", "s-4vcpu-8gb");
        Resource added = new Resource(acme, id("k8s/shop/api/app"), "shop/api/app", "Kubernetes", "container", null, null,
                null, Map.of(), ResourceFacts.builder().kubernetes(new ResourceFacts.KubernetesContainer(Optional.empty(),
                        "shop", "Deployment", "api", "app", ResourceFacts.ContainerResources.UNSET,
                        ResourceFacts.ContainerResources.UNSET)).build());

        InventoryLoad load = repo.mergeUsage(acme, List.of(resized, added),
                List.of(series("k8s/shop/api/app", "cpu_cores", 3, 0.2)));

        assertThat(load.resources()).isEqualTo(2);
        assertThat(load.replacedResources()).isEqualTo(1);
        assertThat(repo.resources(acme)).extracting(Resource::id)
                .containsExactly(id("k8s/shop/api/app"), id("web-1"), id("web-2"));
        assertThat(repo.resources(acme)).filteredOn(r -> r.id().equals(id("web-2"))).singleElement()
                .extracting(Resource::size).isEqualTo("s-4vcpu-8gb");
        assertThat(sum("web-2", "cpu_cores")).isEqualTo(5.0);
        assertThat(sum("k8s/shop/api/app", "cpu_cores")).isCloseTo(0.6, within(1e-9));
    }

    @Test
    void mergeUsage_seriesOfUnknownResource_badArgumentNothingWritten() {
        PurserException e = catchThrowableOfType(PurserException.class, () -> repo.mergeUsage(acme,
                List.of(vm(acme, "web-3", "s-1vcpu-1gb")),
                List.of(series("web-1", "cpu_cores", 2, 9.0), series("ghost", "cpu_cores", 2, 1.0))));

        assertThat(e.code()).isEqualTo(ErrorCode.BAD_ARGUMENT);
        assertThat(e.getMessage()).contains("ghost");
        assertThat(repo.resources(acme)).extracting(Resource::id).containsExactly(id("web-1"), id("web-2"));
        assertThat(sum("web-1", "cpu_cores")).isEqualTo(10.0);
    }

    @Test
    void mergeUsage_resourceOfAnotherScenarioOrRepeatedSeries_badArgument() {
        PurserException other = catchThrowableOfType(PurserException.class,
                () -> repo.mergeUsage(acme, List.of(vm(acme + "-other", "x", "s-1vcpu-1gb")), List.of()));
        PurserException repeated = catchThrowableOfType(PurserException.class, () -> repo.mergeUsage(acme, List.of(),
                List.of(series("web-1", "cpu_cores", 2, 1.0), series("web-1", "cpu_cores", 3, 1.0))));

        assertThat(other.code()).isEqualTo(ErrorCode.BAD_ARGUMENT);
        assertThat(repeated.code()).isEqualTo(ErrorCode.BAD_ARGUMENT);
        assertThat(sum("web-1", "cpu_cores")).isEqualTo(10.0);
    }

    @Test
    void mergeUsage_resourceIdWithSamplesInAnotherScenario_badArgumentNothingWritten() {
        repo.replaceScenario(acme + "-other", List.of(vm(acme + "-other", "shared", "s-1vcpu-1gb")),
                List.of(series("shared", "cpu_cores", 5, 1.0)));
        repo.mergeUsage(acme, List.of(vm(acme, "shared", "s-1vcpu-1gb")), List.of());

        PurserException e = catchThrowableOfType(PurserException.class, () -> repo.mergeUsage(acme, List.of(),
                List.of(series("web-1", "cpu_cores", 2, 7.0), series("shared", "cpu_cores", 5, 2.0))));

        assertThat(e.code()).isEqualTo(ErrorCode.BAD_ARGUMENT);
        assertThat(sum("web-1", "cpu_cores")).isEqualTo(10.0);
        assertThat(sum("shared", "cpu_cores")).isEqualTo(5.0);
    }

    @Test
    void mergeUsage_twice_sameSamplesNotDoubled() {
        List<UsageSeries> s = List.of(series("web-2", "connections", 6, 1.0));
        repo.mergeUsage(acme, List.of(), s);
        InventoryLoad second = repo.mergeUsage(acme, List.of(), s);

        assertThat(second.replacedSamples()).isEqualTo(6);
        assertThat(sum("web-2", "connections")).isEqualTo(6.0);
    }

    @Test
    void replaceScenario_sameResourcesUnderAnotherName_isRefusedNamingTheAccountThatHoldsThem() {
        String other = acme + "-renamed";
        List<Resource> same = List.of(new Resource(other, id("web-1"), "web-1", "DigitalOcean", "droplet",
                "s-2vcpu-4gb", "fra1", null, Map.of(), ResourceFacts.NONE));

        assertThatThrownBy(() -> repo.replaceScenario(other, same, List.of(series("web-1", "cpu_cores", 3, 1.0))))
                .isInstanceOfSatisfying(PurserException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.BAD_ARGUMENT);
                    assertThat(e.getMessage()).contains("already has usage stored under account " + acme,
                            "--account " + acme);
                });
        assertThat(repo.resources(other)).isEmpty();
        assertThat(sum("web-1", "cpu_cores")).isEqualTo(10.0);
    }
}
