package dev.purser.commands.rightsizing;

import static dev.purser.commands.rightsizing.RightsizeWords.slug;
import static dev.purser.commands.rightsizing.RightsizeWords.usage;
import static dev.purser.commands.rightsizing.RightsizeWords.word;
import static dev.purser.commands.rightsizing.RightsizeWords.workloadPath;
import static dev.purser.commands.rightsizing.RightsizeWords.yesNo;

import dev.purser.commands.reply.Column;
import dev.purser.commands.reply.Details;
import dev.purser.commands.reply.Quantity;
import dev.purser.commands.reply.Reply;
import dev.purser.commands.reply.Table;
import dev.purser.commands.reply.Value;
import dev.purser.commands.reply.ValueType;
import dev.purser.core.analysis.rightsizing.Configuration;
import dev.purser.core.analysis.rightsizing.KubernetesAnalysis;
import dev.purser.core.analysis.rightsizing.Recommendation;
import dev.purser.core.analysis.rightsizing.UsageStats;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One row per workload (how it is sized and the {@code kubectl patch} that applies it), then per
 * workload its containers' current and proposed requests and limits and the patch itself.
 * Quantities are shown in Kubernetes notation ({@code 250m}, {@code 384Mi}); machines get the
 * amount in cores or bytes and the notation as the quantity's literal, so a program can paste it.
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
                new Column("containers_patched", "containers patched", ValueType.DETAILS),
                new Column("apply", "apply with", ValueType.TEXT));
        List<List<Value>> rows = new ArrayList<>();
        for (KubernetesAnalysis k : workloads) {
            long patched = k.containers().stream().filter(KubernetesSection::proposes).count();
            rows.add(List.of(Value.text(workloadPath(k)), Value.text(k.workload().kind()),
                    Value.number(k.workload().replicas(), null), Value.text(yesNo(k.workload().autoscaled())),
                    Value.text(k.workload().autoscaled() ? "per replica (HPA)" : "per pod"),
                    Value.details(new Details(Optional.of(patched + " of " + k.containers().size()), List.of(
                            new Details.Field("patched", Value.number(patched, "containers")),
                            new Details.Field("containers", Value.number(k.containers().size(), "containers"))))),
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
                new Column("cpu_request", "cpu request", ValueType.QUANTITY),
                new Column("proposed_cpu_request", "proposed", ValueType.QUANTITY),
                new Column("memory_request", "memory request", ValueType.QUANTITY),
                new Column("proposed_memory_request", "proposed", ValueType.QUANTITY),
                new Column("cpu_limit", "cpu limit", ValueType.QUANTITY),
                new Column("proposed_cpu_limit", "proposed", ValueType.QUANTITY),
                new Column("memory_limit", "memory limit", ValueType.QUANTITY),
                new Column("proposed_memory_limit", "proposed", ValueType.QUANTITY),
                new Column("usage", "usage per pod (CPU p95/p99, memory max)", ValueType.USAGE),
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
                    cpu(now.flatMap(Configuration.KubernetesResources::cpuRequest).orElse(null)), cpu(c.cpuRequest()),
                    memory(now.flatMap(Configuration.KubernetesResources::memoryRequest).orElse(null)),
                    memory(c.memoryRequest()),
                    cpu(now.flatMap(Configuration.KubernetesResources::cpuLimit).orElse(null)), cpu(c.cpuLimit()),
                    memory(now.flatMap(Configuration.KubernetesResources::memoryLimit).orElse(null)),
                    memory(c.memoryLimit()),
                    rec.map(KubernetesSection::podUsage).orElse(usage(Optional.empty(), Optional.empty())),
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

    /** A CPU quantity as the manifest writes it ({@code 250m}, {@code 2}), in cores; empty when not set. */
    static Value cpu(String literal) {
        return quantity(literal, CPU, Quantity.Unit.CORES);
    }

    /** A memory quantity as the manifest writes it ({@code 384Mi}, {@code 1G}), in bytes; empty when not set. */
    static Value memory(String literal) {
        return quantity(literal, MEMORY, Quantity.Unit.BYTES);
    }

    private static Value quantity(String literal, Pattern notation, Quantity.Unit unit) {
        if (literal == null || literal.isEmpty()) {
            return Value.empty(ValueType.QUANTITY);
        }
        Matcher m = notation.matcher(literal.trim());
        if (!m.matches()) {
            // a manifest value Kubernetes itself would refuse: no amount to report, and not worth failing the answer
            return Value.empty(ValueType.QUANTITY);
        }
        BigDecimal amount = new BigDecimal(m.group(1)).multiply(SUFFIX.get(m.group(2)));
        if (unit == Quantity.Unit.BYTES) {
            amount = amount.setScale(0, RoundingMode.CEILING);
        }
        return Value.quantity(new Quantity(amount.stripTrailingZeros(), unit, Optional.of(literal)));
    }

    private static final Pattern CPU = Pattern.compile("\\+?(\\d+(?:\\.\\d*)?(?:[eE][+-]?\\d+)?)(m?)");
    private static final Pattern MEMORY = Pattern.compile(
            "\\+?(\\d+(?:\\.\\d*)?(?:[eE][+-]?\\d+)?)(|m|k|M|G|T|P|E|Ki|Mi|Gi|Ti|Pi|Ei)");
    private static final Map<String, BigDecimal> SUFFIX = Map.ofEntries(
            Map.entry("", BigDecimal.ONE), Map.entry("m", new BigDecimal("0.001")),
            Map.entry("k", BigDecimal.TEN.pow(3)), Map.entry("M", BigDecimal.TEN.pow(6)),
            Map.entry("G", BigDecimal.TEN.pow(9)), Map.entry("T", BigDecimal.TEN.pow(12)),
            Map.entry("P", BigDecimal.TEN.pow(15)), Map.entry("E", BigDecimal.TEN.pow(18)),
            Map.entry("Ki", BigDecimal.valueOf(1024)), Map.entry("Mi", BigDecimal.valueOf(1024L * 1024)),
            Map.entry("Gi", BigDecimal.valueOf(1024L * 1024 * 1024)),
            Map.entry("Ti", BigDecimal.valueOf(1024L * 1024 * 1024 * 1024)),
            Map.entry("Pi", BigDecimal.valueOf(1024L * 1024 * 1024 * 1024 * 1024)),
            Map.entry("Ei", BigDecimal.valueOf(1024L * 1024 * 1024 * 1024 * 1024 * 1024)));

    private static Value podUsage(Recommendation r) {
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
