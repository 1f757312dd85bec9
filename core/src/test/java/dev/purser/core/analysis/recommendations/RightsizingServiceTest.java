package dev.purser.core.analysis.recommendations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.purser.core.analysis.catalog.PriceCatalogs;
import dev.purser.core.analysis.rightsizing.ComposeAnalysis;
import dev.purser.core.analysis.rightsizing.DecisionMatrix;
import dev.purser.core.analysis.rightsizing.PriceBasis;
import dev.purser.core.analysis.rightsizing.Recommendation;
import dev.purser.core.analysis.rightsizing.RecommendationKind;
import dev.purser.core.analysis.rightsizing.RecommendedAction;
import dev.purser.core.analysis.rightsizing.RightsizingEngine;
import dev.purser.core.analysis.rightsizing.RightsizingRules;
import dev.purser.core.demo.DemoScenarios;
import dev.purser.core.demo.Scenario;
import dev.purser.core.error.ErrorCode;
import dev.purser.core.error.PurserException;
import dev.purser.core.ingest.FocusImporter;
import dev.purser.core.ingest.ImportOptions;
import dev.purser.core.model.Money;
import dev.purser.core.store.InventoryRepository;
import dev.purser.core.store.JdbcCostQueries;
import dev.purser.core.store.JdbcCostSink;
import dev.purser.core.store.PurserDatabase;
import dev.purser.core.testing.TestDatabase;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The demo stories through the store: inventory, usage and the bill loaded the way {@code purser demo} loads them. */
class RightsizingServiceTest {

    /** Last full month before the clock is November 2026 (30 days). */
    static final LocalDate LAST_DAY = LocalDate.of(2026, 12, 10);
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-10T12:00:00Z"), ZoneOffset.UTC);

    private static PurserDatabase db;
    private static RightsizingService service;
    private static RightsizingService listOnly;

    @BeforeAll
    static void load() throws Exception {
        db = TestDatabase.fresh();
        InventoryRepository inventory = new InventoryRepository(db.dataSource());
        FocusImporter importer = new FocusImporter(new JdbcCostSink(db.dataSource()), CLOCK);
        Path dir = Files.createTempDirectory("rightsizing-service");
        for (String name : List.of("mandible", "investment")) {
            Scenario s = DemoScenarios.generate(name, LAST_DAY);
            importer.importFile(s.writeFiles(dir).get(0), ImportOptions.STRICT);
            inventory.replaceScenario(s.name(), s.inventory(), s.usage());
        }
        RightsizingEngine engine = new RightsizingEngine(PriceCatalogs.bundled(), RightsizingRules.defaults(), CLOCK);
        service = new RightsizingService(inventory, engine, new JdbcCostQueries(db.dataSource()), CLOCK);
        listOnly = new RightsizingService(inventory, engine, null, CLOCK);
    }

    @AfterAll
    static void close() {
        db.close();
    }

    static RightsizingQuery query(String account, Set<RightsizeKind> kinds) {
        return new RightsizingQuery(Optional.of(account), Optional.empty(), kinds, RightsizingQuery.DEFAULT_WINDOW,
                Optional.empty(), Set.of(), Optional.empty(), false);
    }

