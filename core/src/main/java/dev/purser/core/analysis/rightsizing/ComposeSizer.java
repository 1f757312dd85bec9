package dev.purser.core.analysis.rightsizing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.purser.core.analysis.catalog.CatalogSize;
import dev.purser.core.analysis.catalog.PriceCatalog;
import dev.purser.core.analysis.catalog.PriceLookup;
import dev.purser.core.error.ErrorCode;
import dev.purser.core.error.PurserException;
import dev.purser.core.model.Money;
import dev.purser.core.model.UsageSeries;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Right-sizes a docker-compose stack. Cost split: each service gets
 * {@code cpuCostWeight × its share of the stack's CPU limits + (1 − cpuCostWeight) × its share of
 * the memory limits} of the host price (50/50 by default); a service without a limit is weighted
 * by its observed usage instead (CPU p95, memory max). The split is exact: rounding residue goes
 * to the largest share, so the services add up to the host price.
 */
final class ComposeSizer {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private final RightsizingEngine engine;
    private final PriceCatalog catalog;
    private final RightsizingRules rules;

    ComposeSizer(RightsizingEngine engine, PriceCatalog catalog) {
        this.engine = engine;
        this.catalog = catalog;
        this.rules = engine.rules();
    }

    private record Service(String name, ContainerLimits current, UsageProfile usage, ContainerLimits proposed,
            List<String> notes) {
    }

