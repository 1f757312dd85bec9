package dev.purser.core.cloud.prometheus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.purser.core.error.ErrorCode;
import dev.purser.core.error.PurserException;
import dev.purser.core.model.Resource;
import dev.purser.core.model.ResourceFacts;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PodWorkloadsAndMatcherTest {

    @Test
    void fromPodName_controllerSuffixes_giveKindAndName() {
        assertThat(PodWorkloads.fromPodName("api-7d4b9c8f6-x2k9p"))
                .isEqualTo(new PodWorkloads.Workload("Deployment", "api"));
        assertThat(PodWorkloads.fromPodName("checkout-web-5f8b6c9d7b-q7w4z"))
                .isEqualTo(new PodWorkloads.Workload("Deployment", "checkout-web"));
        assertThat(PodWorkloads.fromPodName("postgres-0")).isEqualTo(new PodWorkloads.Workload("StatefulSet", "postgres"));
        assertThat(PodWorkloads.fromPodName("fluentd-x2k9p")).isEqualTo(new PodWorkloads.Workload("DaemonSet", "fluentd"));
        assertThat(PodWorkloads.fromPodName("standalone")).isEqualTo(new PodWorkloads.Workload("Pod", "standalone"));
    }

    @Test
    void fromPodName_wordsWithVowels_notTakenForHashes() {
        assertThat(PodWorkloads.fromPodName("kube-proxy-x2k9p")).isEqualTo(new PodWorkloads.Workload("DaemonSet", "kube-proxy"));
        assertThat(PodWorkloads.fromReplicaSetName("api-7d4b9c8f6")).isEqualTo(new PodWorkloads.Workload("Deployment", "api"));
    }

    private static Resource r(String id, String name, String kind, ResourceFacts facts) {
        return new Resource("s", id, name, "DigitalOcean", kind, null, null, null, Map.of(), facts);
    }

    @Test
    void match_explicitLinkBeatsNameBeatsAddress() {
        List<Resource> rs = List.of(
                r("1", "api-1", "droplet", ResourceFacts.builder().addresses(List.of("10.0.0.5")).build()),
                r("2", "other", "droplet", ResourceFacts.builder().prometheusInstance("api-1:9100").build()),
                r("3", "10.0.0.5", "volume", ResourceFacts.NONE));
        InstanceMatcher m = new InstanceMatcher(rs, InstanceMatcher.MACHINE_KINDS);

        assertThat(m.match("api-1:9100").resource()).map(Resource::id).hasValue("2");
        assertThat(m.match("10.0.0.5:9100").resource()).map(Resource::id).hasValue("1");
        assertThat(m.match("10.0.0.6:9100").resource()).isEmpty();
    }

    @Test
    void match_twoEqualFits_ambiguousNotGuessed_machinesPreferredOverDatabases() {
        List<Resource> rs = List.of(r("1", "box", "droplet", ResourceFacts.NONE), r("2", "box", "vm", ResourceFacts.NONE),
                r("3", "pg", "droplet", ResourceFacts.NONE), r("4", "pg", "database-cluster", ResourceFacts.NONE));
        Set<String> kinds = Set.of("droplet", "vm", "database-cluster");
        InstanceMatcher m = new InstanceMatcher(rs, kinds);

        assertThat(m.match("box:9100").resource()).isEmpty();
        assertThat(m.match("box:9100").ambiguous()).hasSize(2);
        assertThat(m.match("pg:9100").resource()).map(Resource::id).hasValue("3");
    }

    @Test
    void hostPart_portsAndIpv6() {
        assertThat(InstanceMatcher.hostPart("10.0.0.5:9100")).isEqualTo("10.0.0.5");
        assertThat(InstanceMatcher.hostPart("[fd00::5]:9100")).isEqualTo("fd00::5");
        assertThat(InstanceMatcher.hostPart("fd00::5")).isEqualTo("fd00::5");
        assertThat(InstanceMatcher.hostPart("node-1")).isEqualTo("node-1");
    }

    @Test
    void usageQueries_overrides_labelsAndSwitchOff() {
        UsageQueries q = UsageQueries.of(Map.of("postgres.connections", "sum by (server) (pg_stat_activity_count)",
                "postgres.connections.labels", "server", "cadvisor.cpu_cores", ""));

        assertThat(q.query(UsageQuery.DATABASE_CONNECTIONS)).hasValueSatisfying(mq -> {
            assertThat(mq.promql()).isEqualTo("sum by (server) (pg_stat_activity_count)");
            assertThat(mq.resourceLabels()).containsExactly("server");
        });
        assertThat(q.query(UsageQuery.CONTAINER_CPU)).isEmpty();
        assertThat(q.query(UsageQuery.NODE_CPU)).hasValue(UsageQuery.NODE_CPU.defaultQuery());
    }

    @Test
    void usageQueries_unknownKey_badArgumentListingKnownKeys() {
        PurserException e = catchThrowableOfType(PurserException.class,
                () -> UsageQueries.of(Map.of("node.cpu", "up")));

        assertThat(e.code()).isEqualTo(ErrorCode.BAD_ARGUMENT);
        assertThat(e.getMessage()).contains("node.cpu", "node.cpu_cores");
    }
}
