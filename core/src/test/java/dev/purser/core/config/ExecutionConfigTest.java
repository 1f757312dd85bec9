package dev.purser.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.purser.core.error.ErrorCode;
import dev.purser.core.error.PurserException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The {@code execution} section: defaults, every key's mapping, and each bad value named by key and line. */
class ExecutionConfigTest {

    private static final Path BASE = Path.of("/etc/purser");

    private static PurserConfig parse(String yaml) {
        return ConfigLoader.parse(yaml, "purser.yaml", BASE);
    }

    private static String failure(String yaml) {
        PurserException e = catchThrowableOfType(PurserException.class, () -> parse(yaml));
        assertThat(e.code()).isEqualTo(ErrorCode.BAD_ARGUMENT);
        return e.getMessage();
    }

    @Test
    void defaults_dryRunRealApiNoQueriesAndTimings() {
        ExecutionConfig c = parse("").execution();
        assertThat(c).isEqualTo(ExecutionConfig.defaults());
        assertThat(c.mode()).isEqualTo("dry-run");
        assertThat(c.live()).isFalse();
        assertThat(c.digitalocean().baseUrl()).isEqualTo(URI.create("https://api.digitalocean.com"));
        assertThat(c.digitalocean().tokenEnv()).isEqualTo("DIGITALOCEAN_TOKEN");
        assertThat(c.prometheus().url()).isNull();
        assertThat(c.prometheus().queries()).isEmpty();
        assertThat(c.timing()).isEqualTo(new ExecutionConfig.Timing(Duration.ofHours(1), Duration.ofHours(2),
                Duration.ofHours(2), Duration.ofMinutes(1), Duration.ofHours(2), Duration.ofSeconds(10)));
        assertThat(c.gitops().sourceDir()).isNull();
        assertThat(c.gitops().composeFile()).isEqualTo("docker-compose.yml");
        assertThat(c.gitops().kubernetesManifests()).isEmpty();
        assertThat(c.gitops().kubernetesDir()).isEqualTo(".");
        assertThat(c.gitops().outputDir(Path.of("/var/lib/purser"))).isEqualTo(Path.of("/var/lib/purser/gitops"));
        assertThat(c.requireEveryTrigger()).isTrue();
    }

    @Test
    void parse_everyKey() {
        PurserConfig p = parse("""
                home: /var/lib/purser
                execution:
                  mode: live
                  require_every_trigger: false
                  digitalocean:
                    base_url: http://localhost:8089
                    token_env: PURSER_DO_WRITE_TOKEN
                  prometheus:
                    url: http://prometheus.monitoring:9090
                    queries:
                      query_p95_ms: 'pg_query_p95_ms{cluster="{resource}"}'
                      cpu_percent: 'do_cpu{name="{resource}"}'
                  timing:
                    baseline_window: 30m
                    settle_deadline: 1h
                    fork_deadline: 90m
                    check_interval: 30s
                    rollback_deadline: 45m
                    poll_interval: 5s
                  gitops:
                    source_dir: /srv/infra
                    output_dir: /srv/infra/purser-changes
                    compose_file: stacks/mandible/docker-compose.yml
                    kubernetes_dir: k8s
                    kubernetes_manifests:
                      shop/checkout: k8s/overlays/prod/checkout.yaml
                      kube-system/coredns.v2: k8s/system/coredns.yml
                """);
        ExecutionConfig c = p.execution();
        assertThat(c.live()).isTrue();
        assertThat(c.requireEveryTrigger()).isFalse();
        assertThat(c.digitalocean()).isEqualTo(new DigitalOceanConfig(URI.create("http://localhost:8089"),
                "PURSER_DO_WRITE_TOKEN"));
        assertThat(c.prometheus()).isEqualTo(new ExecutionConfig.Prometheus(URI.create("http://prometheus.monitoring:9090"),
                Map.of("query_p95_ms", "pg_query_p95_ms{cluster=\"{resource}\"}", "cpu_percent",
                        "do_cpu{name=\"{resource}\"}")));
        assertThat(c.timing()).isEqualTo(new ExecutionConfig.Timing(Duration.ofMinutes(30), Duration.ofHours(1),
                Duration.ofMinutes(90), Duration.ofSeconds(30), Duration.ofMinutes(45), Duration.ofSeconds(5)));
        assertThat(c.gitops()).isEqualTo(new ExecutionConfig.GitOps(Path.of("/srv/infra"),
                Path.of("/srv/infra/purser-changes"), "stacks/mandible/docker-compose.yml",
                Map.of("shop/checkout", "k8s/overlays/prod/checkout.yaml", "kube-system/coredns.v2",
                        "k8s/system/coredns.yml"), "k8s"));
        assertThat(c.gitops().outputDir(p.home())).isEqualTo(Path.of("/srv/infra/purser-changes"));
    }

