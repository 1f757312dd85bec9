package dev.purser.commands.rightsizing;

import static dev.purser.commands.rightsizing.RightsizeWords.slug;
import static dev.purser.commands.rightsizing.RightsizeWords.workloadPath;

import dev.purser.commands.reply.Chart;
import dev.purser.commands.reply.Reply;
import dev.purser.core.analysis.recommendations.RightsizingReport;
import dev.purser.core.analysis.rightsizing.ContainerLimits;
import dev.purser.core.analysis.rightsizing.KubernetesAnalysis;
import dev.purser.core.analysis.rightsizing.Recommendation;
import dev.purser.core.analysis.rightsizing.RecommendationKind;
import dev.purser.core.model.UsageSeries;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.function.DoubleFunction;

/**
 * Usage against current and proposed capacity, for the target named (or the top saving): CPU in
 * cores and memory in GiB for machines and compose services, and per container the limit and
 * request lines for Kubernetes workloads.
 */
final class RightsizeCharts {


    /** Charts at most this many containers in one reply; the rest are named in a note. */
    private static final int MAX_K8S_CHARTS = 6;

    private RightsizeCharts() {
    }

    static void add(Reply.Builder reply, RightsizingReport report, Optional<String> targetName) {
        Optional<Recommendation> named = targetName.flatMap(t -> report.recommendations().stream()
                .filter(r -> r.resourceName().equalsIgnoreCase(t) || r.resourceId().equalsIgnoreCase(t)
                        || r.kind() == RecommendationKind.KUBERNETES_CONTAINER
                                && ("k8s/" + r.resourceId()).equalsIgnoreCase(t))
                .findFirst());
        Optional<Recommendation> subject = named.or(() -> report.recommendations().stream().findFirst());
        if (subject.isEmpty()) {
            reply.note("no recommendation to chart");
            return;
        }
        Recommendation r = subject.get();
        if (r.kind() == RecommendationKind.KUBERNETES_CONTAINER
                || named.isEmpty() && targetName.isPresent() && !report.kubernetes().isEmpty()) {
            // a named container is charted alone; a named workload (or the first one found) with all its containers
            String only = named.filter(n -> n.kind() == RecommendationKind.KUBERNETES_CONTAINER)
                    .map(Recommendation::resourceId).orElse(null);
            kubernetesCharts(reply, report, only, r);
            return;
        }
        List<UsageSeries> series = report.usage().getOrDefault(r.resourceId(), List.of());
        if (series.isEmpty()) {
            reply.note("no usage data to chart for " + r.resourceName());
            return;
        }
        double vcpus = r.current().cpus().orElse(Double.NaN);
        for (UsageSeries s : series) {
            String metric = s.metric().toLowerCase(Locale.ROOT);
            boolean percent = s.unit().equalsIgnoreCase("percent") || metric.contains("percent");
            if (metric.contains("cpu")) {
                if (percent && Double.isNaN(vcpus)) {
                    continue;
                }
                double scale = percent ? vcpus / 100.0 : 1.0;
                OptionalDouble current = r.current().cpus();
                OptionalDouble proposed = r.proposed().cpus();
                reply.chart(UsageCapacityChart.of("usage_cpu_" + slug(r.resourceName()),
                        r.resourceName() + ": CPU against capacity",
                        r.resourceName() + " CPU usage (cores) against " + describe(current, proposed, "cores"), s,
                        scale, "cores", current, same(current, proposed)));
            } else if (metric.contains("mem") && !percent) {
                double gib = 1.0 / (1024.0 * 1024 * 1024);
                OptionalDouble current = scaled(bytes(r.current().memoryBytes()), gib);
                OptionalDouble proposed = scaled(bytes(r.proposed().memoryBytes()), gib);
                reply.chart(UsageCapacityChart.of("usage_memory_" + slug(r.resourceName()),
                        r.resourceName() + ": memory against capacity",
                        r.resourceName() + " memory usage (GiB) against " + describe(current, proposed, "GiB"), s,
                        gib, "GiB", current, same(current, proposed)));
            }
        }
    }