    ComposeAnalysis analyze(String yaml, Map<String, List<UsageSeries>> usageByService, ComposeHost host,
            Optional<Money> budget, Set<String> without) {
        JsonNode root;
        try {
            root = YAML.readTree(yaml);
        } catch (JsonProcessingException e) {
            var loc = e.getLocation();
            throw new PurserException(ErrorCode.MALFORMED_FILE, "compose file is not valid YAML"
                    + (loc == null ? "" : " at line " + loc.getLineNr() + ", column " + loc.getColumnNr()) + ": "
                    + e.getOriginalMessage(), e);
        }
        JsonNode servicesNode = root == null ? null : root.get("services");
        if (servicesNode == null || !servicesNode.isObject() || servicesNode.isEmpty()) {
            throw new PurserException(ErrorCode.MALFORMED_FILE, "compose file has no services");
        }
        for (String name : without) {
            if (!servicesNode.has(name)) {
                throw PurserException.badArgument("no service named " + name + " in the compose file");
            }
        }
        List<String> gaps = new ArrayList<>();
        for (String name : usageByService.keySet()) {
            if (!servicesNode.has(name)) {
                gaps.add("usage given for " + name + ", which is not a service in the compose file");
            }
        }
        List<Service> services = new ArrayList<>();
        for (Map.Entry<String, JsonNode> e : servicesNode.properties()) {
            services.add(size(e.getKey(), currentLimits(e.getValue()), usageByService.getOrDefault(e.getKey(),
                    List.of()), host, gaps));
        }

        // Current split by current limits (usage where a limit is missing).
        double[] cpuW = new double[services.size()];
        double[] memW = new double[services.size()];
        for (int i = 0; i < services.size(); i++) {
            Service s = services.get(i);
            cpuW[i] = s.current().cpusLimit().orElse(s.usage().cpu().map(UsageStats::p95).orElse(0.0));
            memW[i] = s.current().memoryLimit().isPresent() ? s.current().memoryLimit().getAsLong()
                    : s.usage().memory().map(UsageStats::max).orElse(0.0);
            if (s.current().cpusLimit().isEmpty() || s.current().memoryLimit().isEmpty()) {
                s.notes().add("no " + (s.current().cpusLimit().isEmpty() ? "CPU" : "memory")
                        + " limit: its cost share is weighted by observed usage");
            }
        }
        double[] cpuShare = shares(cpuW);
        double[] memShare = shares(memW);
        List<Money> currentCosts = split(host.monthlyPrice(), cpuShare, memShare);

        ComposeAnalysis.HostChoice proposedHost = hostFor(services, Set.of(), host);
        Optional<List<Money>> proposedCosts = Optional.empty();
        if (proposedHost.monthlyPrice().isPresent()) {
            double[] pc = new double[services.size()];
            double[] pm = new double[services.size()];
            for (int i = 0; i < services.size(); i++) {
                Service s = services.get(i);
                pc[i] = s.proposed().cpusLimit().orElse(cpuW[i]);
                pm[i] = s.proposed().memoryLimit().isPresent() ? s.proposed().memoryLimit().getAsLong() : memW[i];
            }
            proposedCosts = Optional.of(split(proposedHost.monthlyPrice().get(), shares(pc), shares(pm)));
        }

        List<ComposePatcher.Change> changes = new ArrayList<>();
        Map<String, String> currentText = currentTexts(servicesNode);
        for (Service s : services) {
            addChange(changes, s.name(), ComposePatcher.Setting.LIMIT_CPUS, s.current().cpusLimit(),
                    s.proposed().cpusLimit());
            addChange(changes, s.name(), ComposePatcher.Setting.RESERVATION_CPUS, s.current().cpusReservation(),
                    s.proposed().cpusReservation());
            addMemoryChange(changes, s.name(), ComposePatcher.Setting.LIMIT_MEMORY, s.current().memoryLimit(),
                    s.proposed().memoryLimit(), currentText.get(s.name() + "/limit_memory"));
            addMemoryChange(changes, s.name(), ComposePatcher.Setting.RESERVATION_MEMORY,
                    s.current().memoryReservation(), s.proposed().memoryReservation(),
                    currentText.get(s.name() + "/reservation_memory"));
        }
        ComposePatcher.Result patch = ComposePatcher.patch(yaml, changes, "docker-compose.yml");
        List<String> unpatched = new ArrayList<>();
        for (ComposePatcher.Change c : patch.notFound()) {
            unpatched.add(c.service() + " " + c.setting().name().toLowerCase(Locale.ROOT) + " → " + c.newValue()
                    + ": no block-style line to rewrite; set it by hand");
        }
        for (Service s : services) {
            if (s.current().cpusLimit().isEmpty() && s.proposed().cpusLimit().isPresent()) {
                unpatched.add(s.name() + " limit_cpus → " + Quantities.formatCpus(s.proposed().cpusLimit().getAsDouble())
                        + ": the file sets no CPU limit; add deploy.resources.limits.cpus by hand");
            }
            if (s.current().memoryLimit().isEmpty() && s.proposed().memoryLimit().isPresent()) {
                unpatched.add(s.name() + " limit_memory → "
                        + Quantities.formatComposeBytes(s.proposed().memoryLimit().getAsLong(), "M")
                        + ": the file sets no memory limit; add deploy.resources.limits.memory by hand");
            }
        }

        Optional<ComposeAnalysis.BudgetCheck> budgetCheck = budget.map(b -> {
            boolean now = host.monthlyPrice().compareTo(b) <= 0;
            Optional<Boolean> later = proposedHost.monthlyPrice().map(p -> p.compareTo(b) <= 0);
            String summary = "now " + Formats.money(host.monthlyPrice()) + " of " + Formats.money(b) + " ("
                    + (now ? "fits" : "over budget") + ")"
                    + proposedHost.size().map(sz -> "; on " + sz + " " + Formats.money(proposedHost.monthlyPrice().get())
                            + " (" + (later.get() ? "fits" : "over budget") + ")").orElse("; no catalog host fits");
            return new ComposeAnalysis.BudgetCheck(b, now, later, summary);
        });

        Optional<ComposeAnalysis.WhatIf> whatIf = Optional.empty();
        if (!without.isEmpty()) {
            Money removed = Money.zero(host.monthlyPrice().currency());
            for (int i = 0; i < services.size(); i++) {
                if (without.contains(services.get(i).name())) {
                    removed = removed.plus(currentCosts.get(i));
                }
            }
            ComposeAnalysis.HostChoice h = hostFor(services, without, host);
            Optional<Boolean> fits = budget.isPresent() && h.monthlyPrice().isPresent()
                    ? Optional.of(h.monthlyPrice().get().compareTo(budget.get()) <= 0) : Optional.empty();
            String summary = "without " + String.join(", ", new java.util.TreeSet<>(without)) + ": "
                    + h.size().map(sz -> sz + " at " + Formats.money(h.monthlyPrice().get()) + "/month").orElse(
                            "no catalog host fits")
                    + fits.map(f -> f ? ", fits the budget" : ", over budget").orElse("")
                    + "; those services carry " + Formats.money(removed) + "/month of today's host";
            whatIf = Optional.of(new ComposeAnalysis.WhatIf(Set.copyOf(without), removed, h, fits, summary));
        }

        List<ComposeAnalysis.ServiceSizing> sizings = new ArrayList<>();
        List<Recommendation> recommendations = new ArrayList<>();
        for (int i = 0; i < services.size(); i++) {
            Service s = services.get(i);
            Optional<Money> proposedCost = proposedCosts.map(list -> list.get(services.indexOf(s)));
            sizings.add(new ComposeAnalysis.ServiceSizing(s.name(), s.current(), s.proposed(), s.usage().cpu(),
                    s.usage().memory(), s.usage().pattern().pattern(), currentCosts.get(i), proposedCost, cpuShare[i],
                    memShare[i], s.notes()));
            recommendations.add(recommendation(s, host, currentCosts.get(i), proposedCost));
        }
        String method = String.format(Locale.ROOT,
                "host price split %.0f/%.0f by each service's share of the stack's CPU limits and memory limits "
                        + "(observed usage where a limit is missing)",
                100 * rules.cpuCostWeight(), 100 * (1 - rules.cpuCostWeight()));
        return new ComposeAnalysis(host, method, sizings, proposedHost, budgetCheck, whatIf, patch.text(),
                patch.unifiedDiff(), unpatched, recommendations, gaps);
    }

