package dev.purser.core.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * How approved plans are run: whether executors really change resources, where they call, where
 * the soak reads its metrics, how long each step may take, and where GitOps changes are written.
 *
 * @param mode                {@code dry-run} (the default: every step is prepared, journalled and
 *                            audited, nothing is sent to a provider or written to a file) or {@code live}
 * @param digitalocean        the DigitalOcean API executors call; its token is read from the
 *                            variable {@code token_env} names (a write token), never from the file
 * @param prometheus          where the soak reads trigger metrics
 * @param timing              how long each step may take and how often it is polled
 * @param gitops              where GitOps changes are read from and written to
 * @param requireEveryTrigger true (the default): a trigger whose metric has no configured source
 *                            leaves the soak unverified and a person is asked; false: such triggers
 *                            are not checked, and the phase's result names them; the same holds for
 *                            a {@code metrics_in_band} pre-check metric with no source, before the change
 */
public record ExecutionConfig(String mode, DigitalOceanConfig digitalocean, Prometheus prometheus, Timing timing,
        GitOps gitops, Boolean requireEveryTrigger) {

    public static final String DRY_RUN = "dry-run";
    public static final String LIVE = "live";

    public ExecutionConfig {
        mode = Check.oneOf("mode", mode, DRY_RUN, DRY_RUN, LIVE);
        digitalocean = digitalocean == null ? DigitalOceanConfig.defaults() : digitalocean;
        prometheus = prometheus == null ? Prometheus.defaults() : prometheus;
        timing = timing == null ? Timing.defaults() : timing;
        gitops = gitops == null ? GitOps.defaults() : gitops;
        requireEveryTrigger = requireEveryTrigger == null ? Boolean.TRUE : requireEveryTrigger;
    }

    public static ExecutionConfig defaults() {
        return new ExecutionConfig(null, null, null, null, null, null);
    }

    /** Whether executors really call providers and write files. */
    public boolean live() {
        return LIVE.equals(mode);
    }

    public ExecutionConfig withMode(String newMode) {
        return new ExecutionConfig(newMode, digitalocean, prometheus, timing, gitops, requireEveryTrigger);
    }

    public ExecutionConfig withDigitalocean(DigitalOceanConfig value) {
        return new ExecutionConfig(mode, value, prometheus, timing, gitops, requireEveryTrigger);
    }

    public ExecutionConfig withPrometheus(Prometheus value) {
        return new ExecutionConfig(mode, digitalocean, value, timing, gitops, requireEveryTrigger);
    }

    public ExecutionConfig withTiming(Timing value) {
        return new ExecutionConfig(mode, digitalocean, prometheus, value, gitops, requireEveryTrigger);
    }

    public ExecutionConfig withGitops(GitOps value) {
        return new ExecutionConfig(mode, digitalocean, prometheus, timing, value, requireEveryTrigger);
    }

    public ExecutionConfig withRequireEveryTrigger(boolean value) {
        return new ExecutionConfig(mode, digitalocean, prometheus, timing, gitops, value);
    }

    /**
     * Checks that a configured GitOps output directory lies inside Purser's home or the GitOps
     * source directory, so a configuration cannot make Purser write files anywhere on the machine.
     *
     * @throws SettingException naming {@code execution.gitops.output_dir} when it lies elsewhere
     */
    ExecutionConfig checkedIn(Path home) {
        gitops.outputDir(home);
        return this;
    }

    /**
     * The metrics the soak reads from Prometheus.
     *
     * @param url     Prometheus's base URL; null to use the {@code prometheus} section's
     * @param queries trigger metric ({@code query_p95_ms}) → PromQL with {@code {resource}} where
     *                the resource's name goes ({@code pg_query_p95_ms{cluster="{resource}"}})
     */
    public record Prometheus(URI url, Map<String, String> queries) {

        private static final Pattern METRIC = Pattern.compile("[a-z][a-z0-9_]{0,63}");

        public Prometheus {
            url = Check.httpUrl("url", url, null);
            TreeMap<String, String> q = new TreeMap<>();
            for (Map.Entry<String, String> e : Check.map(queries).entrySet()) {
                if (!METRIC.matcher(e.getKey()).matches()) {
                    throw new SettingException("queries." + e.getKey(), "a trigger metric is a lower-case word such "
                            + "as query_p95_ms");
                }
                String template = e.getValue() == null ? "" : e.getValue().trim();
                if (!template.contains("{resource}")) {
                    throw new SettingException("queries." + e.getKey(), "the query must say where the resource's name "
                            + "goes with {resource}, such as pg_query_p95_ms{cluster=\"{resource}\"}");
                }
                q.put(e.getKey(), template);
            }
            queries = Map.copyOf(q);
        }

        public static Prometheus defaults() {
            return new Prometheus(null, null);
        }
    }

    /**
     * How long each step may take.
     *
     * @param baselineWindow   how far back the pre-change baseline reaches; default 1h
     * @param settleDeadline   how long a change may take to settle before the phase fails and a person
     *                         is asked; default 2h
     * @param forkDeadline     how long a rehearsal's fork may take to come online; default 2h
     * @param checkInterval    how often the soak reads the metrics; default 1m
     * @param rollbackDeadline how long a rollback may take to settle; default 2h
     * @param pollInterval     how often a provider is polled while a change settles; default 10s
     */
    public record Timing(Duration baselineWindow, Duration settleDeadline, Duration forkDeadline,
            Duration checkInterval, Duration rollbackDeadline, Duration pollInterval) {

        public Timing {
            baselineWindow = positive("baseline_window", baselineWindow, Duration.ofHours(1));
            settleDeadline = positive("settle_deadline", settleDeadline, Duration.ofHours(2));
            forkDeadline = positive("fork_deadline", forkDeadline, Duration.ofHours(2));
            checkInterval = positive("check_interval", checkInterval, Duration.ofMinutes(1));
            rollbackDeadline = positive("rollback_deadline", rollbackDeadline, Duration.ofHours(2));
            pollInterval = positive("poll_interval", pollInterval, Duration.ofSeconds(10));
        }

        public static Timing defaults() {
            return new Timing(null, null, null, null, null, null);
        }

        private static Duration positive(String key, Duration value, Duration fallback) {
            Duration d = value == null ? fallback : value;
            if (d.isNegative() || d.isZero()) {
                throw new SettingException(key, "must be positive, got " + d);
            }
            return d;
        }
    }

    /**
     * GitOps changes: Purser reads {@code sourceDir/composeFile} (or the Kubernetes manifest holding a
     * workload), writes the patched file and its diff under {@code outputDir}, and waits for a person to
     * apply them.
     *
     * @param sourceDir           the checkout holding the compose file and manifests; null when GitOps is not used
     * @param outputDir           where patched files and diffs go; null for {@code <home>/gitops}; must lie
     *                            inside Purser's home or {@code sourceDir}
     * @param composeFile         the compose file, relative to {@code sourceDir}; default {@code docker-compose.yml}
     * @param kubernetesManifests {@code namespace/workload} → the manifest holding it, relative to
     *                            {@code sourceDir}; a workload not named here is searched for under
     *                            {@code kubernetesDir}
     * @param kubernetesDir       the directory, relative to {@code sourceDir}, searched for the one manifest
     *                            that describes a workload; default {@code .} (all of {@code sourceDir})
     */
    public record GitOps(Path sourceDir, Path outputDir, String composeFile, Map<String, String> kubernetesManifests,
            String kubernetesDir) {

        private static final Pattern WORKLOAD = Pattern.compile(
                "[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?/[a-z0-9]([-.a-z0-9]{0,251}[a-z0-9])?");

        public GitOps {
            sourceDir = sourceDir == null ? null : sourceDir.toAbsolutePath().normalize();
            outputDir = outputDir == null ? null : outputDir.toAbsolutePath().normalize();
            composeFile = inside("compose_file", Check.orDefault(composeFile, "docker-compose.yml"));
            TreeMap<String, String> manifests = new TreeMap<>();
            for (Map.Entry<String, String> e : Check.map(kubernetesManifests).entrySet()) {
                String key = "kubernetes_manifests." + e.getKey();
                if (!WORKLOAD.matcher(e.getKey()).matches()) {
                    throw new SettingException(key, "name a workload as namespace/name, such as shop/checkout");
                }
                if (e.getValue() == null || e.getValue().isBlank()) {
                    throw new SettingException(key, "give the manifest's path, relative to source_dir");
                }
                manifests.put(e.getKey(), inside(key, e.getValue().trim()));
            }
            kubernetesManifests = Collections.unmodifiableMap(manifests);
            kubernetesDir = inside("kubernetes_dir", Check.orDefault(kubernetesDir, "."));
        }

        /** Compose only, as before Kubernetes manifests could be configured. */
        public GitOps(Path sourceDir, Path outputDir, String composeFile) {
            this(sourceDir, outputDir, composeFile, null, null);
        }

        /** A path relative to {@code source_dir} that stays inside it. */
        private static String inside(String key, String path) {
            Path f = Path.of(path).normalize();
            if (f.isAbsolute() || f.startsWith("..")) {
                throw new SettingException(key, "must be a path relative to source_dir, inside it");
            }
            return path;
        }

        public static GitOps defaults() {
            return new GitOps(null, null, null, null, null);
        }

        /**
         * Where patched files go: {@code outputDir}, or {@code <home>/gitops} when unset.
         *
         * @throws SettingException when a configured directory lies outside the home and {@code sourceDir}
         */
        public Path outputDir(Path home) {
            Path h = home.toAbsolutePath().normalize();
            if (outputDir == null) {
                return h.resolve("gitops");
            }
            if (!outputDir.startsWith(h) && (sourceDir == null || !outputDir.startsWith(sourceDir))) {
                throw new SettingException("execution.gitops.output_dir", "must lie inside Purser's home (" + h
                        + ")" + (sourceDir == null ? "" : " or the GitOps source_dir (" + sourceDir + ")") + ", got "
                        + outputDir);
            }
            return outputDir;
        }
    }
}
