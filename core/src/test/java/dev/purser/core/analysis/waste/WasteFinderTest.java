package dev.purser.core.analysis.waste;

import static org.assertj.core.api.Assertions.assertThat;

import dev.purser.core.analysis.costs.BreakdownRequest;
import dev.purser.core.analysis.costs.CostBreakdown;
import dev.purser.core.analysis.costs.CostFilter;
import dev.purser.core.analysis.costs.CostMetric;
import dev.purser.core.analysis.costs.CostMover;
import dev.purser.core.analysis.costs.CostQueries;
import dev.purser.core.analysis.rightsizing.PriceBasis;
import dev.purser.core.model.Dimension;
import dev.purser.core.model.Money;
import dev.purser.core.model.Period;
import dev.purser.core.model.Resource;
import dev.purser.core.model.ResourceFacts;
import dev.purser.core.model.UsageSeries;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.function.IntToDoubleFunction;
import org.junit.jupiter.api.Test;

class WasteFinderTest {

    static final Instant NOW = Instant.parse("2026-11-15T10:00:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    static final Duration STEP = Duration.ofMinutes(15);

    final FakeInventory inventory = new FakeInventory();

    static Resource resource(String id, String kind, Money price, ResourceFacts facts) {
        return new Resource("acme", id, id + "-name", "AWS", kind, null, "us-east-1", price, Map.of(), facts);
    }

    /** Samples every 15 minutes over the {@code days} before now. */
    static UsageSeries series(String id, String metric, int days, IntToDoubleFunction value) {
        List<UsageSeries.Sample> samples = new ArrayList<>();
        Instant start = NOW.minus(Duration.ofDays(days));
        int n = days * 96;
        for (int i = 0; i < n; i++) {
            samples.add(new UsageSeries.Sample(start.plus(STEP.multipliedBy(i)), value.applyAsDouble(i)));
        }
        return new UsageSeries(id, metric, "percent", STEP, samples);
    }

    WasteReport find() {
        return new WasteFinder(inventory, null, WasteSettings.defaults(), CLOCK).find("acme");
    }

    @Test
    void machine_noSamples_isUnknownNotIdle() {
        inventory.add(resource("i-1", "ec2-instance", Money.of("70", "USD"), ResourceFacts.builder().state("running").build()));
        WasteReport report = find();
        assertThat(report.findings()).isEmpty();
        assertThat(report.unknown()).singleElement().satisfies(u -> {
            assertThat(u.resourceId()).isEqualTo("i-1");
            assertThat(u.check()).isEqualTo("idle machine");
        });
        assertThat(report.totals()).isEmpty();
    }

    @Test
    void machine_samplesCoverTooLittleOfWindow_isUnknown() {
        inventory.add(resource("i-1", "ec2-instance", Money.of("70", "USD"), ResourceFacts.NONE))
                .usage(series("i-1", "cpu_percent", 3, i -> 0.5));
        WasteReport report = find();
        assertThat(report.findings()).isEmpty();
        assertThat(report.unknown()).singleElement().satisfies(u -> assertThat(u.reason()).contains("10 %"));
    }

    @Test
    void machine_lowCpuOverWindow_isIdleAtListPrice() {
        inventory.add(resource("i-1", "ec2-instance", Money.of("70.08", "USD"), ResourceFacts.builder().state("running").build()))
                .usage(series("i-1", "cpu_percent", 30, i -> i % 100 == 0 ? 40 : 1.0));
        WasteReport report = find();
        assertThat(report.findings()).singleElement().satisfies(f -> {
            assertThat(f.kind()).isEqualTo(WasteKind.IDLE_MACHINE);
            assertThat(f.basis()).isEqualTo(PriceBasis.LIST_PRICE);
            assertThat(f.monthlyCost()).hasValueSatisfying(m -> assertThat(m.isSameAmount(Money.of("70.08", "USD"))).isTrue());
            assertThat(f.id()).isEqualTo(WasteFinder.stableId(WasteKind.IDLE_MACHINE, "i-1"));
        });
        assertThat(report.totals().get(Currency.getInstance("USD")).isSameAmount(Money.of("70.08", "USD"))).isTrue();
    }

    @Test
    void machine_busyAtP95_isNotWaste() {
        inventory.add(resource("i-1", "ec2-instance", Money.of("70", "USD"), ResourceFacts.NONE))
                .usage(series("i-1", "cpu_percent", 30, i -> i % 10 == 0 ? 60 : 1.0));
        assertThat(find().findings()).isEmpty();
    }

    @Test
    void machine_cpuInCores_judgedAgainstVcpus() {
        inventory.add(resource("d-1", "droplet", Money.of("24", "USD"), ResourceFacts.builder().compute(new ResourceFacts.Compute(OptionalDouble.of(4), OptionalLong.empty(), OptionalDouble.empty(), OptionalDouble.empty())).build()))
                .usage(series("d-1", "cpu_cores", 30, i -> 0.1));
        assertThat(find().findings()).singleElement()
                .satisfies(f -> assertThat(f.evidence()).startsWith("p95 CPU 2.5 %"));
    }

    @Test
    void machine_stopped_isNotJudged() {
        inventory.add(resource("i-1", "ec2-instance", Money.of("70", "USD"), ResourceFacts.builder().state("stopped").build()));
        WasteReport report = find();
        assertThat(report.findings()).isEmpty();
        assertThat(report.unknown()).isEmpty();
    }

    @Test
    void finding_withoutAnyPrice_claimsNoSaving() {
        inventory.add(resource("vol-1", "ebs-volume", null, ResourceFacts.builder().attachment(ResourceFacts.Attachment.DETACHED).build()));
        WasteReport report = find();
        assertThat(report.findings()).singleElement().satisfies(f -> {
            assertThat(f.monthlyCost()).isEmpty();
            assertThat(f.basis()).isEqualTo(PriceBasis.NOT_FOUND);
        });
        assertThat(report.totals()).isEmpty();
        assertThat(report.gaps()).anyMatch(g -> g.contains("no saving is claimed"));
    }

    @Test
    void volume_withoutAttachmentState_isUnknown() {
        inventory.add(resource("vol-1", "volume", Money.of("10", "USD"), ResourceFacts.NONE));
        WasteReport report = find();
        assertThat(report.findings()).isEmpty();
        assertThat(report.unknown()).singleElement().satisfies(u -> assertThat(u.check()).isEqualTo("attachment"));
    }

    @Test
    void volume_availableOrAttached_judgedByState() {
        inventory.add(resource("vol-1", "ebs-volume", Money.of("10", "USD"), ResourceFacts.builder().state("available").build()))
                .add(resource("vol-2", "ebs-volume", Money.of("10", "USD"), ResourceFacts.builder().attachment(ResourceFacts.Attachment.to(List.of())).build()));
        assertThat(find().findings()).extracting(WasteFinding::resourceId).containsExactly("vol-1");
    }

    @Test
    void address_assignedKeyOfAwsSource_isRead() {
        inventory.add(resource("eipalloc-1", "elastic-ip", null, ResourceFacts.builder().attachment(ResourceFacts.Attachment.DETACHED).build()))
                .add(resource("eipalloc-2", "elastic-ip", null, ResourceFacts.builder().attachment(ResourceFacts.Attachment.to(List.of())).build()));
        assertThat(find().findings()).extracting(WasteFinding::kind).containsExactly(WasteKind.UNASSIGNED_IP);
    }

    @Test
    void snapshot_ageFromStartTime_comparedWithRetention() {
        inventory.add(resource("snap-old", "ebs-snapshot", Money.of("5", "USD"),
                        ResourceFacts.builder().createdAt(Instant.parse("2026-08-01T00:00:00Z")).build()))
                .add(resource("snap-new", "ebs-snapshot", Money.of("5", "USD"), ResourceFacts.builder().createdAt(NOW.minus(Duration.ofDays(30))).build()))
                .add(resource("snap-none", "ebs-snapshot", Money.of("5", "USD"), ResourceFacts.NONE));
        WasteReport report = find();
        assertThat(report.findings()).extracting(WasteFinding::resourceId).containsExactly("snap-old");
        assertThat(report.unknown()).extracting(UnknownResource::resourceId).containsExactly("snap-none");
        WasteReport strict = new WasteFinder(inventory, null, WasteSettings.defaults(), CLOCK)
                .find("acme", WasteSettings.defaults().withSnapshotRetention(Duration.ofDays(7)));
        assertThat(strict.findings()).extracting(WasteFinding::resourceId).containsExactlyInAnyOrder("snap-old", "snap-new");
    }

    @Test
    void database_noConnectionsForAWeek_isIdle_andWithoutSeries_isUnknown() {
        inventory.add(resource("db-1", "database-cluster", Money.of("60", "USD"), ResourceFacts.NONE))
                .add(resource("db-2", "database-cluster", Money.of("60", "USD"), ResourceFacts.NONE))
                .add(resource("db-3", "database-cluster", Money.of("60", "USD"), ResourceFacts.NONE))
                .usage(series("db-1", "connections", 8, i -> 0))
                .usage(series("db-2", "connections", 8, i -> i == 300 ? 1 : 0));
        WasteReport report = find();
        assertThat(report.findings()).extracting(WasteFinding::resourceId).containsExactly("db-1");
        assertThat(report.unknown()).extracting(UnknownResource::resourceId).containsExactly("db-3");
    }

    @Test
    void cost_fromBillByArnTail_preferredOverListPrice() {
        inventory.add(resource("snap-1", "ebs-snapshot", Money.of("5", "USD"), ResourceFacts.builder().createdAt(NOW.minus(Duration.ofDays(400))).build()));
        CostQueries bill = new OneBreakdown(Map.of("arn:aws:ec2:us-east-1:1:snapshot/snap-1", Money.of("4.20", "USD")));
        WasteReport report = new WasteFinder(inventory, bill, WasteSettings.defaults(), CLOCK).find("acme");
        assertThat(report.findings()).singleElement().satisfies(f -> {
            assertThat(f.basis()).isEqualTo(PriceBasis.EFFECTIVE_COST);
            assertThat(f.monthlyCost().orElseThrow().isSameAmount(Money.of("4.20", "USD"))).isTrue();
            assertThat(f.costNote()).contains("2026-10-16..2026-11-14");
        });
    }

    /** Answers every breakdown with the same rows by resource. */
    private record OneBreakdown(Map<String, Money> rows) implements CostQueries {
        @Override
        public CostBreakdown breakdown(BreakdownRequest request) {
            Currency usd = Currency.getInstance("USD");
            List<CostBreakdown.Row> out = new ArrayList<>();
            Money total = Money.zero(usd);
            for (Map.Entry<String, Money> e : rows.entrySet()) {
                out.add(new CostBreakdown.Row(e.getKey(), e.getValue(), Money.zero(usd), false));
                total = total.plus(e.getValue());
            }
            Period p = request.period();
            return new CostBreakdown(p, p.previous(), request.by(), request.metric(),
                    List.of(new CostBreakdown.Section(usd, total, Money.zero(usd), rows.size(), out)), List.of());
        }

        @Override
        public List<CostMover> topMovers(Period period, Dimension by, CostMetric metric, CostFilter filter, int limit) {
            return List.of();
        }
    }
}
