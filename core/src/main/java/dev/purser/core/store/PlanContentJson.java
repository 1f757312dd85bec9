package dev.purser.core.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.purser.core.analysis.rightsizing.Configuration;
import dev.purser.core.analysis.rightsizing.ContainerLimits;
import dev.purser.core.analysis.rightsizing.DecisionMatrix;
import dev.purser.core.analysis.rightsizing.Level;
import dev.purser.core.analysis.rightsizing.RecommendationKind;
import dev.purser.core.analysis.rightsizing.RightsizingChange;
import dev.purser.core.error.ErrorCode;
import dev.purser.core.error.PurserException;
import dev.purser.core.model.Money;
import dev.purser.core.plan.MaintenanceWindow;
import dev.purser.core.plan.Phase;
import dev.purser.core.plan.PhaseTarget;
import dev.purser.core.plan.PlanContent;
import dev.purser.core.plan.PlannedChange;
import dev.purser.core.plan.PreCheck;
import dev.purser.core.plan.Traffic;
import dev.purser.core.plan.Trigger;
import dev.purser.core.plan.WindowSlot;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * The stored form of a {@link PlanContent}: JSON with snake_case keys written and read field by
 * field, so the stored shape is a schema of its own. Exact figures (money, thresholds) are
 * strings. Reading a revision back gives content whose hash equals the stored hash; the store
 * checks that on every read.
 */