    private static Recommendation byName(RightsizingReport report, String name) {
        return report.recommendations().stream().filter(r -> r.resourceName().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void rightsize_mandible_oneNodeVerdictsWithMatricesAndTotalInStoryRange() {
        RightsizingReport report = service.rightsize(RightsizingQuery.account("mandible"));

        for (String cluster : List.of("sso-prod", "mandible-prod")) {
            Recommendation r = byName(report, cluster);
            assertThat(r.kind()).isEqualTo(RecommendationKind.DATABASE_CLUSTER);
            assertThat(r.action()).as(cluster).isEqualTo(RecommendedAction.REDUCE_NODES);
            assertThat(r.proposed().label()).endsWith("x 1 node");
            DecisionMatrix m = r.decisionMatrix().orElseThrow();
            assertThat(m.verdict()).endsWith("x 1 node");
            DecisionMatrix.Option single = m.options().stream().filter(o -> o.nodes() == 1 && o.size().equals(
                    r.current().size().orElseThrow())).findFirst().orElseThrow();
            assertThat(single.failover()).contains("restored from backup");
            assertThat(single.restoreEstimate()).as(cluster).startsWith("about ").contains("GiB");
            assertThat(single.dataLossWindow()).isNotBlank();
            assertThat(single.backupRecency()).contains("last backup");
            assertThat(single.operationalComplexity()).contains("num_nodes 2 → 1");
            assertThat(single.monthlySaving()).isPresent();
        }
        List<Money> total = report.totalSavings();
        assertThat(total).hasSize(1);
        assertThat(total.get(0).amount()).isBetween(new BigDecimal("50"), new BigDecimal("100"));
        assertThat(report.notes()).anyMatch(n -> n.contains("catalog: digitalocean bundled snapshot 2026-11-01"));
    }

    @Test
    void rightsize_smallerNodeNeedsMigration_namedAsLaterStep() {
        Recommendation sso = byName(service.rightsize(query("mandible", EnumSet.of(RightsizeKind.DATABASE))),
                "sso-prod");
        DecisionMatrix m = sso.decisionMatrix().orElseThrow();
        assertThat(m.options()).anyMatch(o -> o.size().equals("db-s-1vcpu-1gb"));
        assertThat(m.verdictReasons()).anyMatch(s -> s.contains("db-s-1vcpu-1gb x 1 node") && s.contains("migration"));
    }

    @Test
    void rightsize_billHasResource_savingOnEffectiveCost() {
        Recommendation main = byName(service.rightsize(query("mandible", EnumSet.of(RightsizeKind.DATABASE))),
                "mandible-prod");
        // November: 2 nodes x 720 h x 0.08929 = 128.5776 billed; one node less is half of it.
        assertThat(main.priceBasis()).isEqualTo(PriceBasis.EFFECTIVE_COST);
        assertThat(main.monthlySaving().orElseThrow().amount()).isEqualByComparingTo("64.2888");
        assertThat(main.priceNote()).contains("2026-11", "128.58 USD", "120.00 USD");

        Recommendation list = byName(listOnly.rightsize(query("mandible", EnumSet.of(RightsizeKind.DATABASE))),
                "mandible-prod");
        assertThat(list.priceBasis()).isEqualTo(PriceBasis.LIST_PRICE);
        assertThat(list.monthlySaving().orElseThrow().amount()).isEqualByComparingTo("60");
        assertThat(list.id()).isEqualTo(main.id());
    }

    @Test
    void rightsize_investment_limitsBudgetAndWithoutElasticsearch() {
        RightsizingQuery q = new RightsizingQuery(Optional.of("investment"), Optional.empty(),
                EnumSet.of(RightsizeKind.CONTAINER), RightsizingQuery.DEFAULT_WINDOW, Optional.empty(),
                Set.of("elasticsearch"), Optional.empty(), false);
        RightsizingReport report = service.rightsize(q);

        assertThat(report.stacks()).hasSize(1);
        ComposeStack stack = report.stacks().get(0);
        ComposeAnalysis a = stack.analysis();
        assertThat(stack.composeSource()).contains("stored with the inventory");
        assertThat(a.services()).hasSize(10);
        for (ComposeAnalysis.ServiceSizing s : a.services()) {
            long max = (long) s.memory().orElseThrow().max();
            assertThat(s.proposed().memoryLimit().getAsLong()).as(s.name()).isGreaterThanOrEqualTo((long) (max * 1.2))
                    .isLessThanOrEqualTo(s.current().memoryLimit().getAsLong());
            assertThat(s.proposed().cpusLimit().getAsDouble()).as(s.name())
                    .isGreaterThanOrEqualTo(s.cpu().orElseThrow().p99());
        }
        assertThat(a.unifiedDiff()).contains("-          memory: 4g");
        // the host as billed (droplet and its backups) is over the $50 budget stored with the host
        ComposeAnalysis.BudgetCheck budget = a.budget().orElseThrow();
        assertThat(budget.budget().amount()).isEqualByComparingTo("50");
        assertThat(a.host().priceBasis()).isEqualTo(PriceBasis.EFFECTIVE_COST);
        assertThat(budget.currentFits()).isFalse();
        if (a.proposedHost().size().orElseThrow().equals(a.host().size())) {
            // candidates are priced on the host's billed footing, not at bare list price
            assertThat(a.proposedHost().monthlyPrice().orElseThrow().amount())
                    .isEqualByComparingTo(a.host().monthlyPrice().amount());
        }
        ComposeAnalysis.WhatIf whatIf = a.whatIf().orElseThrow();
        assertThat(whatIf.without()).containsExactly("elasticsearch");
        assertThat(whatIf.removedServicesCurrentCost().amount()).isPositive();
        assertThat(whatIf.host().neededMemory()).isLessThan(a.proposedHost().neededMemory());
        assertThat(report.recommendations()).anyMatch(r -> r.resourceId().equals(stack.hostId()));
    }

    @Test
    void rightsize_sameEvidence_sameIds() {
        List<String> first = service.rightsize(RightsizingQuery.all()).recommendations().stream()
                .map(Recommendation::id).toList();
        List<String> second = service.rightsize(RightsizingQuery.all()).recommendations().stream()
                .map(Recommendation::id).toList();
        assertThat(first).isNotEmpty().doesNotHaveDuplicates().isEqualTo(second);
    }

    @Test
    void rightsize_target_onlyThatResource() {
        RightsizingQuery q = new RightsizingQuery(Optional.empty(), Optional.of("sso-prod"),
                EnumSet.allOf(RightsizeKind.class), Duration.ofDays(14), Optional.empty(), Set.of(), Optional.empty(),
                true);
        RightsizingReport report = service.rightsize(q);
        assertThat(report.recommendations()).extracting(Recommendation::resourceName).containsExactly("sso-prod");
        assertThat(report.usage()).containsKey(report.recommendations().get(0).resourceId());
        assertThat(report.recommendations().get(0).evidence().metrics().get(0).coveredDays()).isLessThan(15);
    }

    @Test
    void rightsize_unknownTarget_notFound() {
        RightsizingQuery q = new RightsizingQuery(Optional.empty(), Optional.of("nope"),
                EnumSet.allOf(RightsizeKind.class), RightsizingQuery.DEFAULT_WINDOW, Optional.empty(), Set.of(),
                Optional.empty(), false);
        assertThatThrownBy(() -> service.rightsize(q)).isInstanceOfSatisfying(PurserException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
        assertThatThrownBy(() -> service.rightsize(RightsizingQuery.account("nobody")))
                .isInstanceOfSatisfying(PurserException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
    }
}
