package dev.purser.core.analysis.rightsizing;

import dev.purser.core.model.UsageSeries;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * Requests and limits from per-pod usage: CPU request = p95, CPU limit = the rules' capacity
 * (p95 ≤ 70 %, p99 ≤ 90 %); memory request = p95, memory limit = max × 1.2 — each scaled for a
 * rising trend. Requests never exceed limits.
 */
final class KubernetesSizer {

    private final RightsizingEngine engine;

    KubernetesSizer(RightsizingEngine engine) {
        this.engine = engine;
    }

    KubernetesAnalysis analyze(KubernetesWorkload w, Map<String, List<UsageSeries>> usage) {
        RightsizingRules rules = engine.rules();
        List<KubernetesAnalysis.ContainerSizing> sizings = new ArrayList<>();
        List<Recommendation> recommendations = new ArrayList<>();
        StringBuilder patch = new StringBuilder();
        patch.append("# strategic-merge patch for ").append(w.kind()).append(' ').append(w.namespace()).append('/')
                .append(w.name()).append("; apply with: kubectl patch ").append(w.kind().toLowerCase(java.util.Locale.ROOT))
                .append(' ').append(w.name()).append(" -n ").append(w.namespace())
                .append(" --type strategic --patch-file <this file>\n");
        patch.append("spec:\n  template:\n    spec:\n      containers:\n");
        int patched = 0;
        for (Map.Entry<String, ContainerLimits> c : w.containers().entrySet()) {
            ContainerLimits current = c.getValue();
            double cpuCap = current.cpusLimit().orElse(Double.NaN);
            double memCap = current.memoryLimit().isPresent() ? current.memoryLimit().getAsLong() : Double.NaN;
            UsageProfile profile = engine.profile(usage.getOrDefault(c.getKey(), List.of()), cpuCap, memCap);
            List<String> notes = new ArrayList<>(profile.gaps());
            if (w.autoscaled()) {
                notes.add("autoscaled by an HPA: series and requests are per pod; a CPU-utilisation target is a "
                        + "share of the request, so the HPA's behaviour changes with it");
            }
            ContainerLimits proposed = current;
            String cpuReq = "";
            String memReq = "";
            String cpuLim = "";
            String memLim = "";
            boolean usable = !profile.noData() && profile.tooGappy().isEmpty();
            if (usable) {
                OptionalDouble cl = current.cpusLimit();
                OptionalDouble cr = current.cpusReservation();
                if (profile.cpu().isPresent()) {
                    UsageStats cpu = profile.cpu().get();
                    double g = profile.cpuPattern().growthFactor();
                    double limit = rules.requiredCpu(cpu.p95(), cpu.p99()) * g;
                    double request = Math.min(limit, cpu.p95() * g);
                    cpuLim = Quantities.formatK8sCpu(limit);
                    cpuReq = Quantities.formatK8sCpu(request);
                    cl = Quantities.parseK8sCpu(cpuLim);
                    cr = Quantities.parseK8sCpu(cpuReq);
                }
                OptionalLong ml = current.memoryLimit();
                OptionalLong mr = current.memoryReservation();
                if (profile.memory().isPresent()) {
                    UsageStats mem = profile.memory().get();
                    double g = profile.memoryPattern().growthFactor();
                    long limit = (long) Math.ceil(rules.requiredMemory(mem.max()) * g);
                    long request = Math.min(limit, (long) Math.ceil(mem.p95() * g));
                    memLim = Quantities.formatK8sMemory(limit);
                    memReq = Quantities.formatK8sMemory(request);
                    ml = Quantities.parseK8sMemory(memLim);
                    mr = Quantities.parseK8sMemory(memReq);
                }
                proposed = new ContainerLimits(cl, ml, cr, mr);
                if (!cpuReq.isEmpty() || !memReq.isEmpty()) {
                    patched++;
                    patch.append("        - name: ").append(c.getKey()).append('\n');
                    patch.append("          resources:\n");
                    patch.append("            requests:\n");
                    if (!cpuReq.isEmpty()) {
                        patch.append("              cpu: \"").append(cpuReq).append("\"\n");
                    }
                    if (!memReq.isEmpty()) {
                        patch.append("              memory: \"").append(memReq).append("\"\n");
                    }
                    patch.append("            limits:\n");
                    if (!cpuLim.isEmpty()) {
                        patch.append("              cpu: \"").append(cpuLim).append("\"\n");
                    }
                    if (!memLim.isEmpty()) {
                        patch.append("              memory: \"").append(memLim).append("\"\n");
                    }
                }
            }
            sizings.add(new KubernetesAnalysis.ContainerSizing(c.getKey(), current, proposed, cpuReq, memReq, cpuLim,
                    memLim, notes));
            recommendations.add(recommendation(w, c.getKey(), current, proposed, profile, usable));
        }
        if (patched == 0) {
            patch.setLength(0);
        }
        return new KubernetesAnalysis(w, sizings, patch.toString(), recommendations);
    }

    private Recommendation recommendation(KubernetesWorkload w, String container, ContainerLimits current,
            ContainerLimits proposed, UsageProfile profile, boolean usable) {
        String resourceId = w.namespace() + "/" + w.name() + "/" + container;
        Evidence evidence = profile.evidence();
        Configuration cur = configuration(current);
        Configuration prop = configuration(proposed);
        RecommendedAction action = !usable ? RecommendedAction.INSUFFICIENT_DATA
                : cur.sameAsWritten(prop) ? RecommendedAction.KEEP : RecommendedAction.SET_LIMITS;
        List<String> risk = new ArrayList<>();
        RightsizingEngine.patternRisk(profile, risk);
        if (w.autoscaled()) {
            risk.add("autoscaled: sized per pod; review the HPA target after changing requests");
        }
        String summary = switch (action) {
            case INSUFFICIENT_DATA -> "No requests or limits proposed for " + resourceId + ": "
                    + (profile.noData() ? "no usage data, unknown" : profile.tooGappy().get());
            case KEEP -> "Keep " + resourceId + " at " + cur.label();
            case SET_LIMITS, DOWNSIZE, UPSIZE, REDUCE_NODES, DOWNSIZE_AND_REDUCE_NODES, FLAG_IDLE ->
                    resourceId + ": " + cur.label() + " → " + prop.label() + " (" + RightsizingEngine.figures(profile)
                            + ")" + (w.autoscaled() ? " — per pod" : "");
        };
        return new Recommendation(Recommendation.stableId(RecommendationKind.KUBERNETES_CONTAINER, resourceId, evidence),
                RecommendationKind.KUBERNETES_CONTAINER, action, resourceId, container, cur, prop, Optional.empty(),
                PriceBasis.NOT_FOUND, "node prices are not attributed to containers; requests decide how many pods "
                        + "fit a node", RightsizingEngine.risk(risk), Level.LOW, profile.confidence(List.of()),
                evidence, w.autoscaled(), Optional.empty(), summary);
    }

    private static Configuration configuration(ContainerLimits l) {
        return Configuration.kubernetes(l);
    }
}
