package dev.purser.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.purser.core.analysis.costs.BreakdownRequest;
import dev.purser.core.analysis.costs.CompleteDays;
import dev.purser.core.analysis.costs.CostBreakdown;
import dev.purser.core.analysis.costs.CostFilter;
import dev.purser.core.analysis.costs.CostMetric;
import dev.purser.core.analysis.costs.CostMover;
import dev.purser.core.analysis.costs.CostQueries;
import dev.purser.core.analysis.costs.DailySeries;
import dev.purser.core.analysis.costs.Granularity;
import dev.purser.core.ingest.FocusFixtures;
import dev.purser.core.ingest.FocusImporter;
import dev.purser.core.ingest.ImportOptions;
import dev.purser.core.model.Dimension;
import dev.purser.core.model.Money;
import dev.purser.core.model.Period;
import dev.purser.core.testing.TestDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * One read-only data set for every test: the small demo fixture (account "mandible", USD,
 * 2026-10-01..03), "livyflow" on AWS in USD for September and October, and "investment" in EUR.
 */
class JdbcCostQueriesTest {

    private static final ZoneId UTC = ZoneOffset.UTC;
    private static final Period OCTOBER = Period.ofMonth(2026, 10, UTC);
    private static final Dimension ENV = Dimension.tag("env");
    private static final CostFilter LIVYFLOW = CostFilter.NONE.and(account(), "livyflow");

    private static PurserDatabase db;
    private static JdbcCostQueries queries;

    @BeforeAll
    static void load() throws IOException {
        db = TestDatabase.fresh();
        Path dir = Files.createTempDirectory("purser-cost-queries");
        FocusImporter importer = new FocusImporter(new JdbcCostSink(db.dataSource()),
                Clock.fixed(Instant.parse("2026-11-23T10:00:00Z"), UTC));
        importer.importFile(FocusFixtures.resource("demo-small.csv", dir), ImportOptions.STRICT);

        FocusFixtures aws = FocusFixtures.demo();
        String sep = "2026-09";
        String oct = "2026-10";
        for (int day : new int[] {1, 10, 20}) {
            awsRow(aws, sep, day, "AmazonEC2", "100.10", "{\"env\":\"prod\",\"team\":\"web\"}", "i-1");
        }
        for (int day : new int[] {5, 25}) {
            awsRow(aws, sep, day, "AmazonRDS", "75.25", "{\"env\":\"prod\",\"team\":\"data\"}", "db-1");
        }
        awsRow(aws, sep, 15, "AmazonS3", "20.00", "{\"env\":\"staging\"}", "bucket-1");
        awsRow(aws, sep, 30, "AmazonCloudFront", "9.99", "", "dist-1");
        for (int day : new int[] {1, 10, 31}) {
            awsRow(aws, oct, day, "AmazonEC2", "120.10", "{\"env\":\"prod\",\"team\":\"web\"}", "i-1");
        }
        for (int day : new int[] {5, 25}) {
            awsRow(aws, oct, day, "AmazonRDS", "60.25", "{\"env\":\"prod\",\"team\":\"data\"}", "db-1");
        }
        awsRow(aws, oct, 15, "AmazonS3", "25.00", "{\"env\":\"staging\"}", "bucket-1");
        awsRow(aws, oct, 30, "AmazonCloudFront", "9.99", "", "dist-1");
        awsRow(aws, oct, 20, "AmazonEBS", "40.00", "{\"env\":\"prod\"}", "vol-1");
        awsRow(aws, oct, 31, "", "12.3456", "", "");
        importer.importFile(aws.write(dir.resolve("livyflow.csv")), ImportOptions.STRICT);

        importer.importFile(FocusFixtures.demo()
                .row("BillingAccountId", "do-9", "BillingAccountName", "investment", "BillingCurrency", "EUR",
                        "BilledCost", "30.00", "EffectiveCost", "30.00",
                        "ChargePeriodStart", "2026-10-10T12:00:00Z", "ChargePeriodEnd", "2026-10-11T12:00:00Z")
                .write(dir.resolve("investment.csv")), ImportOptions.STRICT);
        try (var files = Files.list(dir)) {
            files.forEach(f -> f.toFile().delete());
        }
        Files.delete(dir);
        queries = new JdbcCostQueries(db.dataSource());
    }

