package dev.purser.commands.rightsizing;

import static dev.purser.commands.rightsizing.RightsizeWords.slug;
import static dev.purser.commands.rightsizing.RightsizeWords.usage;
import static dev.purser.commands.rightsizing.RightsizeWords.word;
import static dev.purser.commands.rightsizing.RightsizeWords.workloadPath;
import static dev.purser.commands.rightsizing.RightsizeWords.yesNo;

import dev.purser.commands.reply.Column;
import dev.purser.commands.reply.Reply;
import dev.purser.commands.reply.Table;
import dev.purser.commands.reply.Value;
import dev.purser.commands.reply.ValueType;
import dev.purser.core.analysis.rightsizing.Configuration;
import dev.purser.core.analysis.rightsizing.KubernetesAnalysis;
import dev.purser.core.analysis.rightsizing.Recommendation;
import dev.purser.core.analysis.rightsizing.UsageStats;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One row per workload (how it is sized and the {@code kubectl patch} that applies it), then per
 * workload its containers' current and proposed requests and limits and the patch itself.
 * Quantities stay in Kubernetes notation ({@code 250m}, {@code 384Mi}) so a program can paste them.
 */
final class KubernetesSection {

    private KubernetesSection() {
    }

    static void add(Reply.Builder reply, List<KubernetesAnalysis> workloads) {
        List<Column> columns = List.of(
                new Column("workload", "workload", ValueType.TEXT),
                new Column("kind", "kind", ValueType.TEXT),
                new Column("replicas", "replicas", ValueType.NUMBER),
                new Column("autoscaled", "autoscaled", ValueType.TEXT),
                new Column("sizing", "sized", ValueType.TEXT),
                new Column("containers_patched", "containers patched", ValueType.TEXT),
                new Column("apply", "apply with", ValueType.TEXT));
        List<List<Value>> rows = new ArrayList<>();
        for (KubernetesAnalysis k : workloads) {
            long patched = k.containers().stream().filter(KubernetesSection::proposes).count();
            rows.add(List.of(Value.text(workloadPath(k)), Value.text(k.workload().kind()),
                    Value.number(k.workload().replicas(), null), Value.text(yesNo(k.workload().autoscaled())),
                    Value.text(k.workload().autoscaled() ? "per replica (HPA)" : "per pod"),
                    Value.text(patched + " of " + k.containers().size()),
                    k.patchYaml().isEmpty() ? Value.empty(ValueType.TEXT) : Value.text(kubectl(k))));
        }
        reply.table(new Table("k8s_workloads", "Kubernetes workloads: requests and limits per container",
                columns, rows, List.of()));
        for (KubernetesAnalysis k : workloads) {
            workload(reply, k);
        }
    }

    private static void workload(Reply.Builder reply, KubernetesAnalysis k) {
        String key = slug(workloadPath(k));
        List<Column> columns = List.of(
                new Column("container", "container", ValueType.TEXT),
                new Column("cpu_request", "cpu request", ValueType.TEXT),
                new Column("proposed_cpu_request", "proposed", ValueType.TEXT),
                new Column("memory_request", "memory request", ValueType.TEXT),
                new Column("proposed_memory_request", "proposed", ValueType.TEXT),
                new Column("cpu_limit", "cpu limit", ValueType.TEXT),
                new Column("proposed_cpu_limit", "proposed", ValueType.TEXT),
                new Column("memory_limit", "memory limit", ValueType.TEXT),
                new Column("proposed_memory_limit", "proposed", ValueType.TEXT),
                new Column("usage", "usage per pod (CPU p95/p99, memory max)", ValueType.TEXT),
                new Column("action", "action", ValueType.TEXT));
        List<List<Value>> rows = new ArrayList<>();
        // a note shared by several containers (the HPA's) is said once, naming them
        Map<String, List<String>> notes = new LinkedHashMap<>();
        for (int i = 0; i < k.containers().size(); i++) {
            KubernetesAnalysis.ContainerSizing c = k.containers().get(i);
            // the sizer gives one recommendation per container, in the same order
            Optional<Recommendation> rec = i < k.recommendations().size()
                    && k.recommendations().get(i).resourceName().equals(c.name())
                    ? Optional.of(k.recommendations().get(i)) : Optional.empty();
            Optional<Configuration.KubernetesResources> now = rec.map(r -> r.current().setting())
                    .filter(Configuration.KubernetesResources.class::isInstance)
                    .map(Configuration.KubernetesResources.class::cast);
            rows.add(List.of(Value.text(c.name()),
                    quantity(now.flatMap(Configuration.KubernetesResources::cpuRequest)), quantity(c.cpuRequest()),
                    quantity(now.flatMap(Configuration.KubernetesResources::memoryRequest)), quantity(c.memoryRequest()),
                    quantity(now.flatMap(Configuration.KubernetesResources::cpuLimit)), quantity(c.cpuLimit()),
                    quantity(now.flatMap(Configuration.KubernetesResources::memoryLimit)), quantity(c.memoryLimit()),
                    Value.text(rec.map(KubernetesSection::podUsage).orElse("no data")),
                    Value.text(rec.map(r -> word(r.action())).orElse(""))));
            for (String n : c.notes()) {
                notes.computeIfAbsent(n, x -> new ArrayList<>()).add(c.name());
            }
        }
        String scaling = k.workload().autoscaled()
                ? "autoscaled by an HPA, sized per replica"
                : k.workload().replicas() + " replica" + (k.workload().replicas() == 1 ? "" : "s") + ", sized per pod";
        reply.table(new Table("k8s_containers_" + key, workloadPath(k) + " (" + k.workload().kind() + ", " + scaling
                + "): requests and limits", columns, rows, List.of()));
        if (!k.patchYaml().isEmpty()) {
            reply.code("k8s_patch_" + key, "Patch for " + workloadPath(k) + ": save it as " + patchFile(k)
                    + ", then " + kubectl(k), "yaml", k.patchYaml());
        }
        for (Map.Entry<String, List<String>> n : notes.entrySet()) {
            reply.note(workloadPath(k) + " (" + String.join(", ", n.getValue()) + "): " + n.getKey());
        }
        if (k.patchYaml().isEmpty()) {
            reply.note(workloadPath(k) + ": no patch, no container has usage to size it on");
        }
    }

    /** A proposal exists when the sizer set at least one quantity (none when the container had no usable data). */
    private static boolean proposes(KubernetesAnalysis.ContainerSizing c) {
        return !(c.cpuRequest().isEmpty() && c.memoryRequest().isEmpty() && c.cpuLimit().isEmpty()
                && c.memoryLimit().isEmpty());
    }

    private static Value quantity(Optional<String> q) {
        return quantity(q.orElse(null));
    }

    private static Value quantity(String q) {
        return q == null || q.isEmpty() ? Value.empty(ValueType.TEXT) : Value.text(q);
    }

    private static String podUsage(Recommendation r) {
        Optional<UsageStats> cpu = r.evidence().metrics().stream().filter(m -> m.unit().equals("cores")).findFirst();
        Optional<UsageStats> memory = r.evidence().metrics().stream().filter(m -> m.unit().equals("bytes")).findFirst();
        return usage(cpu, memory);
    }

    private static String patchFile(KubernetesAnalysis k) {
        return k.workload().namespace() + "-" + k.workload().name() + ".patch.yaml";
    }

    private static String kubectl(KubernetesAnalysis k) {
        return "kubectl patch " + k.workload().kind().toLowerCase(Locale.ROOT) + " " + k.workload().name() + " -n "
                + k.workload().namespace() + " --type strategic --patch-file " + patchFile(k);
    }
}
