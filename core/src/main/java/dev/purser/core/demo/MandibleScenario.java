package dev.purser.core.demo;

import dev.purser.core.model.ChargeCategory;
import dev.purser.core.model.Money;
import dev.purser.core.model.Resource;
import dev.purser.core.model.ResourceFacts;
import dev.purser.core.model.UsageSeries;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * DigitalOcean team running an API and workers on droplets, media on Spaces behind the CDN, and
 * two managed PostgreSQL clusters with a standby each. The clusters are quiet enough for one node.
 * Prices are DigitalOcean's list prices (hourly = monthly / 672, the hours at which a month caps).
 */
final class MandibleScenario {

    static final String NAME = "mandible";
    private static final long SEED = 0x6d616e6469626c65L;
    private static final String REGION = "nyc3";
    private static final String REGION_NAME = "New York 3";

    private static final String DROPLETS = "Droplets";
    private static final String BACKUPS = "Backups";
    private static final String DATABASES = "Database Clusters";
    private static final String SPACES = "Spaces Subscription";
    private static final String BANDWIDTH = "Bandwidth";

    private static final BigDecimal HOURS_PER_DAY = BigDecimal.valueOf(24);

    /** A droplet as listed by /v2/droplets, with its list price. */
    private record Droplet(String id, String name, String size, int vcpus, double memoryGib, int diskGb,
            String monthly, String hourly, String env, String team, boolean backups) {
    }

    /** A managed database cluster; price is per node. */
    private record Cluster(String id, String name, String size, int vcpus, double memoryGib, int nodes,
            String nodeMonthly, String nodeHourly, int maxConnections, String team, double dataGib) {
    }

    private static final List<Droplet> DROPLET_LIST = List.of(
            new Droplet("386734086", "mandible-api-01", "s-2vcpu-4gb", 2, 4, 80, "24.00", "0.03571", "prod", "api", true),
            new Droplet("386734087", "mandible-api-02", "s-2vcpu-4gb", 2, 4, 80, "24.00", "0.03571", "prod", "api", true),
            new Droplet("386734121", "mandible-worker-01", "s-4vcpu-8gb", 4, 8, 160, "48.00", "0.07143", "prod", "data", false),
            new Droplet("386734122", "mandible-worker-02", "s-4vcpu-8gb", 4, 8, 160, "48.00", "0.07143", "prod", "data", false),
            new Droplet("401225930", "mandible-staging-01", "s-1vcpu-1gb", 1, 1, 25, "6.00", "0.00893", "staging", "api", false));

    private static final List<Cluster> CLUSTERS = List.of(
            new Cluster("9cc10173-e9ea-4176-9dbc-a4cee4c4ff30", "mandible-prod", "db-s-2vcpu-4gb", 2, 4, 2,
                    "60.00", "0.08929", 97, "api", 14.6),
            new Cluster("2a5e6c38-7f1d-4b8e-a0c2-5d9e41f7b6a1", "sso-prod", "db-s-1vcpu-2gb", 1, 2, 2,
                    "30.00", "0.04464", 47, "identity", 1.8));

    private static final String SPACE_ID = "mandible-media";
    private static final String TAX_RATE = "0.0625";
    private static final BigDecimal MONTHLY_CREDIT = new BigDecimal("50.00");

    private MandibleScenario() {
    }