    /**
     * Per container, CPU (cores) and memory usage per pod against its current and proposed limit
     * and request. The numbers are the sizer's own ({@link KubernetesAnalysis.ContainerSizing}
     * holds the proposed quantities parsed back from the patch's text), so a line sits exactly where
     * the patch would put it.
     *
     * @param only    the one container to chart (its recommendation's resource id), or null for the
     *                workload(s) in scope
     * @param subject the recommendation chosen when nothing was named: its workload is charted
     */
    private static void kubernetesCharts(Reply.Builder reply, RightsizingReport report, String only, Recommendation subject) {
        List<KubernetesAnalysis> workloads = report.kubernetes();
        if (only == null && subject.kind() == RecommendationKind.KUBERNETES_CONTAINER) {
            // nothing named: the workload of the top recommendation, not every workload in the cluster
            workloads = workloads.stream().filter(k -> subject.resourceId().startsWith(workloadPath(k) + "/"))
                    .toList();
        }
        int drawn = 0;
        List<String> skipped = new ArrayList<>();
        for (KubernetesAnalysis k : workloads) {
            for (KubernetesAnalysis.ContainerSizing c : k.containers()) {
                String id = workloadPath(k) + "/" + c.name();
                if (only != null && !only.equalsIgnoreCase(id)) {
                    continue;
                }
                List<UsageSeries> series = report.usage().getOrDefault(id, List.of());
                if (series.isEmpty()) {
                    reply.note("no usage data to chart for " + id);
                    continue;
                }
                if (drawn >= MAX_K8S_CHARTS) {
                    skipped.add(id);
                    continue;
                }
                drawn++;
                kubernetesContainerCharts(reply, k, c, id, series);
            }
        }
        if (!skipped.isEmpty()) {
            reply.note("charted " + MAX_K8S_CHARTS + " containers; name one to chart it: " + String.join(", ", skipped));
        }
    }

    private static void kubernetesContainerCharts(Reply.Builder reply, KubernetesAnalysis k,
            KubernetesAnalysis.ContainerSizing c, String id, List<UsageSeries> series) {
        boolean hpa = k.workload().autoscaled();
        String per = hpa ? "per replica" : "per pod";
        String sizing = hpa ? " (autoscaled by an HPA: usage and requests are per replica)" : "";
        // the picture's title stays short enough for an 800-pixel chart; the alt text says it in full
        String titled = per + (hpa ? " (HPA)" : "");
        ContainerLimits now = c.current();
        ContainerLimits next = c.proposed();
        for (UsageSeries s : series) {
            String metric = s.metric().toLowerCase(Locale.ROOT);
            boolean percent = s.unit().equalsIgnoreCase("percent") || metric.contains("percent")
                    || metric.contains("utilization");
            if (percent || metric.endsWith("_seconds_total")) {
                continue; // Prometheus gives cores and bytes; a share or a counter has no line to compare with
            }
            if (metric.contains("cpu")) {
                List<Chart.ReferenceLine> lines = k8sLines(now.cpusLimit(), now.cpusReservation(),
                        next.cpusLimit(), next.cpusReservation(), 1.0, RightsizeCharts::millicores);
                reply.chart(UsageCapacityChart.of("usage_cpu_" + slug(id),
                        id + ": CPU " + titled + " against limit and request",
                        id + " CPU usage " + per + " (cores) against " + describe(lines) + sizing,
                        "usage " + per + " (cores)", s, 1.0, "cores", lines));
            } else if (metric.contains("mem")) {
                double peak = s.samples().stream().mapToDouble(UsageSeries.Sample::value).max().orElse(0);
                for (OptionalLong v : List.of(now.memoryLimit(), now.memoryReservation(), next.memoryLimit(),
                        next.memoryReservation())) {
                    peak = Math.max(peak, v.isPresent() ? v.getAsLong() : 0);
                }
                boolean inGib = peak >= 1024.0 * 1024 * 1024;
                String unit = inGib ? "GiB" : "MiB";
                double scale = 1.0 / (inGib ? 1024.0 * 1024 * 1024 : 1024.0 * 1024);
                List<Chart.ReferenceLine> lines = k8sLines(asDouble(now.memoryLimit()),
                        asDouble(now.memoryReservation()), asDouble(next.memoryLimit()),
                        asDouble(next.memoryReservation()), scale, RightsizeCharts::mebibytes);
                reply.chart(UsageCapacityChart.of("usage_memory_" + slug(id),
                        id + ": memory " + titled + " against limit and request",
                        id + " memory usage " + per + " (" + unit + ") against " + describe(lines) + sizing,
                        "usage " + per + " (" + unit + ")", s, scale, unit, lines));
            }
        }
    }

