package dev.purser.core.analysis.savings;

import static org.assertj.core.api.Assertions.assertThat;

import dev.purser.core.analysis.commitments.CommitmentAnalysis;
import dev.purser.core.analysis.commitments.CommitmentAnalyzer;
import dev.purser.core.analysis.commitments.CommitmentSettings;
import dev.purser.core.store.JdbcEligibleUsage;
import dev.purser.core.analysis.costs.BreakdownRequest;
import dev.purser.core.analysis.costs.CostBreakdown;
import dev.purser.core.analysis.costs.CostFilter;
import dev.purser.core.analysis.catalog.PriceCatalogs;
import dev.purser.core.analysis.costs.CostMetric;
import dev.purser.core.analysis.recommendations.RightsizingService;
import dev.purser.core.analysis.rightsizing.RightsizingEngine;
import dev.purser.core.analysis.rightsizing.RightsizingRules;
import dev.purser.core.analysis.rightsizing.Level;
import dev.purser.core.analysis.rightsizing.PriceBasis;
import dev.purser.core.analysis.inventory.InventorySource;
import dev.purser.core.analysis.waste.UnknownResource;
import dev.purser.core.analysis.waste.WasteFinder;
import dev.purser.core.analysis.waste.WasteFinding;
import dev.purser.core.analysis.waste.WasteKind;
import dev.purser.core.analysis.waste.WasteReport;
import dev.purser.core.analysis.waste.WasteSettings;
import dev.purser.core.error.ErrorCode;
import dev.purser.core.error.PurserException;
import dev.purser.core.model.Dimension;
import dev.purser.core.model.Money;
import dev.purser.core.model.Period;
import java.math.BigDecimal;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The livyflow story: idle EBS volumes, Elastic IPs, old snapshots and a Savings Plan baseline. */
class LivyflowSavingsTest {

    static LivyflowDemo demo;

    @BeforeAll
    static void load() {
        demo = LivyflowDemo.load();
    }

    @AfterAll
    static void close() {
        demo.close();
    }

    static WasteFinder wasteFinder() {
        return new WasteFinder(demo.inventory, demo.costs, WasteSettings.defaults(), demo.clock);
    }

    static CommitmentAnalyzer commitments() {
        return new CommitmentAnalyzer(new JdbcEligibleUsage(demo.database.dataSource()), CommitmentSettings.defaults(),
                demo.clock);
    }

    @Test
    void waste_livyflow_findsVolumesAddressesSnapshotsAndIdleInstances() {
        WasteReport report = wasteFinder().find(LivyflowDemo.ACCOUNT);
        Map<WasteKind, List<String>> byKind = new HashMap<>();
        for (WasteFinding f : report.findings()) {
            byKind.computeIfAbsent(f.kind(), k -> new java.util.ArrayList<>()).add(f.resourceName());
        }
        assertThat(byKind.get(WasteKind.UNATTACHED_VOLUME))
                .containsExactlyInAnyOrder("old-es-data", "logs-archive", "migration-scratch");
        assertThat(byKind.get(WasteKind.UNASSIGNED_IP)).containsExactlyInAnyOrder("3.214.77.18", "52.71.140.203");
        assertThat(byKind.get(WasteKind.OLD_SNAPSHOT)).hasSize(6).doesNotContain("ingest-worker nightly",
                "ingest-worker monthly");
        assertThat(byKind.get(WasteKind.IDLE_MACHINE)).contains("ml-experiment-gpu", "legacy-api-staging")
                .doesNotContain("ingest-worker", "reporting-batch");
        assertThat(byKind).doesNotContainKey(WasteKind.IDLE_DATABASE);
        // every livyflow finding is priced from the bill, which names each resource
        assertThat(report.findings()).allSatisfy(f -> assertThat(f.basis()).isEqualTo(PriceBasis.EFFECTIVE_COST));
        WasteFinding es = report.findings().stream().filter(f -> f.resourceName().equals("old-es-data")).findFirst()
                .orElseThrow();
        assertThat(es.monthlyCost().orElseThrow().amount()).isBetween(new BigDecimal("48"), new BigDecimal("51"));
        // the staging Aurora instance reports CPU but no connections: unknown, not idle
        assertThat(report.unknown()).extracting(UnknownResource::resourceName)
                .contains("livyflow-aurora-staging-instance-1");
    }

    @Test
    void waste_neverClaimsMoreThanTheBillCharged() {
        WasteReport report = wasteFinder().find(LivyflowDemo.ACCOUNT);
        Period last30 = new Period(LivyflowDemo.LAST_DAY.minusDays(29), LivyflowDemo.LAST_DAY.plusDays(1), ZoneOffset.UTC);
        CostBreakdown bill = demo.costs.breakdown(new BreakdownRequest(last30,
                new Dimension(Dimension.Kind.RESOURCE, null), Integer.MAX_VALUE, CostMetric.EFFECTIVE, CostFilter.NONE));
        Map<String, Money> byResource = new HashMap<>();
        bill.sections().forEach(s -> s.rows().forEach(r -> byResource.put(r.key(), r.amount())));
        for (WasteFinding f : report.findings()) {
            Money billed = byResource.get(f.resourceId());
            assertThat(billed).as("bill row of %s", f.resourceId()).isNotNull();
            assertThat(f.monthlyCost().orElseThrow().compareTo(billed)).isLessThanOrEqualTo(0);
        }
    }