    static Scenario build(LocalDate lastDay) {
        LocalDate first = lastDay.minusDays(DemoScenarios.BILL_DAYS - 1L);
        Bill bill = new Bill(new Bill.Account("DigitalOcean", "DigitalOcean", "DigitalOcean", "mandible", "Mandible"));
        LocalDate viral = weekday(lastDay.minusDays(12));
        LocalDate loadTest = weekday(lastDay.minusDays(47));
        LocalDate archive = lastDay.minusDays(70);
        BigDecimal viralExtra = BigDecimal.ZERO;
        BigDecimal loadTestExtra = BigDecimal.ZERO;
        BigDecimal archiveExtra = BigDecimal.ZERO;
        long bandwidthKey = Noise.key(SEED, "bandwidth");

        for (LocalDate day = first; !day.isAfter(lastDay); day = day.plusDays(1)) {
            for (Droplet d : DROPLET_LIST) {
                Bill.Placement at = place(d.id(), d.name(), "Droplet", d.env(), d.team());
                bill.row(day, DROPLETS, "Compute").at(at).sku("droplet-" + d.size())
                        .description(d.name() + " (" + d.size() + ")")
                        .priced(HOURS_PER_DAY, "Hours", new BigDecimal(d.hourly())).add();
                if (d.backups()) {
                    // weekly backups cost 20% of the droplet's price
                    BigDecimal rate = new BigDecimal(d.hourly()).multiply(new BigDecimal("0.2"));
                    bill.row(day, BACKUPS, "Storage").at(at).sku("droplet-backup-weekly")
                            .description("Weekly backups for " + d.name())
                            .priced(HOURS_PER_DAY, "Hours", rate).add();
                }
            }
            if (day.equals(loadTest)) {
                for (int n = 1; n <= 3; n++) {
                    Bill.Placement at = place("40912" + (7700 + n), "loadtest-0" + n, "Droplet", "staging", "api");
                    loadTestExtra = loadTestExtra.add(bill.row(day, DROPLETS, "Compute").at(at).sku("droplet-c-8")
                            .description("loadtest-0" + n + " (c-8)")
                            .priced(HOURS_PER_DAY, "Hours", new BigDecimal("0.25000")).add().billedCost());
                }
            }
            for (Cluster c : CLUSTERS) {
                Bill.Placement at = place(c.id(), c.name(), "Database Cluster", "prod", c.team());
                bill.row(day, DATABASES, "Databases").at(at).sku("dbaas-pg-" + c.size())
                        .description("PostgreSQL " + c.name() + " (" + c.size() + ", " + c.nodes() + " nodes)")
                        .priced(HOURS_PER_DAY.multiply(BigDecimal.valueOf(c.nodes())), "Hours",
                                new BigDecimal(c.nodeHourly())).add();
            }

            Bill.Placement space = place(SPACE_ID, SPACE_ID, "Spaces Bucket", "prod", "api");
            bill.row(day, SPACES, "Storage").at(space).sku("spaces-subscription")
                    .description("Spaces ($5/mo 250GB storage & 1TB bandwidth)")
                    .priced(HOURS_PER_DAY, "Hours", new BigDecimal("0.00744")).add();
            // media grows ~0.6 GiB a day past the 250 GiB included; the archive import adds 1 TiB for good
            double stored = 330 + 0.6 * (day.toEpochDay() - first.toEpochDay());
            double archived = day.isBefore(archive) ? 0 : 1024;
            BigDecimal overRate = new BigDecimal("0.0000298");
            bill.row(day, SPACES, "Storage").at(space).sku("spaces-storage-overage")
                    .description("Spaces storage beyond 250 GiB")
                    .priced(Bill.decimal((stored + archived - 250) * 24, 3), "GiB-Hours", overRate).add();
            if (!day.isBefore(archive)) {
                archiveExtra = Bill.amount(BigDecimal.valueOf(1024 * 24).multiply(overRate));
            }

            // CDN and droplet egress past the pooled allowance: a weekday audience, quieter weekends
            double weekendShare = isWeekend(day) ? 0.45 : 1.0;
            double gib = (60 + 0.05 * (day.toEpochDay() - first.toEpochDay())) * weekendShare
                    * (1 + 0.12 * Noise.gaussian(bandwidthKey, day.toEpochDay()));
            gib = Math.max(5, gib);
            BigDecimal egressRate = new BigDecimal("0.01");
            Bill.Placement cdn = place(SPACE_ID + ".nyc3.cdn.digitaloceanspaces.com", SPACE_ID + " CDN",
                    "Spaces CDN", "prod", "api");
            // a launch video hot-linked from a forum for one day: six times the usual egress
            double factor = day.equals(viral) ? 6 : 1;
            BigDecimal billed = bill.row(day, BANDWIDTH, "Networking").at(cdn)
                    .sku("bandwidth-overage").description("Outbound transfer beyond the pooled allowance")
                    .priced(Bill.decimal(gib * factor, 3), "GiB", egressRate).add().billedCost();
            if (day.equals(viral)) {
                viralExtra = billed.subtract(Bill.amount(Bill.decimal(gib, 3).multiply(egressRate)));
            }
        }

        // tax (state sales tax on the month's charges) and a promotional credit, once a month
        var usage = Months.usageByMonth(bill.items());
        for (Map.Entry<YearMonth, BigDecimal> e : usage.entrySet()) {
            LocalDate settle = Months.settlementDay(e.getKey(), lastDay);
            BigDecimal credit = MONTHLY_CREDIT.multiply(Months.coveredShare(e.getKey(), first, lastDay));
            bill.row(settle, "Credits", "Other").sku("promo-credit")
                    .description("Promotional credit: startup program")
                    .category(ChargeCategory.CREDIT).flat(credit.negate(), false).add();
            BigDecimal tax = e.getValue().subtract(credit).multiply(new BigDecimal(TAX_RATE))
                    .setScale(2, RoundingMode.HALF_EVEN);
            bill.row(settle, "Taxes", "Other").sku("tax")
                    .description("STATE SALES TAX (6.25%)")
                    .category(ChargeCategory.TAX).flat(tax, true).add();
        }

        List<PlantedAnomaly> anomalies = List.of(
                new PlantedAnomaly(archive, SPACES, archiveExtra, PlantedAnomaly.Kind.LEVEL_SHIFT,
                        "1 TiB raw video archive copied into Spaces and kept"),
                new PlantedAnomaly(loadTest, DROPLETS, loadTestExtra, PlantedAnomaly.Kind.SPIKE,
                        "three c-8 load-test droplets left running for a day"),
                new PlantedAnomaly(viral, BANDWIDTH, viralExtra, PlantedAnomaly.Kind.SPIKE,
                        "launch video hot-linked from a forum: 6x the usual egress"));

        return new Scenario(NAME,
                "DigitalOcean API and workers, Spaces + CDN, and two 2-node managed PostgreSQL clusters"
                        + " (mandible-prod, sso-prod) that one node each could carry",
                bill.items(), inventory(lastDay), usage(lastDay), anomalies, null);
    }