    private Service size(String name, ContainerLimits current, List<UsageSeries> series, ComposeHost host,
            List<String> gaps) {
        double cpuCapacity = current.cpusLimit().orElse(host.vcpus());
        double memCapacity = current.memoryLimit().isPresent() ? current.memoryLimit().getAsLong() : host.memoryBytes();
        UsageProfile usage = engine.profile(series, cpuCapacity, memCapacity);
        List<String> notes = new ArrayList<>();
        if (usage.noData()) {
            gaps.add(name + ": no usage data: unknown, limits kept");
            notes.add("no usage data: unknown, not idle; limits kept");
            return new Service(name, current, usage, current, notes);
        }
        if (usage.tooGappy().isPresent()) {
            gaps.add(name + ": " + usage.tooGappy().get());
            notes.add(usage.tooGappy().get());
            return new Service(name, current, usage, current, notes);
        }
        notes.addAll(usage.gaps());
        OptionalDouble cpuLimit = current.cpusLimit();
        OptionalDouble cpuRes = current.cpusReservation();
        if (usage.cpu().isPresent()) {
            UsageStats c = usage.cpu().get();
            double limit = Quantities.roundUpCpus(rules.requiredCpu(c.p95(), c.p99()) * usage.cpuPattern().growthFactor());
            limit = Math.min(limit, Math.max(host.vcpus(), Quantities.roundUpCpus(c.p99())));
            cpuLimit = OptionalDouble.of(limit);
            if (current.cpusReservation().isPresent()) {
                cpuRes = OptionalDouble.of(Math.min(limit, Quantities.roundUpCpus(c.p50())));
            }
        }
        OptionalLong memLimit = current.memoryLimit();
        OptionalLong memRes = current.memoryReservation();
        if (usage.memory().isPresent()) {
            UsageStats m = usage.memory().get();
            long limit = Quantities.roundUpMemory(rules.requiredMemory(m.max()) * usage.memoryPattern().growthFactor());
            memLimit = OptionalLong.of(limit);
            if (current.memoryReservation().isPresent()) {
                memRes = OptionalLong.of(Math.min(limit, Quantities.roundUpMemory(m.p95())));
            }
        }
        if (usage.pattern().pattern() == WorkloadPattern.IDLE) {
            notes.add("idle: " + String.join("; ", usage.pattern().reasons()) + " — is the service still needed?");
        }
        return new Service(name, current, usage, new ContainerLimits(cpuLimit, memLimit, cpuRes, memRes), notes);
    }

