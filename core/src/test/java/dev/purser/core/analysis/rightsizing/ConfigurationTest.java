package dev.purser.core.analysis.rightsizing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.purser.core.model.Money;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class ConfigurationTest {

    private static final long GIB = 1L << 30;

    private static ContainerLimits limits(double cpus, long memory, double cpuReservation, long memoryReservation) {
        return new ContainerLimits(OptionalDouble.of(cpus), OptionalLong.of(memory), OptionalDouble.of(cpuReservation),
                OptionalLong.of(memoryReservation));
    }

    @Test
    void machine_labelAndDisplayValues_asTextOutputShowsThem() {
        Configuration c = Configuration.machine("db-s-2vcpu-4gb", 2, 4 * GIB, OptionalInt.of(2),
                Optional.of(Money.of("120", "USD")));
        assertThat(c.label()).isEqualTo("db-s-2vcpu-4gb x 2 nodes");
        assertThat(c.values()).containsExactly(java.util.Map.entry("size", "db-s-2vcpu-4gb"),
                java.util.Map.entry("nodes", "2"), java.util.Map.entry("vcpus", "2"),
                java.util.Map.entry("memory_bytes", Long.toString(4 * GIB)));
        assertThat(Configuration.machine("", Double.NaN, Double.NaN, OptionalInt.empty(), Optional.empty()).label())
                .isEqualTo("unknown size");
    }

    @Test
    void machine_typedReads() {
        Configuration c = Configuration.machine("s-2vcpu-4gb", 2, 4 * GIB, OptionalInt.empty(), Optional.empty());
        assertThat(c.size()).contains("s-2vcpu-4gb");
        assertThat(c.nodes()).isEmpty();
        assertThat(c.cpus()).hasValue(2);
        assertThat(c.memoryBytes()).hasValue(4 * GIB);
        assertThat(c.container()).isEmpty();
    }

    @Test
    void compose_labelRoundsForPeopleButTypedReadsAreExact() {
        Configuration c = Configuration.compose(limits(0.503, 512L << 20, 0.25, 256L << 20), Optional.empty());
        assertThat(c.label()).isEqualTo("cpus 0.5, memory 512M");
        assertThat(c.cpus()).hasValue(0.503);
        assertThat(c.memoryBytes()).hasValue(512L << 20);
        assertThat(c.size()).isEmpty();
        assertThat(Configuration.compose(ContainerLimits.NONE, Optional.empty()).label()).isEqualTo("no limits");
    }

    @Test
    void kubernetes_labelInKubernetesQuantities() {
        Configuration c = Configuration.kubernetes(limits(2, 2 * GIB, 0.25, 300L << 20));
        assertThat(c.label()).isEqualTo("requests 250m/304Mi, limits 2/2Gi");
        assertThat(c.cpus()).isEmpty();
        assertThat(c.container().orElseThrow().cpusReservation()).hasValue(0.25);
        Configuration.KubernetesResources k = (Configuration.KubernetesResources) c.setting();
        assertThat(k.cpuRequest()).contains("250m");
        assertThat(k.memoryRequest()).contains("304Mi");
        assertThat(k.cpuLimit()).contains("2");
        assertThat(k.memoryLimit()).contains("2Gi");
        assertThat(((Configuration.KubernetesResources) Configuration.kubernetes(ContainerLimits.NONE).setting())
                .cpuRequest()).isEmpty();
    }

    @Test
    void canonical_exactSortedAndIndependentOfHowItWasBuilt() {
        Configuration a = Configuration.machine("db-s-1vcpu-2gb", 1.0, 2.0 * GIB, OptionalInt.of(1),
                Optional.of(Money.of("30.00", "USD")));
        Configuration b = new Configuration(new Configuration.MachineSize(Optional.of("db-s-1vcpu-2gb"),
                OptionalInt.of(1), OptionalDouble.of(1), OptionalLong.of(2 * GIB)), Optional.of(Money.of("30.00", "USD")));
        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
        assertThat(a.canonical()).isEqualTo(b.canonical())
                .isEqualTo("machine;memory_bytes=2147483648;nodes=1;size=db-s-1vcpu-2gb;vcpus=1;monthly_price=30 USD");
        assertThat(Configuration.compose(limits(0.5, GIB, 0.1, 128L << 20), Optional.empty()).canonical())
                .isEqualTo("compose;cpus_limit=0.5;cpus_reservation=0.1;memory_limit=1073741824;memory_reservation=134217728");
        assertThat(Configuration.kubernetes(limits(2, GIB, 1, GIB)).canonical())
                .isEqualTo("kubernetes;cpus_limit=2;cpus_request=1;memory_limit=1073741824;memory_request=1073741824");
        assertThat(Configuration.removed().canonical()).isEqualTo("removed");
    }

    @Test
    void sameAsWritten_differenceBelowFilePrecision_isNoChange() {
        Configuration now = Configuration.compose(limits(0.5, 512L << 20, 0.25, 256L << 20), Optional.empty());
        Configuration next = Configuration.compose(limits(0.501, 512L << 20, 0.25, 256L << 20), Optional.empty());
        assertThat(now.sameAsWritten(next)).isTrue();
        assertThat(now).isNotEqualTo(next);
    }

    @Test
    void machineSize_negativeVcpus_rejectedNamingTheField() {
        assertThatThrownBy(() -> new Configuration.MachineSize(Optional.of("x"), OptionalInt.empty(),
                OptionalDouble.of(-1), OptionalLong.empty())).hasMessageContaining("vcpus");
        assertThatThrownBy(() -> new Configuration.MachineSize(Optional.of("x"), OptionalInt.of(0),
                OptionalDouble.empty(), OptionalLong.empty())).hasMessageContaining("nodes");
    }

    @Test
    void change_valueEqualityCanonicalAndLabel() {
        Configuration from = Configuration.machine("db-s-2vcpu-4gb", 2, 4 * GIB, OptionalInt.of(2), Optional.empty());
        Configuration to = Configuration.machine("db-s-2vcpu-4gb", 2, 4 * GIB, OptionalInt.of(1), Optional.empty());
        RightsizingChange change = new RightsizingChange(from, to);
        assertThat(change).isEqualTo(new RightsizingChange(from, to));
        assertThat(change.none()).isFalse();
        assertThat(new RightsizingChange(from, from).none()).isTrue();
        assertThat(change.label()).isEqualTo("db-s-2vcpu-4gb x 2 nodes → db-s-2vcpu-4gb x 1 node");
        assertThat(change.canonical()).isEqualTo("from{machine;memory_bytes=4294967296;nodes=2;size=db-s-2vcpu-4gb;"
                + "vcpus=2} -> to{machine;memory_bytes=4294967296;nodes=1;size=db-s-2vcpu-4gb;vcpus=2}");
    }
}