    private static void awsRow(FocusFixtures csv, String month, int day, String service, String cost, String tags,
                               String resource) {
        String start = String.format("%s-%02dT12:00:00Z", month, day);
        LocalDate first = LocalDate.parse(month + "-01");
        csv.row("BillingAccountId", "aws-123", "BillingAccountName", "livyflow",
                "BillingPeriodStart", first + "T00:00:00Z", "BillingPeriodEnd", first.plusMonths(1) + "T00:00:00Z",
                "ChargePeriodStart", start, "ChargePeriodEnd", start.replace("T12", "T13"),
                "ProviderName", "AWS", "ServiceName", service, "BilledCost", cost, "EffectiveCost", cost,
                "ListCost", service.equals("AmazonEC2") ? "" : cost,
                "ChargeCategory", service.isEmpty() ? "Tax" : "Usage",
                "Tags", tags, "ResourceId", resource, "SubAccountId", "aws-123", "RegionId", "us-east-1");
    }

    @AfterAll
    static void close() {
        db.close();
    }

    private static Dimension account() {
        return new Dimension(Dimension.Kind.BILLING_ACCOUNT, null);
    }

    private static CostBreakdown breakdown(Period period, Dimension by, int top, CostFilter filter) {
        return queries.breakdown(new BreakdownRequest(period, by, top, CostMetric.BILLED, filter));
    }

    private static List<String> rows(CostBreakdown.Section section) {
        return section.rows().stream()
                .map(r -> r.key() + "=" + r.amount().amount().stripTrailingZeros().toPlainString()
                        + (r.other() ? "*" : ""))
                .toList();
    }