    @Test
    void commitments_livyflow_findsASavingsPlanBaselineWithoutTheIdleInstances() {
        WasteReport waste = wasteFinder().find(LivyflowDemo.ACCOUNT);
        CommitmentAnalysis a = commitments().analyze(LivyflowDemo.ACCOUNT, WasteFinder.resourceIds(waste), List.of())
                .orElseThrow();
        assertThat(a.hours()).isEqualTo(60 * 24);
        // weekend floor: two t3.large, a c5.xlarge and an m5.2xlarge on demand = 0.7204 USD/hour
        assertThat(a.baselineHourly().amount()).isEqualByComparingTo("0.7204");
        assertThat(a.excludedResources()).contains("i-02b9d4f6e8a1c3501", "i-0e1a3c5b7d9f2b601");
        assertThat(a.existingCoverage()).isGreaterThan(new BigDecimal("0.3"));
        var p = a.primary().orElseThrow();
        assertThat(p.coveredOnDemandHourly().amount()).isEqualByComparingTo("0.7204");
        assertThat(p.monthlySaving().amount()).isBetween(new BigDecimal("140"), new BigDecimal("150"));
    }

    @Test
    void savings_livyflow_rankedWithTotalsAndStableIds() {
        SavingsService service = new SavingsService(wasteFinder(), commitments(), null, Map.of(), demo.clock);
        SavingsReport first = service.plan(LivyflowDemo.ACCOUNT);
        SavingsReport second = service.plan(LivyflowDemo.ACCOUNT);
        assertThat(first.items()).extracting(SavingsItem::id).isEqualTo(second.items().stream().map(SavingsItem::id).toList());
        assertThat(first.items()).extracting(SavingsItem::category)
                .contains(SavingsCategory.WASTE, SavingsCategory.COMMITMENT);
        for (int i = 1; i < first.items().size(); i++) {
            assertThat(SavingsRanking.score(first.items().get(i - 1)))
                    .isGreaterThanOrEqualTo(SavingsRanking.score(first.items().get(i)));
        }
        BigDecimal sum = first.items().stream().map(it -> it.monthlySaving().orElseThrow().amount())
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        assertThat(first.totals()).hasSize(1);
        assertThat(first.totals().values().iterator().next().amount()).isEqualByComparingTo(sum);
        // the GPU instance costs most and is idle: it leads the list
        assertThat(first.items().get(0).subject()).isEqualTo("ml-experiment-gpu");
    }

    @Test
    void savings_failingSource_isNotedAndTheRestShown() {
        SavingsSource broken = account -> {
            throw new PurserException(ErrorCode.EXTERNAL_API_ERROR, "Prometheus did not answer");
        };
        SavingsService service = new SavingsService(wasteFinder(), null, null, Map.of("right-sizing", broken), demo.clock);
        SavingsReport report = service.plan(LivyflowDemo.ACCOUNT);
        assertThat(report.items()).isNotEmpty();
        assertThat(report.gaps()).anyMatch(g -> g.startsWith("right-sizing could not answer"));
    }

    @Test
    void savings_sameResourceFromTwoSources_listedOnce() {
        SavingsSource rightsizing = account -> List.of(new SavingsItem("rs-0123456789", SavingsCategory.RIGHTSIZING,
                LivyflowDemo.ACCOUNT, Optional.of("i-02b9d4f6e8a1c3501"), "ml-experiment-gpu", "Resize",
                Optional.of(Money.of("100", "USD")), PriceBasis.LIST_PRICE, "catalog", Level.LOW, List.of(),
                Level.LOW, Level.HIGH, "smaller"));
        SavingsService service = new SavingsService(wasteFinder(), null, null, Map.of("right-sizing", rightsizing),
                demo.clock);
        SavingsReport report = service.plan(LivyflowDemo.ACCOUNT);
        assertThat(report.items()).filteredOn(i -> i.resourceId().equals(Optional.of("i-02b9d4f6e8a1c3501")))
                .singleElement().satisfies(i -> assertThat(i.category()).isEqualTo(SavingsCategory.WASTE));
        assertThat(report.gaps()).anyMatch(g -> g.contains("overlapping"));
    }

    @Test
    void savings_withRightsizing_mergesItsItemsWithoutCountingAResourceTwice() {
        RightsizingEngine engine = new RightsizingEngine(PriceCatalogs.bundled(), RightsizingRules.defaults(), demo.clock);
        RightsizingService rightsizing = new RightsizingService(demo.inventory, engine, demo.costs, demo.clock);
        SavingsService service = new SavingsService(wasteFinder(), commitments(), null,
                Map.of(SavingsSources.RIGHTSIZING, SavingsSources.rightsizing(rightsizing)), demo.clock);
        SavingsReport report = service.plan(LivyflowDemo.ACCOUNT);
        assertThat(report.gaps()).noneMatch(g -> g.startsWith("right-sizing could not answer"));
        assertThat(report.items()).extracting(SavingsItem::category).contains(SavingsCategory.RIGHTSIZING);
        List<String> resources = report.items().stream().flatMap(i -> i.resourceId().stream()).toList();
        assertThat(resources).doesNotHaveDuplicates();
        assertThat(report.items()).allSatisfy(i -> assertThat(i.monthlySaving()).isPresent());
    }
}