    private static ContainerLimits currentLimits(JsonNode service) {
        JsonNode res = service.path("deploy").path("resources");
        OptionalDouble cpus = cpus(res.path("limits").get("cpus"));
        if (cpus.isEmpty()) {
            cpus = cpus(service.get("cpus"));
        }
        OptionalLong mem = bytes(res.path("limits").get("memory"));
        if (mem.isEmpty()) {
            mem = bytes(service.get("mem_limit"));
        }
        OptionalDouble cpuRes = cpus(res.path("reservations").get("cpus"));
        OptionalLong memRes = bytes(res.path("reservations").get("memory"));
        if (memRes.isEmpty()) {
            memRes = bytes(service.get("mem_reservation"));
        }
        return new ContainerLimits(cpus, mem, cpuRes, memRes);
    }

    private static Map<String, String> currentTexts(JsonNode services) {
        Map<String, String> out = new LinkedHashMap<>();
        services.properties().forEach(e -> {
            JsonNode res = e.getValue().path("deploy").path("resources");
            JsonNode lm = res.path("limits").get("memory");
            if (lm == null) {
                lm = e.getValue().get("mem_limit");
            }
            JsonNode rm = res.path("reservations").get("memory");
            if (rm == null) {
                rm = e.getValue().get("mem_reservation");
            }
            if (lm != null) {
                out.put(e.getKey() + "/limit_memory", lm.asText());
            }
            if (rm != null) {
                out.put(e.getKey() + "/reservation_memory", rm.asText());
            }
        });
        return out;
    }

    private static OptionalDouble cpus(JsonNode node) {
        return node == null || node.isNull() ? OptionalDouble.empty() : Quantities.parseCpus(node.asText());
    }

    private static OptionalLong bytes(JsonNode node) {
        if (node == null || node.isNull()) {
            return OptionalLong.empty();
        }
        return node.isNumber() ? OptionalLong.of(node.asLong()) : Quantities.parseComposeBytes(node.asText());
    }

    private static void addChange(List<ComposePatcher.Change> changes, String service, ComposePatcher.Setting setting,
            OptionalDouble current, OptionalDouble proposed) {
        if (current.isPresent() && proposed.isPresent()
                && !Quantities.formatCpus(current.getAsDouble()).equals(Quantities.formatCpus(proposed.getAsDouble()))) {
            changes.add(new ComposePatcher.Change(service, setting, Quantities.formatCpus(proposed.getAsDouble())));
        }
    }

    private static void addMemoryChange(List<ComposePatcher.Change> changes, String service,
            ComposePatcher.Setting setting, OptionalLong current, OptionalLong proposed, String currentText) {
        if (current.isPresent() && proposed.isPresent() && current.getAsLong() != proposed.getAsLong()) {
            changes.add(new ComposePatcher.Change(service, setting,
                    Quantities.formatComposeBytes(proposed.getAsLong(), currentText)));
        }
    }

