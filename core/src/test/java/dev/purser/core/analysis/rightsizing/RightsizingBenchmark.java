package dev.purser.core.analysis.rightsizing;

import dev.purser.core.analysis.catalog.PriceCatalogs;
import dev.purser.core.model.Resource;
import dev.purser.core.model.ResourceFacts;
import dev.purser.core.model.UsageSeries;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Benchmark entry point (not a test): 1,000 resources × 30 days × 5-minute samples (CPU and
 * memory, 17.3 M samples) through the whole right-sizing path — extraction, percentiles,
 * pattern, catalog search, recommendation. Target: ≤ 10 s on the 2-core build machine.
 *
 * <p>Inputs are generated before the clock starts, in batches so the heap stays small; only
 * {@code analyzeVm}/{@code analyzeDatabaseCluster} are timed. Run:
 * {@code java -cp core/target/classes:core/target/test-classes:<deps> dev.purser.core.analysis.rightsizing.RightsizingBenchmark [resources]}
 */
public final class RightsizingBenchmark {

    private RightsizingBenchmark() {
    }

    public static void main(String[] args) {
        int resources = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int batch = 100;
        Instant now = Instant.parse("2026-11-23T00:00:00Z");
        RightsizingEngine engine = new RightsizingEngine(PriceCatalogs.bundled(), RightsizingRules.defaults(),
                Clock.fixed(now, ZoneOffset.UTC));
        String[] sizes = {"s-1vcpu-2gb", "s-2vcpu-4gb", "s-4vcpu-8gb", "s-8vcpu-16gb"};
        int samples = 30 * 24 * 12;
        long timedNanos = 0;
        long cpuNanos = 0;
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long totalSamples = 0;
        int[] actions = new int[RecommendedAction.values().length];
        // Warm-up: one batch, untimed, so the JIT has seen the path.
        runBatch(engine, now, sizes, samples, 0, 50, new int[actions.length]);
        for (int start = 0; start < resources; start += batch) {
            int n = Math.min(batch, resources - start);
            List<Resource> rs = new ArrayList<>(n);
            List<List<UsageSeries>> series = new ArrayList<>(n);
            generate(now, sizes, samples, start + 1_000_000, n, rs, series);
            long t0 = System.nanoTime();
            long c0 = threads.getCurrentThreadCpuTime();
            for (int i = 0; i < n; i++) {
                Recommendation r = rs.get(i).kind().equals("database-cluster")
                        ? engine.analyzeDatabaseCluster(rs.get(i), series.get(i))
                        : engine.analyzeVm(rs.get(i), series.get(i));
                actions[r.action().ordinal()]++;
            }
            timedNanos += System.nanoTime() - t0;
            cpuNanos += threads.getCurrentThreadCpuTime() - c0;
            totalSamples += 2L * n * samples;
        }
        double seconds = timedNanos / 1e9;
        System.out.printf(Locale.ROOT, "right-sizing: %d resources, %d samples, %.2f s (%.1f M samples/s, %.2f ms per"
                + " resource; %.2f s of CPU on this thread); target <= 10 s%n", resources, totalSamples, seconds,
                totalSamples / seconds / 1e6, 1000 * seconds / resources, cpuNanos / 1e9);
        for (RecommendedAction a : RecommendedAction.values()) {
            if (actions[a.ordinal()] > 0) {
                System.out.printf(Locale.ROOT, "  %-26s %d%n", a, actions[a.ordinal()]);
            }
        }
    }

    private static void runBatch(RightsizingEngine engine, Instant now, String[] sizes, int samples, long seed, int n,
            int[] actions) {
        List<Resource> rs = new ArrayList<>(n);
        List<List<UsageSeries>> series = new ArrayList<>(n);
        generate(now, sizes, samples, seed, n, rs, series);
        for (int i = 0; i < n; i++) {
            actions[engine.analyzeVm(rs.get(i), series.get(i)).action().ordinal()]++;
        }
    }

    private static void generate(Instant now, String[] sizes, int samples, long seed, int n, List<Resource> rs,
            List<List<UsageSeries>> series) {
        SplittableRandom r = new SplittableRandom(seed);
        Duration step = Duration.ofMinutes(5);
        Instant start = now.minus(step.multipliedBy(samples));
        for (int k = 0; k < n; k++) {
            String id = "res-" + seed + "-" + k;
            boolean db = k % 10 == 0;
            double cores = 0.05 + r.nextDouble() * 3;
            double bytes = (200 + r.nextDouble() * 6000) * 1024 * 1024;
            double trend = r.nextInt(5) == 0 ? r.nextDouble() : 0;
            List<UsageSeries.Sample> cpu = new ArrayList<>(samples);
            List<UsageSeries.Sample> mem = new ArrayList<>(samples);
            for (int i = 0; i < samples; i++) {
                Instant at = start.plus(step.multipliedBy(i));
                double hour = (i % 288) / 12.0;
                double daily = 0.5 + 0.5 * Math.cos(2 * Math.PI * (hour - 14) / 24);
                double growth = 1 + trend * i / samples;
                cpu.add(new UsageSeries.Sample(at, Math.max(0, cores * growth * (0.3 + 0.7 * daily)
                        + r.nextGaussian() * 0.02)));
                mem.add(new UsageSeries.Sample(at, bytes * growth * (0.9 + 0.1 * r.nextDouble())));
            }
            rs.add(db
                    ? new Resource("bench", id, id, "DigitalOcean", "database-cluster", "db-s-4vcpu-8gb", "nyc3", null,
                            Map.of(), ResourceFacts.builder().database(ResourceFacts.DatabaseCluster.of("pg", 2)).build())
                    : new Resource("bench", id, id, "DigitalOcean", "droplet", sizes[k % sizes.length], "nyc3", null,
                            Map.of(), ResourceFacts.NONE));
            series.add(List.of(new UsageSeries(id, "cpu_cores", "cores", step, cpu),
                    new UsageSeries(id, "memory_bytes", "bytes", step, mem)));
        }
    }
}
