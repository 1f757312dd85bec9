package dev.purser.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class ResourceFactsTest {

    @Test
    void compute_negativeOrZeroVcpus_rejectedNamingTheField() {
        assertThatThrownBy(() -> ResourceFacts.Compute.of(0, 1L << 30))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("vcpus");
        assertThatThrownBy(() -> ResourceFacts.Compute.of(2, -1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("memoryBytes");
        assertThatThrownBy(() -> new ResourceFacts.Compute(OptionalDouble.of(Double.NaN), OptionalLong.empty(),
                OptionalDouble.empty(), OptionalDouble.empty())).hasMessageContaining("vcpus");
    }

    @Test
    void databaseCluster_noNodesOrBlankEngine_rejected() {
        assertThatThrownBy(() -> ResourceFacts.DatabaseCluster.of("pg", 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nodes");
        assertThatThrownBy(() -> ResourceFacts.DatabaseCluster.of(" ", 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("engine");
        assertThatThrownBy(() -> new ResourceFacts.DatabaseCluster("pg", Optional.empty(), 1, OptionalLong.empty(),
                OptionalInt.of(0), Optional.empty(), Optional.empty(), List.of()))
                .hasMessageContaining("maxConnections");
    }

    @Test
    void autoscaler_minAboveMax_rejected() {
        assertThatThrownBy(() -> new ResourceFacts.Autoscaler("hpa", OptionalInt.of(5), OptionalInt.of(2)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("min 5 is above max 2");
    }

    @Test
    void scaling_autoscaledOnlyWithAnAutoscaler() {
        assertThat(new ResourceFacts.Scaling(3, Optional.empty()).autoscaled()).isFalse();
        assertThat(new ResourceFacts.Scaling(3, Optional.of(ResourceFacts.Autoscaler.named("hpa"))).autoscaled())
                .isTrue();
        assertThatThrownBy(() -> new ResourceFacts.Scaling(-1, Optional.empty())).hasMessageContaining("replicas");
    }

    @Test
    void attachment_detachedNamingATarget_rejected() {
        assertThatThrownBy(() -> new ResourceFacts.Attachment(false, List.of("i-1")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not attached");
        assertThat(ResourceFacts.Attachment.to(List.of("i-1")).attached()).isTrue();
    }

    @Test
    void containerResources_negative_rejectedZeroKept() {
        assertThatThrownBy(() -> ResourceFacts.ContainerResources.of(-0.5, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cpus");
        assertThat(ResourceFacts.ContainerResources.of(0, 0).cpus()).hasValue(0);
    }

    @Test
    void kubernetesContainer_blankWorkload_rejected() {
        assertThatThrownBy(() -> new ResourceFacts.KubernetesContainer(Optional.empty(), "shop", "Deployment", "",
                "app", ResourceFacts.ContainerResources.UNSET, ResourceFacts.ContainerResources.UNSET))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("workload");
    }

    @Test
    void storage_negativeSize_rejected() {
        assertThatThrownBy(() -> ResourceFacts.Storage.ofGib(new BigDecimal("-1")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sizeGib");
    }

    @Test
    void composeSource_negativeBudget_rejected() {
        assertThatThrownBy(() -> new ResourceFacts.ComposeSource(Optional.empty(), Optional.empty(),
                Optional.of(Money.of("-1", "USD")))).hasMessageContaining("monthlyBudget");
    }

    @Test
    void build_blankTextsDroppedAndDetailsSorted() {
        ResourceFacts f = ResourceFacts.builder().state(" ").account("").addresses(List.of(" 10.0.0.5 ", ""))
                .detail("b", 2).detail("a", "x").detail("none", null).build();
        assertThat(f.state()).isEmpty();
        assertThat(f.account()).isEmpty();
        assertThat(f.addresses()).containsExactly("10.0.0.5");
        assertThat(f.details()).isEqualTo(Map.of("a", "x", "b", "2"));
        assertThat(f.toBuilder().build()).isEqualTo(f);
    }

    @Test
    void resource_environmentAndTier_fromTagsElseName() {
        Resource tagged = new Resource("s", "1", "db", "DigitalOcean", "database-cluster", null, null, null,
                Map.of("env", "prd", "tier", "Critical"), ResourceFacts.NONE);
        Resource named = new Resource("s", "2", "sso-prod", "DigitalOcean", "database-cluster", null, null, null,
                Map.of(), null);
        assertThat(tagged.environment()).isEqualTo("production");
        assertThat(tagged.critical()).isTrue();
        assertThat(named.environment()).isEqualTo("production");
        assertThat(named.critical()).isFalse();
        assertThat(named.facts()).isEqualTo(ResourceFacts.NONE);
    }
}