final class PlanContentJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private PlanContentJson() {
    }

    static String write(PlanContent c) {
        ObjectNode o = JSON.createObjectNode();
        o.put("format", PlanContent.FORMAT);
        o.put("title", c.title());
        strings(o.putArray("recommendation_ids"), c.recommendationIds());
        o.put("window", c.window().canonical());
        o.put("ordered_by", c.orderedBy());
        ArrayNode phases = o.putArray("phases");
        for (Phase p : c.phases()) {
            ObjectNode n = phases.addObject();
            n.put("number", p.number());
            n.put("name", p.name());
            n.put("rehearsal", p.rehearsal());
            n.put("tier", p.tier());
            ObjectNode w = n.putObject("window");
            w.put("start", p.window().start().toString());
            w.put("end", p.window().end().toString());
            w.put("zone", p.window().zone().getId());
            n.put("soak", p.soak().toString());
            ArrayNode checks = n.putArray("pre_checks");
            for (PreCheck k : p.preChecks()) {
                checks.addObject().put("kind", k.kind().name()).put("parameter", k.parameter());
            }
            ArrayNode triggers = n.putArray("triggers");
            for (Trigger t : p.triggers()) {
                triggers.addObject().put("metric", t.metric()).put("comparison", t.comparison().name())
                        .put("threshold", t.threshold().toPlainString()).put("relative_to_baseline", t.relativeToBaseline())
                        .put("sustained_for", t.sustainedFor().toString());
            }
            ArrayNode targets = n.putArray("targets");
            for (PhaseTarget t : p.targets()) {
                target(targets.addObject(), t);
            }
        }
        try {
            return JSON.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a plan's JSON could not be written", e);
        }
    }

    static PlanContent read(String json) {
        try {
            JsonNode o = JSON.readTree(json);
            String format = o.path("format").asText();
            if (!PlanContent.FORMAT.equals(format)) {
                throw new PurserException(ErrorCode.INTERNAL_ERROR, "stored plan has format '" + format
                        + "', which this Purser does not read (" + PlanContent.FORMAT + ")");
            }
            List<Phase> phases = new ArrayList<>();
            for (JsonNode n : o.path("phases")) {
                JsonNode w = n.path("window");
                List<PreCheck> checks = new ArrayList<>();
                for (JsonNode k : n.path("pre_checks")) {
                    checks.add(new PreCheck(PreCheck.Kind.valueOf(k.path("kind").asText()), k.path("parameter").asText()));
                }
                List<Trigger> triggers = new ArrayList<>();
                for (JsonNode t : n.path("triggers")) {
                    triggers.add(new Trigger(t.path("metric").asText(),
                            Trigger.Comparison.valueOf(t.path("comparison").asText()),
                            new BigDecimal(t.path("threshold").asText()), t.path("relative_to_baseline").asBoolean(),
                            Duration.parse(t.path("sustained_for").asText())));
                }
                List<PhaseTarget> targets = new ArrayList<>();
                for (JsonNode t : n.path("targets")) {
                    targets.add(target(t));
                }
                phases.add(new Phase(n.path("number").asInt(), n.path("name").asText(), n.path("rehearsal").asBoolean(),
                        n.path("tier").asText(), targets, new WindowSlot(Instant.parse(w.path("start").asText()),
                                Instant.parse(w.path("end").asText()), ZoneId.of(w.path("zone").asText())),
                        checks, Duration.parse(n.path("soak").asText()), triggers));
            }
            String window = o.path("window").asText();
            return new PlanContent(o.path("title").asText(), strings(o.path("recommendation_ids")),
                    MaintenanceWindow.parse(window, ZoneId.of("UTC")), o.path("ordered_by").asText(), phases);
        } catch (JsonProcessingException | RuntimeException e) {
            if (e instanceof PurserException p) {
                throw p;
            }
            throw new PurserException(ErrorCode.INTERNAL_ERROR, "a stored plan could not be read back", e);
        }
    }

    // ------------------------------------------------------------------ targets

    private static void target(ObjectNode n, PhaseTarget t) {
        n.put("resource_id", t.resourceId());
        n.put("name", t.name());
        n.put("kind", t.kind().name());
        n.put("account", t.account());
        n.put("tier", t.tier());
        n.put("rehearsal", t.rehearsal());
        n.put("recommendation_id", t.recommendationId());
        change(n.putObject("change"), t.change());
        change(n.putObject("rollback"), t.rollback());
        t.monthlySaving().ifPresent(m -> money(n, "monthly_saving", m));
        n.put("risk", t.risk().name());
        strings(n.putArray("risk_reasons"), t.riskReasons());
        t.decisionMatrix().ifPresent(d -> matrix(n.putObject("decision_matrix"), d));
        t.traffic().ifPresent(x -> n.putObject("traffic").put("metric", x.metric())
                .put("mean", x.mean().toPlainString()).put("samples", x.samples()));
    }

    private static PhaseTarget target(JsonNode n) {
        Optional<Traffic> traffic = n.has("traffic") ? Optional.of(new Traffic(n.path("traffic").path("metric").asText(),
                new BigDecimal(n.path("traffic").path("mean").asText()), n.path("traffic").path("samples").asLong()))
                : Optional.empty();
        return new PhaseTarget(n.path("resource_id").asText(), n.path("name").asText(),
                RecommendationKind.valueOf(n.path("kind").asText()), n.path("account").asText(), n.path("tier").asText(),
                n.path("rehearsal").asBoolean(), n.path("recommendation_id").asText(), change(n.path("change")),
                change(n.path("rollback")), money(n, "monthly_saving"), Level.valueOf(n.path("risk").asText()),
                strings(n.path("risk_reasons")),
                n.has("decision_matrix") ? Optional.of(matrix(n.path("decision_matrix"))) : Optional.empty(), traffic);
    }

    private static void change(ObjectNode n, PlannedChange c) {
        n.put("executor", c.executor());
        configuration(n.putObject("from"), c.change().from());
        configuration(n.putObject("to"), c.change().to());
    }

    private static PlannedChange change(JsonNode n) {
        return new PlannedChange(n.path("executor").asText(), new RightsizingChange(configuration(n.path("from")),
                configuration(n.path("to"))));
    }

    // ------------------------------------------------------------------ configurations

    private static void configuration(ObjectNode n, Configuration c) {
        Configuration.Setting s = c.setting();
        if (s instanceof Configuration.MachineSize m) {
            n.put("kind", "machine");
            m.size().ifPresent(v -> n.put("size", v));
            m.nodes().ifPresent(v -> n.put("nodes", v));
            m.vcpus().ifPresent(v -> n.put("vcpus", v));
            m.memoryBytes().ifPresent(v -> n.put("memory_bytes", v));
        } else if (s instanceof Configuration.ComposeLimits l) {
            n.put("kind", "compose");
            limits(n, l.limits());
        } else if (s instanceof Configuration.KubernetesResources k) {
            n.put("kind", "kubernetes");
            limits(n, k.resources());
        } else {
            n.put("kind", "removed");
        }
        c.monthlyPrice().ifPresent(m -> money(n, "monthly_price", m));
    }

    private static Configuration configuration(JsonNode n) {
        Configuration.Setting s = switch (n.path("kind").asText()) {
            case "machine" -> new Configuration.MachineSize(n.has("size") ? Optional.of(n.path("size").asText())
                    : Optional.empty(), n.has("nodes") ? OptionalInt.of(n.path("nodes").asInt()) : OptionalInt.empty(),
                    dbl(n, "vcpus"), lng(n, "memory_bytes"));
            case "compose" -> new Configuration.ComposeLimits(limits(n));
            case "kubernetes" -> new Configuration.KubernetesResources(limits(n));
            case "removed" -> new Configuration.Removed();
            default -> throw new IllegalArgumentException("unknown configuration kind " + n.path("kind").asText());
        };
        return new Configuration(s, money(n, "monthly_price"));
    }

    private static void limits(ObjectNode n, ContainerLimits l) {
        l.cpusLimit().ifPresent(v -> n.put("cpus_limit", v));
        l.memoryLimit().ifPresent(v -> n.put("memory_limit", v));
        l.cpusReservation().ifPresent(v -> n.put("cpus_reservation", v));
        l.memoryReservation().ifPresent(v -> n.put("memory_reservation", v));
    }

    private static ContainerLimits limits(JsonNode n) {
        return new ContainerLimits(dbl(n, "cpus_limit"), lng(n, "memory_limit"), dbl(n, "cpus_reservation"),
                lng(n, "memory_reservation"));
    }

    // ------------------------------------------------------------------ decision matrix

    private static void matrix(ObjectNode n, DecisionMatrix d) {
        n.put("cluster_id", d.clusterId());
        n.put("critical", d.critical());
        n.put("environment", d.environment());
        ArrayNode options = n.putArray("options");
        for (DecisionMatrix.Option x : d.options()) {
            ObjectNode o = options.addObject();
            o.put("label", x.label());
            o.put("size", x.size());
            o.put("nodes", x.nodes());
            o.put("current", x.current());
            x.monthlyPrice().ifPresent(m -> money(o, "monthly_price", m));
            x.monthlySaving().ifPresent(m -> money(o, "monthly_saving", m));
            o.put("performance", x.performance());
            o.put("failover", x.failover());
            o.put("restore_estimate", x.restoreEstimate());
            o.put("data_loss_window", x.dataLossWindow());
            o.put("backup_recency", x.backupRecency());
            o.put("operational_complexity", x.operationalComplexity());
            o.put("risk", x.risk().name());
            o.put("allowed", x.allowed());
            o.put("not_allowed_reason", x.notAllowedReason());
        }
        n.put("verdict", d.verdict());
        strings(n.putArray("verdict_reasons"), d.verdictReasons());
    }

    private static DecisionMatrix matrix(JsonNode n) {
        List<DecisionMatrix.Option> options = new ArrayList<>();
        for (JsonNode o : n.path("options")) {
            options.add(new DecisionMatrix.Option(o.path("label").asText(), o.path("size").asText(),
                    o.path("nodes").asInt(), o.path("current").asBoolean(), money(o, "monthly_price"),
                    money(o, "monthly_saving"), o.path("performance").asText(), o.path("failover").asText(),
                    o.path("restore_estimate").asText(), o.path("data_loss_window").asText(),
                    o.path("backup_recency").asText(), o.path("operational_complexity").asText(),
                    Level.valueOf(o.path("risk").asText()), o.path("allowed").asBoolean(),
                    o.path("not_allowed_reason").asText()));
        }
        return new DecisionMatrix(n.path("cluster_id").asText(), n.path("critical").asBoolean(),
                n.path("environment").asText(), options, n.path("verdict").asText(), strings(n.path("verdict_reasons")));
    }

    // ------------------------------------------------------------------ values

    private static void money(ObjectNode n, String key, Money m) {
        n.putObject(key).put("amount", m.amount().toPlainString()).put("currency", m.currency().getCurrencyCode());
    }

    private static Optional<Money> money(JsonNode n, String key) {
        if (!n.has(key)) {
            return Optional.empty();
        }
        JsonNode m = n.path(key);
        return Optional.of(Money.of(new BigDecimal(m.path("amount").asText()), m.path("currency").asText()));
    }

    private static OptionalDouble dbl(JsonNode n, String key) {
        return n.has(key) ? OptionalDouble.of(n.path(key).asDouble()) : OptionalDouble.empty();
    }

    private static OptionalLong lng(JsonNode n, String key) {
        return n.has(key) ? OptionalLong.of(n.path(key).asLong()) : OptionalLong.empty();
    }

    private static void strings(ArrayNode a, List<String> values) {
        values.forEach(a::add);
    }

    private static List<String> strings(JsonNode a) {
        List<String> out = new ArrayList<>();
        a.forEach(x -> out.add(x.asText()));
        return out;
    }
}