    @Test
    void parse_relativeGitopsDirs_resolveAgainstTheFile() {
        ExecutionConfig c = parse("home: /etc/purser/home\nexecution:\n  gitops: {source_dir: infra, output_dir: home/out}\n")
                .execution();
        assertThat(c.gitops().sourceDir()).isEqualTo(Path.of("/etc/purser/infra"));
        assertThat(c.gitops().outputDir(Path.of("/etc/purser/home"))).isEqualTo(Path.of("/etc/purser/home/out"));
    }

    @Test
    void parse_unknownKey_namesPathAndKnownKeys() {
        assertThat(failure("execution:\n  mod: live\n")).startsWith("purser.yaml:2: unknown key 'execution.mod'")
                .contains("mode").contains("timing");
        assertThat(failure("execution:\n  timing:\n    soak: 1h\n"))
                .startsWith("purser.yaml:3: unknown key 'execution.timing.soak'").contains("settle_deadline");
    }

    @Test
    void parse_badValues_nameTheKey() {
        assertThat(failure("execution:\n  mode: yolo\n")).contains("'execution.mode': unknown value 'yolo'")
                .contains("dry-run, live");
        assertThat(failure("execution:\n  timing:\n    poll_interval: 0s\n"))
                .contains("'execution.timing.poll_interval': must be positive");
        assertThat(failure("execution:\n  timing:\n    settle_deadline: soon\n"))
                .contains("'execution.timing.settle_deadline'").contains("expected a duration");
        assertThat(failure("execution:\n  prometheus:\n    queries: {query_p95_ms: 'pg_p95'}\n"))
                .contains("execution.prometheus.queries.query_p95_ms").contains("{resource}");
        assertThat(failure("execution:\n  prometheus:\n    queries: {Bad-Metric: 'x{a=\"{resource}\"}'}\n"))
                .contains("execution.prometheus.queries.Bad-Metric");
        assertThat(failure("execution:\n  digitalocean:\n    base_url: http://api.example.com\n"))
                .contains("'execution.digitalocean.base_url': must be https");
        assertThat(failure("execution:\n  gitops:\n    compose_file: ../../etc/passwd\n"))
                .contains("'execution.gitops.compose_file'");
    }

    @Test
    void parse_badKubernetesManifests_nameTheKey() {
        assertThat(failure("execution:\n  gitops:\n    kubernetes_manifests:\n      checkout: k8s/checkout.yaml\n"))
                .contains("'execution.gitops.kubernetes_manifests.checkout': name a workload as namespace/name");
        assertThat(failure("execution:\n  gitops:\n    kubernetes_manifests:\n      shop/Checkout: k8s/c.yaml\n"))
                .contains("'execution.gitops.kubernetes_manifests.shop/Checkout'");
        assertThat(failure("execution:\n  gitops:\n    kubernetes_manifests:\n      shop/checkout: ../../etc/passwd\n"))
                .contains("'execution.gitops.kubernetes_manifests.shop/checkout': must be a path relative to "
                        + "source_dir, inside it");
        assertThat(failure("execution:\n  gitops:\n    kubernetes_manifests:\n      shop/checkout: /etc/passwd\n"))
                .contains("must be a path relative to source_dir");
        assertThat(failure("execution:\n  gitops:\n    kubernetes_manifests:\n      shop/checkout: ''\n"))
                .contains("give the manifest's path");
        assertThat(failure("execution:\n  gitops:\n    kubernetes_dir: k8s/../..\n"))
                .contains("'execution.gitops.kubernetes_dir': must be a path relative to source_dir");
        assertThat(failure("execution:\n  gitops:\n    kubernetes_manifest: {}\n"))
                .contains("unknown key 'execution.gitops.kubernetes_manifest'").contains("kubernetes_manifests");
    }

    @Test
    void parse_secretInsteadOfVariableName_isRefusedWithoutEchoingIt() {
        String message = failure("execution:\n  digitalocean:\n    token_env: \"dop_v1_abc def\"\n");
        assertThat(message).contains("execution.digitalocean.token_env").doesNotContain("dop_v1_abc");
    }

    @Test
    void parse_outputDirOutsideHomeAndSource_isRefused() {
        String message = failure("home: /var/lib/purser\nexecution:\n  gitops: {output_dir: /etc/cron.d}\n");
        assertThat(message).startsWith("purser.yaml:3:").contains("'execution.gitops.output_dir': must lie inside "
                + "Purser's home (/var/lib/purser)").contains("/etc/cron.d");
        assertThat(failure("home: /var/lib/purser\nexecution:\n  gitops: {source_dir: /srv/infra, output_dir: "
                + "/srv/infra/../other}\n")).contains("or the GitOps source_dir (/srv/infra)");
    }
}
