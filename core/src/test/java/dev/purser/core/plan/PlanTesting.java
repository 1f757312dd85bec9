package dev.purser.core.plan;

import dev.purser.core.analysis.catalog.PriceCatalogs;
import dev.purser.core.analysis.inventory.InventorySource;
import dev.purser.core.analysis.recommendations.RightsizingService;
import dev.purser.core.analysis.rightsizing.Recommendation;
import dev.purser.core.analysis.rightsizing.RecommendationKind;
import dev.purser.core.analysis.rightsizing.RightsizingEngine;
import dev.purser.core.analysis.rightsizing.RightsizingRules;
import dev.purser.core.audit.AuditEntry;
import dev.purser.core.audit.AuditEvent;
import dev.purser.core.audit.AuditTrail;
import dev.purser.core.audit.AuditVerification;
import dev.purser.core.demo.DemoScenarios;
import dev.purser.core.demo.Scenario;
import dev.purser.core.model.Resource;
import dev.purser.core.model.UsageSeries;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The mandible demo in memory at a fixed moment, and the doubles plan tests share. */
final class PlanTesting {

    static final LocalDate LAST_DAY = LocalDate.of(2026, 11, 22);
    /** Sunday 2026-11-22 12:00 UTC. */
    static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    private PlanTesting() {
    }

    /** The demo's mandible scenario as an in-memory inventory. */
    static InventorySource mandible() {
        Scenario s = DemoScenarios.generate("mandible", LAST_DAY);
        return new MemoryInventory(s.inventory(), s.usage());
    }

    static RightsizingService rightsizing(InventorySource inventory) {
        return new RightsizingService(inventory, new RightsizingEngine(PriceCatalogs.bundled(),
                RightsizingRules.defaults(), CLOCK), null, CLOCK);
    }

    /** The ids of the two mandible database recommendations, mandible-prod first (largest saving). */
    static List<String> databaseIds(RightsizingService rightsizing) {
        return rightsizing.recommendations("mandible").stream()
                .filter(r -> r.kind() == RecommendationKind.DATABASE_CLUSTER).map(Recommendation::id).toList();
    }

    static Signer person(String principal, String... roles) {
        return new Signer("slack", "T0123/U" + principal.toUpperCase(java.util.Locale.ROOT), principal, principal,
                Set.of(roles), true, Optional.of("https://example.slack.com/archives/C1/p1"));
    }

    static Signer token(String name, String... roles) {
        return new Signer("mcp", name, name, "mcp:" + name, Set.of(roles), false, Optional.empty());
    }

    /** An in-memory inventory with the store's window semantics. */
    static final class MemoryInventory implements InventorySource {
        private final List<Resource> resources;
        private final Map<String, UsageSeries> series = new HashMap<>();

        MemoryInventory(List<Resource> resources, List<UsageSeries> usage) {
            this.resources = new ArrayList<>(resources);
            usage.forEach(u -> series.put(u.resourceId() + "/" + u.metric(), u));
        }

        @Override
        public List<Resource> resources(String scenarioOrNull) {
            return resources.stream().filter(r -> scenarioOrNull == null || r.scenario().equals(scenarioOrNull)).toList();
        }

        @Override
        public Optional<UsageSeries> usage(String resourceId, String metric, Instant from, Instant to) {
            UsageSeries s = series.get(resourceId + "/" + metric);
            if (s == null) {
                return Optional.empty();
            }
            return Optional.of(new UsageSeries(s.resourceId(), s.metric(), s.unit(), s.step(), s.samples().stream()
                    .filter(p -> !p.at().isBefore(from) && p.at().isBefore(to)).toList()));
        }

        @Override
        public List<String> metrics(String resourceId) {
            return series.values().stream().filter(s -> s.resourceId().equals(resourceId)).map(UsageSeries::metric)
                    .sorted().toList();
        }
    }

    /** An audit trail that keeps what is appended, chained like the real one is promised to be. */
    static final class RecordingAuditTrail implements AuditTrail {
        final List<AuditEntry> entries = new ArrayList<>();

        @Override
        public synchronized AuditEntry append(AuditEvent event) {
            String previous = entries.isEmpty() ? "0".repeat(64) : entries.get(entries.size() - 1).hash();
            AuditEntry e = new AuditEntry(entries.size() + 1, NOW, event, previous,
                    Integer.toHexString((previous + event).hashCode()));
            entries.add(e);
            return e;
        }

        @Override
        public synchronized List<AuditEntry> entries(String subject) {
            return entries.stream().filter(e -> e.event().subject().equals(subject)).toList();
        }

        @Override
        public AuditVerification verify() {
            return new AuditVerification(entries.size(), Optional.empty(), "");
        }

        List<String> kinds() {
            return entries.stream().map(e -> e.event().kind()).toList();
        }

        AuditEvent last(String kind) {
            for (int i = entries.size() - 1; i >= 0; i--) {
                if (entries.get(i).event().kind().equals(kind)) {
                    return entries.get(i).event();
                }
            }
            throw new AssertionError("no " + kind + " in " + kinds());
        }
    }
}