    /** The cheapest catalog host for the stack (minus {@code without}) with the rules' headroom. */
    private ComposeAnalysis.HostChoice hostFor(List<Service> services, Set<String> without, ComposeHost host) {
        double sumP95 = 0;
        double sumP99 = 0;
        double fixedCpu = 0;
        double maxLimit = 0;
        long memory = rules.hostOverheadBytes();
        List<String> unknown = new ArrayList<>();
        for (Service s : services) {
            if (without.contains(s.name())) {
                continue;
            }
            if (s.usage().cpu().isPresent() && !s.usage().noData() && s.usage().tooGappy().isEmpty()) {
                sumP95 += s.usage().cpu().get().p95() * s.usage().cpuPattern().growthFactor();
                sumP99 += s.usage().cpu().get().p99() * s.usage().cpuPattern().growthFactor();
            } else {
                fixedCpu += s.proposed().cpusLimit().orElse(0.0);
                unknown.add(s.name());
            }
            maxLimit = Math.max(maxLimit, s.proposed().cpusLimit().orElse(0.0));
            if (s.proposed().memoryLimit().isPresent()) {
                memory += s.proposed().memoryLimit().getAsLong();
            } else {
                long observed = (long) Math.ceil(s.usage().memory().map(UsageStats::max).orElse(0.0)
                        * rules.memoryHeadroom());
                memory += observed;
                if (observed == 0) {
                    unknown.add(s.name() + " (memory)");
                }
            }
        }
        double cpu = Math.max(Math.max(sumP95 / rules.cpuP95Target(), sumP99 / rules.cpuP99Target()) + fixedCpu,
                maxLimit);
        String family = catalog.machine(host.size()).map(CatalogSize::family).orElse(null);
        PriceLookup currentList = catalog.price(host.size().isEmpty() ? "-" : host.size(), 1);
        // A billed host (list price plus backups, minus discounts) is compared with candidates on the
        // same footing: each candidate's list price scaled by what the bill pays over today's list price.
        // Otherwise a budget check would set a billed figure against a bare list price.
        Optional<BigDecimal> paidRatio = Optional.empty();
        if (host.priceBasis() == PriceBasis.EFFECTIVE_COST && currentList instanceof PriceLookup.Found f
                && f.monthly().amount().signum() > 0 && f.monthly().currency().equals(host.monthlyPrice().currency())) {
            paidRatio = Optional.of(host.monthlyPrice().amount().divide(f.monthly().amount(),
                    java.math.MathContext.DECIMAL64));
        }
        for (CatalogSize s : catalog.machines(rules.allowFamilyChange() ? null : family)) {
            if (s.priced() && s.available() && s.vcpus() >= cpu && s.memoryBytes() >= memory) {
                Optional<Money> saving = Optional.empty();
                Money price = paidRatio.isPresent() ? s.monthlyPrice().times(paidRatio.get()) : s.monthlyPrice();
                if (currentList instanceof PriceLookup.Found f && without.isEmpty()) {
                    saving = Optional.of(paidRatio.isPresent() ? host.monthlyPrice().minus(price)
                            : f.monthly().minus(s.monthlyPrice()));
                }
                String reason = "cheapest " + (family == null ? "" : family + " ") + "size with " + s.vcpus()
                        + " vCPUs ≥ " + String.format(Locale.ROOT, "%.2f", cpu) + " and " + Formats.bytes(s.memoryBytes())
                        + " ≥ " + Formats.bytes(memory) + " (" + catalog.source() + ")"
                        + paidRatio.map(r -> "; priced as billed: list " + Formats.money(s.monthlyPrice()) + " × "
                                + r.setScale(3, RoundingMode.HALF_EVEN).toPlainString()
                                + ", what the bill pays over today's list price").orElse("")
                        + (unknown.isEmpty() ? "" : "; counted at current limits: " + String.join(", ", unknown));
                return new ComposeAnalysis.HostChoice(Optional.of(s.slug()), Optional.of(price), cpu, memory,
                        saving, reason);
            }
        }
        return new ComposeAnalysis.HostChoice(Optional.empty(), Optional.empty(), cpu, memory, Optional.empty(),
                "no priced size in " + catalog.source() + " has " + String.format(Locale.ROOT, "%.2f", cpu)
                        + " vCPUs and " + Formats.bytes(memory));
    }