    private static List<Resource> inventory(LocalDate lastDay) {
        List<Resource> out = new ArrayList<>();
        for (Droplet d : DROPLET_LIST) {
            ResourceFacts facts = ResourceFacts.builder()
                    .compute(ResourceFacts.Compute.of(d.vcpus(), (long) (d.memoryGib() * Usage.GIB)).withDiskGib(d.diskGb()))
                    .state("active")
                    .detail("price_hourly", d.hourly())
                    .detail("backups", d.backups())
                    .build();
            out.add(new Resource(NAME, d.id(), d.name(), "DigitalOcean", "droplet", d.size(), REGION,
                    Money.of(d.monthly(), "USD"), tags(d.env(), d.team()), facts));
        }
        for (Cluster c : CLUSTERS) {
            // the storage used is the latest backup's size, which is what a restore would read back
            ResourceFacts facts = ResourceFacts.builder()
                    .database(new ResourceFacts.DatabaseCluster("pg", Optional.of("16"), c.nodes(),
                            OptionalLong.of((long) (c.dataGib() * Usage.GIB)), OptionalInt.of(c.maxConnections()),
                            Optional.of(Instant.parse(lastDay + "T03:12:44Z")),
                            Optional.of(Money.of(c.nodeMonthly(), "USD")), List.of()))
                    .compute(ResourceFacts.Compute.of(c.vcpus(), (long) (c.memoryGib() * Usage.GIB)))
                    .state("online")
                    .detail("price_per_node_hourly", c.nodeHourly())
                    .build();
            BigDecimal monthly = new BigDecimal(c.nodeMonthly()).multiply(BigDecimal.valueOf(c.nodes()));
            out.add(new Resource(NAME, c.id(), c.name(), "DigitalOcean", "database-cluster", c.size(), REGION,
                    new Money(monthly, Bill.USD), tags("prod", c.team()), facts));
        }
        out.add(new Resource(NAME, SPACE_ID, SPACE_ID, "DigitalOcean", "spaces-bucket", null, REGION,
                Money.of("5.00", "USD"), tags("prod", "api"), ResourceFacts.builder().detail("cdn", true).build()));
        return out;
    }