    private static BigDecimal sum(CostBreakdown.Section section) {
        return section.rows().stream().map(r -> r.amount().amount()).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    @Test
    void breakdown_byServiceForAccountName_equalsTheFilesOwnSums() {
        CostBreakdown b = breakdown(Period.ofDays(LocalDate.of(2026, 10, 1), LocalDate.of(2026, 10, 3), UTC),
                Dimension.SERVICE, 10, CostFilter.NONE.and(account(), "Mandible"));

        assertThat(b.sections()).hasSize(1);
        CostBreakdown.Section usd = b.sections().get(0);
        assertThat(usd.currency().getCurrencyCode()).isEqualTo("USD");
        // demo-small.csv: droplets 1.2345 + 1.2345 + 0.7143 - 2.5 (credit), databases, spaces, and the tax row
        assertThat(rows(usd)).containsExactly("Managed Databases=4.8", "Droplets=0.6833", "(none)=0.3", "Spaces=0.1667");
        assertThat(usd.total().amount()).isEqualByComparingTo("5.95");
        assertThat(sum(usd)).isEqualByComparingTo(usd.total().amount());
        assertThat(usd.lineItems()).isEqualTo(7);
    }

    @Test
    void breakdown_accountIdFilter_matchesLikeTheName() {
        CostBreakdown byName = breakdown(OCTOBER, Dimension.SERVICE, 10, LIVYFLOW);
        CostBreakdown byId = breakdown(OCTOBER, Dimension.SERVICE, 10, CostFilter.NONE.and(account(), "aws-123"));
        assertThat(byId.sections()).isEqualTo(byName.sections());
        assertThat(byName.sections().get(0).total().amount()).isEqualByComparingTo("568.1356");
    }

    @Test
    void breakdown_topN_foldsTheRestIntoOneOtherRowThatReconciles() {
        CostBreakdown b = breakdown(OCTOBER, Dimension.SERVICE, 2, LIVYFLOW);

        CostBreakdown.Section usd = b.sections().get(0);
        assertThat(rows(usd)).containsExactly("AmazonEC2=360.3", "AmazonRDS=120.5", "other=87.3356*");
        assertThat(sum(usd)).isEqualByComparingTo(usd.total().amount());
        CostBreakdown.Row other = usd.rows().get(2);
        assertThat(other.previousAmount().amount()).isEqualByComparingTo("29.99");
        BigDecimal previousSum = usd.rows().stream().map(r -> r.previousAmount().amount())
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        assertThat(previousSum).isEqualByComparingTo(usd.previousTotal().amount());
    }

    @Test
    void breakdown_exactlyTopNKeys_hasNoOtherRow() {
        CostBreakdown b = breakdown(OCTOBER, Dimension.SERVICE, 6, LIVYFLOW);
        assertThat(b.sections().get(0).rows()).hasSize(6).noneMatch(CostBreakdown.Row::other);
    }

    @Test
    void breakdown_twoCurrencies_givesOneSectionEachAndNeverAddsThem() {
        CostBreakdown b = breakdown(OCTOBER, account(), 10, CostFilter.NONE);

        assertThat(b.sections()).extracting(s -> s.currency().getCurrencyCode()).containsExactly("EUR", "USD");
        CostBreakdown.Section eur = b.sections().get(0);
        CostBreakdown.Section usd = b.sections().get(1);
        assertThat(rows(eur)).containsExactly("investment=30");
        assertThat(rows(usd)).containsExactly("livyflow=568.1356", "mandible=5.95");
        assertThat(usd.total().amount()).isEqualByComparingTo("574.0856");
        assertThat(sum(usd)).isEqualByComparingTo(usd.total().amount());
    }

    @Test
    void breakdown_previousPeriod_comparesWithSeptember() {
        CostBreakdown b = breakdown(OCTOBER, Dimension.SERVICE, 10, LIVYFLOW);

        assertThat(b.previousPeriod()).isEqualTo(Period.ofMonth(2026, 9, UTC));
        CostBreakdown.Section usd = b.sections().get(0);
        assertThat(usd.previousTotal().amount()).isEqualByComparingTo("480.79");
        CostBreakdown.Row ec2 = usd.rows().get(0);
        assertThat(ec2.key()).isEqualTo("AmazonEC2");
        assertThat(ec2.previousAmount().amount()).isEqualByComparingTo("300.30");
        assertThat(ec2.change().amount()).isEqualByComparingTo("60.00");
        assertThat(usd.rows()).filteredOn(r -> r.key().equals("AmazonEBS"))
                .singleElement().satisfies(r -> assertThat(r.previousAmount().isZero()).isTrue());
    }

    @Test
    void breakdown_byTags_readsRollupForEnvAndLineItemsForOtherKeys() {
        CostBreakdown env = breakdown(OCTOBER, ENV, 10, LIVYFLOW);
        assertThat(rows(env.sections().get(0))).containsExactly("prod=520.8", "staging=25", "(none)=22.3356");

        CostBreakdown team = breakdown(OCTOBER, Dimension.tag("team"), 10, LIVYFLOW);
        assertThat(rows(team.sections().get(0))).containsExactly("web=360.3", "data=120.5", "(none)=87.3356");
        assertThat(sum(team.sections().get(0))).isEqualByComparingTo("568.1356");

        CostBreakdown webOnly = breakdown(OCTOBER, Dimension.SERVICE, 10, LIVYFLOW.and(Dimension.tag("team"), "WEB"));
        assertThat(rows(webOnly.sections().get(0))).containsExactly("AmazonEC2=360.3");
    }

    @Test
    void breakdown_byResourceAndNoneFilter_readLineItems() {
        CostBreakdown b = breakdown(OCTOBER, new Dimension(Dimension.Kind.RESOURCE, null), 3, LIVYFLOW);
        assertThat(rows(b.sections().get(0))).containsExactly("i-1=360.3", "db-1=120.5", "vol-1=40", "other=47.3356*");

        CostBreakdown untagged = breakdown(OCTOBER, Dimension.SERVICE, 10, LIVYFLOW.and(ENV, "(none)"));
        assertThat(rows(untagged.sections().get(0))).containsExactly("(none)=12.3456", "AmazonCloudFront=9.99");
    }

    @Test
    void breakdown_nonUtcZone_readsLineItemsInThatZone() {
        Period octoberNewYork = Period.ofMonth(2026, 10, ZoneId.of("America/New_York"));
        CostBreakdown zoned = breakdown(octoberNewYork, Dimension.SERVICE, 10, LIVYFLOW);
        CostBreakdown utc = breakdown(OCTOBER, Dimension.SERVICE, 10, LIVYFLOW);
        // every livyflow charge starts at 12:00 UTC, the same day in New York
        assertThat(rows(zoned.sections().get(0))).isEqualTo(rows(utc.sections().get(0)));

        // mandible's charges start at 00:00 UTC: 2026-10-01T00:00Z is still September 30th in New York
        CostBreakdown mandible = breakdown(octoberNewYork, Dimension.SERVICE, 10,
                CostFilter.NONE.and(account(), "mandible"));
        // so the droplet and database rows of that day fall out: 5.95 - 1.2345 - 4.8
        assertThat(mandible.sections().get(0).total().amount()).isEqualByComparingTo("-0.0845");
        assertThat(mandible.sections().get(0).lineItems()).isEqualTo(5);
    }

    @Test
    void breakdown_listMetric_saysWhichRowsHadNoListCost() {
        CostBreakdown b = queries.breakdown(new BreakdownRequest(OCTOBER, Dimension.SERVICE, 10, CostMetric.LIST, LIVYFLOW));
        assertThat(rows(b.sections().get(0))).containsExactly("AmazonRDS=120.5", "AmazonEBS=40", "AmazonS3=25",
                "(none)=12.3456", "AmazonCloudFront=9.99", "AmazonEC2=0");
        assertThat(b.gaps()).contains("3 line items have no ListCost; they count as zero");
    }

    @Test
    void breakdown_effectiveMetric_readsEffectiveCost() {
        CostBreakdown b = queries.breakdown(new BreakdownRequest(OCTOBER, account(), 10, CostMetric.EFFECTIVE,
                CostFilter.NONE.and(account(), "mandible")));
        assertThat(b.sections().get(0).total().amount()).isEqualByComparingTo("5.95");
    }

    @Test
    void breakdown_gaps_sayWhereDataIsMissing() {
        assertThat(breakdown(Period.ofMonth(2026, 11, UTC), Dimension.SERVICE, 5, CostFilter.NONE).gaps())
                .containsExactly("no cost data in 2026-11-01..2026-11-30 (cost data covers 2026-09-01..2026-10-31)");
        assertThat(breakdown(Period.ofDays(LocalDate.of(2026, 10, 15), LocalDate.of(2026, 11, 14), UTC),
                Dimension.SERVICE, 5, CostFilter.NONE).gaps())
                .containsExactly("cost data ends 2026-10-31; later days count as zero");
        assertThat(breakdown(Period.ofDays(LocalDate.of(2026, 8, 20), LocalDate.of(2026, 9, 10), UTC),
                Dimension.SERVICE, 5, CostFilter.NONE).gaps())
                .containsExactly("cost data starts 2026-09-01; earlier days count as zero",
                        "no cost data for the previous period 2026-07-29..2026-08-19; changes are against zero");
        assertThat(breakdown(OCTOBER, Dimension.SERVICE, 5, CostFilter.NONE).gaps()).isEmpty();
        assertThat(breakdown(OCTOBER, Dimension.SERVICE, 5, CostFilter.NONE).sections()).hasSize(2);
    }

    @Test
    void topMovers_largestAbsoluteChangeFirst_perCurrency() {
        List<CostMover> movers = queries.topMovers(OCTOBER, Dimension.SERVICE, CostMetric.BILLED, LIVYFLOW, 10);

        assertThat(movers).extracting(CostMover::key)
                .containsExactly("AmazonEC2", "AmazonEBS", "AmazonRDS", "(none)", "AmazonS3");
        assertThat(movers.get(0).change().amount()).isEqualByComparingTo("60.00");
        assertThat(movers.get(1).previous().isZero()).isTrue();
        assertThat(movers.get(1).relativeChange()).isNull();
        assertThat(movers.get(2).change().amount()).isEqualByComparingTo("-30.00");

        List<CostMover> top2 = queries.topMovers(OCTOBER, account(), CostMetric.BILLED, CostFilter.NONE, 1);
        assertThat(top2).extracting(m -> m.current().currency().getCurrencyCode()).containsExactly("EUR", "USD");
        assertThat(top2.get(1).key()).isEqualTo("livyflow");
        assertThat(top2.get(1).current().amount()).isEqualByComparingTo("568.1356");
    }

    // --- daily series -----------------------------------------------------------------------

    private static DailySeries daily(Period period, Dimension by, int top, CostFilter filter) {
        return queries.daily(new BreakdownRequest(period, by, top, CostMetric.BILLED, filter));
    }

    private static BigDecimal sumOfDays(DailySeries.Section section) {
        return section.dayTotals().stream().map(Money::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    private static BigDecimal amountOn(DailySeries series, DailySeries.Section section, String key, LocalDate day) {
        int index = series.days().indexOf(day);
        return section.series().stream().filter(s -> s.key().equals(key)).findFirst().orElseThrow()
                .amounts().get(index).amount();
    }

    @Test
    void daily_byServiceFromRollup_daysAddUpToBreakdownTotalExactly() {
        DailySeries d = daily(OCTOBER, Dimension.SERVICE, 2, LIVYFLOW);
        CostBreakdown b = breakdown(OCTOBER, Dimension.SERVICE, 2, LIVYFLOW);

        assertThat(d.days()).hasSize(31);
        DailySeries.Section usd = d.sections().get(0);
        assertThat(usd.series()).extracting(DailySeries.Series::key).containsExactly("AmazonEC2", "AmazonRDS", "other");
        assertThat(usd.series().get(2).other()).isTrue();
        assertThat(sumOfDays(usd)).isEqualTo(usd.total().amount()).isEqualByComparingTo(b.sections().get(0).total().amount());
        for (int i = 0; i < 3; i++) {
            assertThat(usd.series().get(i).total().amount())
                    .isEqualByComparingTo(b.sections().get(0).rows().get(i).amount().amount());
        }
        assertThat(amountOn(d, usd, "AmazonEC2", LocalDate.of(2026, 10, 10))).isEqualByComparingTo("120.10");
        assertThat(amountOn(d, usd, "AmazonEC2", LocalDate.of(2026, 10, 11))).isZero();
        // the untagged tax row and the EBS volume fold into other on their own days
        assertThat(amountOn(d, usd, "other", LocalDate.of(2026, 10, 31))).isEqualByComparingTo("12.3456");
        assertThat(amountOn(d, usd, "other", LocalDate.of(2026, 10, 20))).isEqualByComparingTo("40.00");
    }

    @Test
    void daily_byResourceAndTagFromLineItems_matchesBreakdown() {
        for (Dimension by : List.of(new Dimension(Dimension.Kind.RESOURCE, null), Dimension.tag("team"))) {
            DailySeries d = daily(OCTOBER, by, 2, LIVYFLOW);
            CostBreakdown b = breakdown(OCTOBER, by, 2, LIVYFLOW);
            DailySeries.Section usd = d.sections().get(0);
            assertThat(usd.series()).extracting(s -> s.key() + "=" + s.total().amount().stripTrailingZeros().toPlainString())
                    .as(by.word()).isEqualTo(rows(b.sections().get(0)).stream().map(r -> r.replace("*", "")).toList());
            assertThat(sumOfDays(usd)).isEqualByComparingTo(b.sections().get(0).total().amount());
        }
    }

    @Test
    void daily_twoCurrencies_oneSectionEach() {
        DailySeries d = daily(OCTOBER, Dimension.SERVICE, 3, CostFilter.NONE);
        assertThat(d.sections()).extracting(s -> s.currency().getCurrencyCode()).containsExactly("EUR", "USD");
        CostBreakdown b = breakdown(OCTOBER, Dimension.SERVICE, 3, CostFilter.NONE);
        for (int i = 0; i < 2; i++) {
            assertThat(sumOfDays(d.sections().get(i))).isEqualByComparingTo(b.sections().get(i).total().amount());
        }
        assertThat(d.buckets(d.sections().get(0), Granularity.MONTHLY)).singleElement()
                .satisfies(m -> assertThat(m.amount()).isEqualTo(Money.of("30.00", "EUR")));
    }

    @Test
    void daily_weeklyBuckets_cutToPeriodAndAddUp() {
        DailySeries d = daily(OCTOBER, Dimension.SERVICE, 10, LIVYFLOW);
        DailySeries.Section usd = d.sections().get(0);
        List<DailySeries.Bucket> weeks = d.buckets(usd, Granularity.WEEKLY);
        // 2026-10-01 is a Thursday: Thu-Sun, four whole weeks, then Mon 26th to Sat 31st
        assertThat(weeks).extracting(w -> w.days().label()).containsExactly(
                "2026-10-01..2026-10-04", "2026-10-05..2026-10-11", "2026-10-12..2026-10-18",
                "2026-10-19..2026-10-25", "2026-10-26..2026-10-31");
        assertThat(weeks.get(0).amount().amount()).isEqualByComparingTo("120.10");
        assertThat(weeks.stream().map(w -> w.amount().amount()).reduce(BigDecimal.ZERO, BigDecimal::add))
                .isEqualByComparingTo(usd.total().amount());
    }

    @Test
    void daily_fixedOffsetAndRegionZones_countEachChargeOnItsLocalDay() {
        // livyflow charges start at 12:00 UTC: 01:00 the next day at +13:00, 02:00 at Kiritimati (+14)
        for (ZoneId zone : List.of(ZoneOffset.ofHours(13), ZoneId.of("Pacific/Kiritimati"))) {
            Period october = Period.ofMonth(2026, 10, zone);
            DailySeries d = daily(october, Dimension.SERVICE, 10, LIVYFLOW);
            DailySeries.Section usd = d.sections().get(0);
            assertThat(amountOn(d, usd, "AmazonEC2", LocalDate.of(2026, 10, 2))).as(zone.getId()).isEqualByComparingTo("120.10");
            assertThat(amountOn(d, usd, "AmazonEC2", LocalDate.of(2026, 10, 1))).as(zone.getId()).isZero();
            assertThat(sumOfDays(usd)).isEqualByComparingTo(breakdown(october, Dimension.SERVICE, 10, LIVYFLOW)
                    .sections().get(0).total().amount());
        }
    }

    @Test
    void daily_defaultFromBreakdowns_equalsTheStoresOneQuery() {
        CostQueries generic = new CostQueries() {
            @Override
            public CostBreakdown breakdown(BreakdownRequest request) {
                return queries.breakdown(request);
            }

            @Override
            public List<CostMover> topMovers(Period period, Dimension by, CostMetric metric, CostFilter filter, int limit) {
                return queries.topMovers(period, by, metric, filter, limit);
            }
        };
        Period week = Period.ofDays(LocalDate.of(2026, 10, 1), LocalDate.of(2026, 10, 7), UTC);
        BreakdownRequest request = new BreakdownRequest(week, Dimension.SERVICE, 2, CostMetric.BILLED, CostFilter.NONE);
        DailySeries fromStore = queries.daily(request);
        DailySeries fromDefault = generic.daily(request);
        assertThat(fromDefault.sections()).hasSameSizeAs(fromStore.sections());
        for (int i = 0; i < fromStore.sections().size(); i++) {
            List<DailySeries.Series> a = fromStore.sections().get(i).series();
            List<DailySeries.Series> b = fromDefault.sections().get(i).series();
            assertThat(b).extracting(DailySeries.Series::key).isEqualTo(a.stream().map(DailySeries.Series::key).toList());
            for (int s = 0; s < a.size(); s++) {
                for (int day = 0; day < 7; day++) {
                    assertThat(b.get(s).amounts().get(day).amount())
                            .isEqualByComparingTo(a.get(s).amounts().get(day).amount());
                }
            }
        }
    }

    @Test
    void daily_gaps_sayWhereDataEndsButNotThePreviousPeriod() {
        DailySeries d = daily(Period.ofDays(LocalDate.of(2026, 8, 20), LocalDate.of(2026, 9, 10), UTC),
                Dimension.SERVICE, 5, CostFilter.NONE);
        assertThat(d.gaps()).containsExactly("cost data starts 2026-09-01; earlier days count as zero");
        assertThat(daily(Period.ofMonth(2026, 11, UTC), Dimension.SERVICE, 5, CostFilter.NONE).sections()).isEmpty();
    }

    static {
        // fail fast with a clear message if the fixture helper cannot find its files
        if (FocusFixtures.class.getResource("/focus/demo-small.csv") == null) {
            throw new UncheckedIOException(new IOException("test resource focus/demo-small.csv is missing"));
        }
    }

    @Test
    void lastDays_eachBillsLastDay_sameFromTheForecastsSourceAndTheCostQueries() {
        Map<String, LocalDate> direct = new JdbcDailySpend(db.dataSource())
                .lastDays(CostFilter.NONE, LocalDate.of(2026, 10, 1), LocalDate.of(2026, 11, 1));
        assertThat(direct).containsEntry("livyflow", LocalDate.of(2026, 10, 31))
                .containsEntry("investment", LocalDate.of(2026, 10, 10))
                .containsEntry("mandible", LocalDate.of(2026, 10, 3));
        assertThat(new JdbcDailySpend(db.dataSource()).lastDays(LIVYFLOW, LocalDate.of(2026, 10, 1),
                LocalDate.of(2026, 11, 1))).containsOnlyKeys("livyflow");

        // today 2026-11-02: livyflow's bill ends the 31st, the others left the look-back days long ago
        LocalDate today = LocalDate.of(2026, 11, 2);
        CompleteDays.Counted counted = CompleteDays.lastComplete(queries, CostFilter.NONE, today, UTC);
        assertThat(counted.byAccount()).isEqualTo(new JdbcDailySpend(db.dataSource())
                .lastDays(CostFilter.NONE, today.minusDays(CompleteDays.LOOK_BACK), today));
        assertThat(counted.day()).isEqualTo(LocalDate.of(2026, 10, 31));
    }
}