    /**
     * Current limit and request, then the proposed ones where they differ (an unchanged value
     * would hide under the current line). Legend names carry the Kubernetes quantity.
     */
    private static List<Chart.ReferenceLine> k8sLines(OptionalDouble limit, OptionalDouble request,
            OptionalDouble proposedLimit, OptionalDouble proposedRequest, double scale,
            DoubleFunction<String> quantity) {
        List<Chart.ReferenceLine> lines = new ArrayList<>();
        limit.ifPresent(v -> lines.add(new Chart.ReferenceLine("current limit " + quantity.apply(v), v * scale,
                Chart.Emphasis.CURRENT)));
        request.ifPresent(v -> lines.add(new Chart.ReferenceLine("current request " + quantity.apply(v),
                v * scale, Chart.Emphasis.CURRENT_REQUEST)));
        if (proposedLimit.isPresent() && !proposedLimit.equals(limit)) {
            double v = proposedLimit.getAsDouble();
            lines.add(new Chart.ReferenceLine("proposed limit " + quantity.apply(v), v * scale,
                    Chart.Emphasis.PROPOSED));
        }
        if (proposedRequest.isPresent() && !proposedRequest.equals(request)) {
            double v = proposedRequest.getAsDouble();
            lines.add(new Chart.ReferenceLine("proposed request " + quantity.apply(v), v * scale,
                    Chart.Emphasis.PROPOSED_REQUEST));
        }
        return lines;
    }

    private static String describe(List<Chart.ReferenceLine> lines) {
        return lines.isEmpty() ? "no limit or request set, none proposed"
                : String.join(", ", lines.stream().map(Chart.ReferenceLine::name).toList());
    }

    private static OptionalDouble asDouble(OptionalLong v) {
        return v.isPresent() ? OptionalDouble.of(v.getAsLong()) : OptionalDouble.empty();
    }

    /** Cores as the quantity a manifest would carry: {@code 350m}, or whole cores. */
    private static String millicores(double cores) {
        long milli = Math.round(cores * 1000);
        return milli % 1000 == 0 ? Long.toString(milli / 1000) : milli + "m";
    }

    /** Bytes as {@code 392Mi}, or whole {@code Gi}. */
    private static String mebibytes(double bytes) {
        long mib = Math.round(bytes / (1024.0 * 1024));
        return mib % 1024 == 0 && mib > 0 ? mib / 1024 + "Gi" : mib + "Mi";
    }

    private static OptionalDouble same(OptionalDouble current, OptionalDouble proposed) {
        return proposed.isPresent() && current.isPresent() && proposed.getAsDouble() == current.getAsDouble()
                ? OptionalDouble.empty() : proposed;
    }

    private static String describe(OptionalDouble current, OptionalDouble proposed, String unit) {
        String now = current.isPresent() ? String.format(Locale.ROOT, "current %.2f %s", current.getAsDouble(), unit)
                : "unknown current capacity";
        OptionalDouble p = same(current, proposed);
        return now + (p.isPresent() ? String.format(Locale.ROOT, " and proposed %.2f %s", p.getAsDouble(), unit) : "");
    }

    private static OptionalDouble scaled(OptionalDouble v, double factor) {
        return v.isPresent() ? OptionalDouble.of(v.getAsDouble() * factor) : v;
    }

    private static OptionalDouble bytes(OptionalLong v) {
        return v.isPresent() ? OptionalDouble.of(v.getAsLong()) : OptionalDouble.empty();
    }
}