    private static List<UsageSeries> usage(LocalDate lastDay) {
        List<UsageSeries> out = new ArrayList<>();
        for (Droplet d : DROPLET_LIST) {
            double mem = d.memoryGib() * Usage.GIB;
            boolean worker = d.name().contains("worker");
            boolean staging = d.env().equals("staging");
            out.add(Usage.series(lastDay, d.id(), "cpu_percent", "percent", SEED, 2, p -> {
                if (staging) {
                    return 2 + 1.0 * p.noise() + (p.uniform() < 0.01 ? 30 : 0);
                }
                if (worker) {
                    // queue drains every hour at :00-:15, heavier on weekdays
                    double batch = p.hour() % 1.0 < 0.25 ? 35 : 0;
                    return 18 + batch * (p.weekend() ? 0.5 : 1) + 4 * p.noise();
                }
                return 12 + 30 * Usage.business(p, 16, 0.4) + 3 * p.noise();
            }));
            out.add(Usage.series(lastDay, d.id(), "memory_bytes", "bytes", SEED, 0, p -> {
                double share = staging ? 0.42 : worker ? 0.55 + 0.1 * Usage.business(p, 16, 0.5) : 0.45
                        + 0.08 * Usage.business(p, 16, 0.4);
                return mem * (share + 0.01 * p.noise());
            }));
        }
        for (Cluster c : CLUSTERS) {
            boolean main = c.name().equals("mandible-prod");
            double mem = c.memoryGib() * Usage.GIB;
            out.add(Usage.series(lastDay, c.id(), "cpu_percent", "percent", SEED, 2, p ->
                    main ? 7 + 16 * Usage.business(p, 16, 0.35) + 2 * p.noise()
                            : 2.5 + 4 * Usage.business(p, 14, 0.3) + 0.6 * p.noise()));
            out.add(Usage.series(lastDay, c.id(), "memory_bytes", "bytes", SEED, 0, p ->
                    mem * ((main ? 0.36 : 0.34) + 0.05 * Usage.business(p, 16, 0.5) + 0.005 * p.noise())));
            out.add(Usage.series(lastDay, c.id(), "connections", "count", SEED, 0, p ->
                    main ? 14 + 18 * Usage.business(p, 16, 0.35) + 2 * p.noise()
                            : 5 + 6 * Usage.business(p, 14, 0.3) + p.noise()));
        }
        return out;
    }

    private static Bill.Placement place(String id, String name, String type, String env, String team) {
        return new Bill.Placement(id, name, type, REGION, REGION_NAME, null, null, null, tags(env, team));
    }

    private static Map<String, String> tags(String env, String team) {
        return Map.of("env", env, "team", team);
    }

    static boolean isWeekend(LocalDate day) {
        return day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY;
    }

    /** The day itself, or the Friday before it if it falls on a weekend. */
    static LocalDate weekday(LocalDate day) {
        return switch (day.getDayOfWeek()) {
            case SATURDAY -> day.minusDays(1);
            case SUNDAY -> day.minusDays(2);
            case MONDAY, TUESDAY, WEDNESDAY, THURSDAY, FRIDAY -> day;
        };
    }
}