    private static double[] shares(double[] weights) {
        double total = 0;
        for (double w : weights) {
            total += w;
        }
        double[] out = new double[weights.length];
        for (int i = 0; i < weights.length; i++) {
            out[i] = total > 0 ? weights[i] / total : 1.0 / weights.length;
        }
        return out;
    }

    /** Splits a price by the weighted shares, exactly: the residue of rounding goes to the largest part. */
    private List<Money> split(Money total, double[] cpuShare, double[] memShare) {
        int n = cpuShare.length;
        BigDecimal w = BigDecimal.valueOf(rules.cpuCostWeight());
        BigDecimal[] parts = new BigDecimal[n];
        BigDecimal sum = BigDecimal.ZERO;
        int largest = 0;
        for (int i = 0; i < n; i++) {
            BigDecimal share = w.multiply(BigDecimal.valueOf(cpuShare[i]))
                    .add(BigDecimal.ONE.subtract(w).multiply(BigDecimal.valueOf(memShare[i])));
            parts[i] = total.amount().multiply(share).setScale(6, RoundingMode.HALF_EVEN);
            sum = sum.add(parts[i]);
            if (parts[i].compareTo(parts[largest]) > 0) {
                largest = i;
            }
        }
        parts[largest] = parts[largest].add(total.amount().subtract(sum));
        List<Money> out = new ArrayList<>(n);
        for (BigDecimal p : parts) {
            out.add(new Money(p, total.currency()));
        }
        return out;
    }

    private Recommendation recommendation(Service s, ComposeHost host, Money currentCost, Optional<Money> proposedCost) {
        Evidence evidence = s.usage().evidence();
        String id = Recommendation.stableId(RecommendationKind.COMPOSE_SERVICE, s.name(), evidence);
        Configuration current = limitsConfiguration(s.current(), Optional.of(currentCost));
        Configuration proposed = limitsConfiguration(s.proposed(), proposedCost);
        RecommendedAction action;
        String summary;
        if (s.usage().noData() || s.usage().tooGappy().isPresent()) {
            action = RecommendedAction.INSUFFICIENT_DATA;
            summary = "No limits proposed for " + s.name() + ": " + s.notes().get(0);
        } else if (current.sameAsWritten(proposed)) {
            action = RecommendedAction.KEEP;
            summary = "Keep " + s.name() + " at " + current.label();
        } else {
            action = s.usage().pattern().pattern() == WorkloadPattern.IDLE ? RecommendedAction.FLAG_IDLE
                    : RecommendedAction.SET_LIMITS;
            summary = s.name() + ": " + current.label() + " → " + proposed.label() + " ("
                    + RightsizingEngine.figures(s.usage()) + ")";
        }
        List<String> riskReasons = new ArrayList<>();
        RightsizingEngine.patternRisk(s.usage(), riskReasons);
        if (action == RecommendedAction.SET_LIMITS && s.proposed().memoryLimit().isPresent()
                && s.current().memoryLimit().isPresent()
                && s.proposed().memoryLimit().getAsLong() < s.current().memoryLimit().getAsLong()) {
            riskReasons.add("a lower memory limit means the kernel kills the container if it ever exceeds "
                    + Formats.bytes(s.proposed().memoryLimit().getAsLong()));
        }
        String note = "service cost is its share of the host (" + host.priceBasis().name().toLowerCase(Locale.ROOT)
                + " " + Formats.money(host.monthlyPrice()) + "/month); the saving is realised only by moving the "
                + "host, see the stack's host choice";
        return new Recommendation(id, RecommendationKind.COMPOSE_SERVICE, action, s.name(), s.name(), current, proposed,
                Optional.empty(), host.priceBasis(), note, RightsizingEngine.risk(riskReasons), Level.LOW,
                s.usage().confidence(List.of()), evidence, false, Optional.empty(), summary);
    }

    private static Configuration limitsConfiguration(ContainerLimits l, Optional<Money> cost) {
        return Configuration.compose(l, cost);
    }
}
