package dev.purser.core.demo;

import dev.purser.core.model.ChargeCategory;
import dev.purser.core.model.Money;
import dev.purser.core.model.Resource;
import dev.purser.core.model.ResourceFacts;
import dev.purser.core.model.UsageSeries;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.function.ToDoubleFunction;

/**
 * An AWS organisation of about $4,000 a month: EKS on EC2 (partly under a Compute Savings Plan),
 * Aurora PostgreSQL, S3 behind CloudFront, and the usual leftovers (idle instances, unattached
 * volumes, idle Elastic IPs, old snapshots). Names and units follow AWS's FOCUS export: EBS,
 * snapshots, Elastic IPs and NAT gateways are billed under Amazon Elastic Compute Cloud. Prices are
 * us-east-1 on-demand list prices.
 */
final class LivyflowScenario {

    static final String NAME = "livyflow";
    private static final long SEED = 0x6c697679666c6f77L;
    private static final String PAYER = "111122223333";
    private static final String PROD = "444455556666";
    private static final String STAGING = "777788889999";
    private static final String REGION = "us-east-1";
    private static final String REGION_NAME = "US East (N. Virginia)";

    static final String EC2 = "Amazon Elastic Compute Cloud";
    static final String EKS = "Amazon Elastic Kubernetes Service";
    static final String RDS = "Amazon Relational Database Service";
    static final String S3 = "Amazon Simple Storage Service";
    static final String CLOUDFRONT = "Amazon CloudFront";
    static final String SAVINGS_PLAN = "Savings Plans for AWS Compute usage";

    private static final String SP_ARN =
            "arn:aws:savingsplans::" + PAYER + ":savingsplan/3b2e5a7c-8d4f-4e1a-9c6b-2f7d1e0a5b93";
    /** Compute Savings Plan rate for m5.xlarge in us-east-1, 1 year, no upfront. */
    private static final BigDecimal SP_RATE_M5_XLARGE = new BigDecimal("0.1355");
    private static final BigDecimal SP_COMMITMENT_HOURLY = new BigDecimal("0.542");
    private static final BigDecimal HOURS_PER_DAY = BigDecimal.valueOf(24);
    private static final BigDecimal MONTHLY_CREDIT = new BigDecimal("150.00");
    private static final BigDecimal TAX_RATE = new BigDecimal("0.06");

    private enum Pattern { STEADY, IDLE, PERIODIC, BURSTY, TRENDING }

    private record Instance(String id, String name, String type, int vcpus, double memoryGib, String hourly,
            String account, String env, String team, String az, Pattern pattern, boolean covered,
            boolean weekdaysOnly, String launched) {
    }

    private record Volume(String id, String name, String type, int sizeGb, String gbMonth, String attachedTo,
            String account, String env, String team, String az, String created) {
    }

    private record Snapshot(String id, int sizeGb, int ageDays, String volumeId, String description, String env) {
    }

    private static final List<Instance> INSTANCES = List.of(
            node("i-0c41f7a2b9e3d5001", 1, "us-east-1a"),
            node("i-0c41f7a2b9e3d5002", 2, "us-east-1b"),
            node("i-0c41f7a2b9e3d5003", 3, "us-east-1c"),
            node("i-0c41f7a2b9e3d5004", 4, "us-east-1a"),
            new Instance("i-0d93a6e1c7b2f4005", "eks-prod-general-burst-1", "m5.xlarge", 4, 16, "0.192", PROD,
                    "prod", "platform", "us-east-1b", Pattern.STEADY, false, true, "2025-01-14T09:12:00Z"),
            new Instance("i-0d93a6e1c7b2f4006", "eks-prod-general-burst-2", "m5.xlarge", 4, 16, "0.192", PROD,
                    "prod", "platform", "us-east-1c", Pattern.STEADY, false, true, "2025-01-14T09:12:00Z"),
            new Instance("i-05e2b8c4a1d7f3101", "eks-staging-node-1", "t3.large", 2, 8, "0.0832", STAGING,
                    "staging", "platform", "us-east-1a", Pattern.BURSTY, false, false, "2025-03-02T11:40:00Z"),
            new Instance("i-05e2b8c4a1d7f3102", "eks-staging-node-2", "t3.large", 2, 8, "0.0832", STAGING,
                    "staging", "platform", "us-east-1b", Pattern.BURSTY, false, false, "2025-03-02T11:40:00Z"),
            new Instance("i-0a7d3e9f1b5c2e201", "bastion", "t3.micro", 2, 1, "0.0104", PROD,
                    "prod", "platform", "us-east-1a", Pattern.STEADY, false, false, "2023-06-19T08:03:00Z"),
            new Instance("i-0f6b1c8d2e4a9a301", "reporting-batch", "c5.xlarge", 4, 8, "0.17", PROD,
                    "prod", "data", "us-east-1a", Pattern.PERIODIC, false, false, "2024-09-30T16:25:00Z"),
            new Instance("i-08c2e5f7a9b1d4401", "ingest-worker", "m5.2xlarge", 8, 32, "0.384", PROD,
                    "prod", "data", "us-east-1b", Pattern.TRENDING, false, false, "2024-11-11T10:00:00Z"),
            new Instance("i-02b9d4f6e8a1c3501", "ml-experiment-gpu", "g4dn.xlarge", 4, 16, "0.526", STAGING,
                    "dev", "ml", "us-east-1c", Pattern.IDLE, false, false, "2025-02-20T13:47:00Z"),
            new Instance("i-0e1a3c5b7d9f2b601", "legacy-api-staging", "m5.large", 2, 8, "0.096", STAGING,
                    "staging", "api", "us-east-1a", Pattern.IDLE, false, false, "2022-10-05T07:30:00Z"));

    private static final List<Volume> VOLUMES = List.of(
            new Volume("vol-0b7e2d4f6a8c1e201", "ingest-worker-data", "gp3", 500, "0.08", "i-08c2e5f7a9b1d4401",
                    PROD, "prod", "data", "us-east-1b", "2024-11-11T10:02:00Z"),
            new Volume("vol-0f3a5c7e9b1d2f301", "old-es-data", "gp2", 500, "0.10", null,
                    PROD, "prod", "search", "us-east-1a", "2023-02-08T15:20:00Z"),
            new Volume("vol-04d6f8a0c2e4b6401", "migration-scratch", "gp3", 200, "0.08", null,
                    STAGING, "staging", "data", "us-east-1b", "2024-12-03T09:45:00Z"),
            new Volume("vol-09e1b3d5f7a9c2501", "logs-archive", "st1", 1000, "0.045", null,
                    PROD, "prod", "platform", "us-east-1c", "2023-08-21T12:00:00Z"));

    private static final List<Snapshot> SNAPSHOTS = List.of(
            new Snapshot("snap-0a1b2c3d4e5f60011", 120, 9, "vol-0b7e2d4f6a8c1e201", "ingest-worker nightly", "prod"),
            new Snapshot("snap-0a1b2c3d4e5f60012", 95, 40, "vol-0b7e2d4f6a8c1e201", "ingest-worker monthly", "prod"),
            new Snapshot("snap-0a1b2c3d4e5f60013", 140, 95, "vol-0b7e2d4f6a8c1e201", "before pg upgrade", "prod"),
            new Snapshot("snap-0a1b2c3d4e5f60014", 60, 150, "vol-04d6f8a0c2e4b6401", "migration checkpoint", "staging"),
            new Snapshot("snap-0a1b2c3d4e5f60015", 480, 212, "vol-0f3a5c7e9b1d2f301", "es data before move", "prod"),
            new Snapshot("snap-0a1b2c3d4e5f60016", 300, 340, "vol-0f3a5c7e9b1d2f301", "es weekly", "prod"),
            new Snapshot("snap-0a1b2c3d4e5f60017", 250, 455, "vol-09e1b3d5f7a9c2501", "logs archive seed", "prod"),
            new Snapshot("snap-0a1b2c3d4e5f60018", 80, 730, "vol-0e55aa11bb22cc331", "legacy ami root", "staging"));

    private static final List<String[]> ELASTIC_IPS = List.of(
            new String[] {"eipalloc-0a4c6e8f1b3d5a701", "3.214.77.18", PROD, "prod"},
            new String[] {"eipalloc-07b9d1f3a5c7e9802", "52.71.140.203", STAGING, "staging"});

    private static final String AURORA_CLUSTER = "arn:aws:rds:us-east-1:" + PROD + ":cluster:livyflow-aurora-prod";
    private static final String AURORA_WRITER = "arn:aws:rds:us-east-1:" + PROD + ":db:livyflow-aurora-prod-instance-1";
    private static final String AURORA_READER = "arn:aws:rds:us-east-1:" + PROD + ":db:livyflow-aurora-prod-instance-2";
    private static final String AURORA_STAGING = "arn:aws:rds:us-east-1:" + STAGING + ":db:livyflow-aurora-staging-instance-1";
    private static final String EKS_PROD = "arn:aws:eks:us-east-1:" + PROD + ":cluster/livyflow-prod";
    private static final String EKS_STAGING = "arn:aws:eks:us-east-1:" + STAGING + ":cluster/livyflow-staging";
    private static final String NODE_GROUP = "arn:aws:eks:us-east-1:" + PROD
            + ":nodegroup/livyflow-prod/general/7cc9a2f1-3b4e-5d6f-8a9b-0c1d2e3f4a5b";
    private static final String NAT = "arn:aws:ec2:us-east-1:" + PROD + ":natgateway/nat-0c5e7a9b1d3f5e801";
    private static final String DISTRIBUTION = "arn:aws:cloudfront::" + PROD + ":distribution/E2QWRUHAPOMQZL";

    private LivyflowScenario() {
    }

    private static Instance node(String id, int n, String az) {
        return new Instance(id, "eks-prod-general-" + n, "m5.xlarge", 4, 16, "0.192", PROD, "prod", "platform",
                az, Pattern.STEADY, true, false, "2025-01-14T09:10:00Z");
    }

    static Scenario build(LocalDate lastDay) {
        LocalDate first = lastDay.minusDays(DemoScenarios.BILL_DAYS - 1L);
        Bill bill = new Bill(new Bill.Account("AWS", "AWS", "AWS", PAYER, NAME));
        LocalDate runaway = MandibleScenario.weekday(lastDay.minusDays(19));
        LocalDate scrape = MandibleScenario.weekday(lastDay.minusDays(61));
        LocalDate listLoop = MandibleScenario.weekday(lastDay.minusDays(104));
        LocalDate ioShift = lastDay.minusDays(40);
        LocalDate refundDay = lastDay.minusDays(9);
        BigDecimal runawayExtra = BigDecimal.ZERO;
        BigDecimal scrapeExtra = BigDecimal.ZERO;
        BigDecimal listExtra = BigDecimal.ZERO;
        BigDecimal ioExtraSum = BigDecimal.ZERO;
        int ioShiftDays = 0;
        long key = Noise.key(SEED, "bill");

        for (LocalDate day = first; !day.isAfter(lastDay); day = day.plusDays(1)) {
            long d = day.toEpochDay();
            long age = d - first.toEpochDay();
            boolean weekend = MandibleScenario.isWeekend(day);
            BigDecimal gbMonthPerGb = BigDecimal.ONE.divide(BigDecimal.valueOf(day.lengthOfMonth()), 6,
                    RoundingMode.HALF_EVEN);

            // compute
            for (Instance i : INSTANCES) {
                if (i.weekdaysOnly() && weekend) {
                    continue; // the cluster autoscaler scales the burst nodes in over the weekend
                }
                var row = bill.row(day, EC2, "Compute").at(place(i.id(), i.name(), "Instance", i.account(), i.env(),
                                i.team(), i.az()))
                        .sku(sku("BoxUsage:" + i.type())).description("$" + i.hourly() + " per On Demand Linux "
                                + i.type() + " Instance Hour")
                        .priced(HOURS_PER_DAY, "Hours", new BigDecimal(i.hourly()));
                if (i.covered()) {
                    row.covered(SP_ARN, SP_RATE_M5_XLARGE).description("Compute Savings Plan: " + i.type()
                            + " Linux covered usage");
                }
                row.add();
                bill.row(day, EC2, "Compute").at(place(rootVolume(i), i.name() + "-root", "Volume", i.account(),
                                i.env(), i.team(), i.az()))
                        .sku(sku("EBS:VolumeUsage.gp3")).description("$0.08 per GB-month of General Purpose (gp3)"
                                + " provisioned storage")
                        .priced(gbMonthPerGb.multiply(BigDecimal.valueOf(100)), "GB-Month", new BigDecimal("0.08"))
                        .add();
            }
            bill.row(day, SAVINGS_PLAN, "Compute").at(new Bill.Placement(SP_ARN, "compute-sp-1yr-no-upfront",
                            "Savings Plan", null, null, null, PAYER, NAME, Map.of()))
                    .sku(sku("ComputeSP:1yrNoUpfront")).description("1 year No Upfront Compute Savings Plan, $"
                            + SP_COMMITMENT_HOURLY.toPlainString() + "/hour commitment")
                    .priced(HOURS_PER_DAY, "Hours", SP_COMMITMENT_HOURLY)
                    .commitmentFee(SP_ARN, SP_COMMITMENT_HOURLY.multiply(HOURS_PER_DAY)).add();
            if (day.equals(runaway)) {
                // a CI job's autoscaling group stuck at its maximum of 20 c5.2xlarge for a day
                for (int n = 1; n <= 20; n++) {
                    String id = String.format("i-0ffe%02d7c3a9b1e5d7f", n);
                    runawayExtra = runawayExtra.add(bill.row(day, EC2, "Compute")
                            .at(place(id, "ci-runner", "Instance", STAGING, "dev", "platform", "us-east-1a"))
                            .sku(sku("BoxUsage:c5.2xlarge"))
                            .description("$0.34 per On Demand Linux c5.2xlarge Instance Hour")
                            .priced(HOURS_PER_DAY, "Hours", new BigDecimal("0.34")).add().billedCost());
                }
            }
            for (Volume v : VOLUMES) {
                bill.row(day, EC2, "Compute").at(place(v.id(), v.name(), "Volume", v.account(), v.env(), v.team(),
                                v.az()))
                        .sku(sku("EBS:VolumeUsage." + v.type()))
                        .description("$" + v.gbMonth() + " per GB-month of " + v.type() + " provisioned storage")
                        .priced(gbMonthPerGb.multiply(BigDecimal.valueOf(v.sizeGb())), "GB-Month",
                                new BigDecimal(v.gbMonth())).add();
            }
            for (Snapshot s : SNAPSHOTS) {
                if (lastDay.minusDays(s.ageDays()).isAfter(day)) {
                    continue;
                }
                String arn = "arn:aws:ec2:us-east-1:" + (s.env().equals("prod") ? PROD : STAGING) + ":snapshot/" + s.id();
                bill.row(day, EC2, "Compute").at(place(arn, s.description(), "Snapshot",
                                s.env().equals("prod") ? PROD : STAGING, s.env(), "platform", null))
                        .sku(sku("EBS:SnapshotUsage")).description("$0.05 per GB-Month of snapshot data stored")
                        .priced(gbMonthPerGb.multiply(BigDecimal.valueOf(s.sizeGb())), "GB-Month",
                                new BigDecimal("0.05")).add();
            }
            for (String[] ip : ELASTIC_IPS) {
                bill.row(day, EC2, "Compute").at(place("arn:aws:ec2:us-east-1:" + ip[2] + ":elastic-ip/" + ip[0],
                                ip[1], "Elastic IP", ip[2], ip[3], "platform", null))
                        .sku(sku("ElasticIP:IdleAddress")).description("$0.005 per Idle Elastic IP Address per hour")
                        .priced(HOURS_PER_DAY, "Hours", new BigDecimal("0.005")).add();
            }
            bill.row(day, EC2, "Compute").at(place(NAT, "livyflow-prod-nat", "NAT Gateway", PROD, "prod", "platform",
                            "us-east-1a"))
                    .sku(sku("NatGateway-Hours")).description("$0.045 per NAT Gateway Hour")
                    .priced(HOURS_PER_DAY, "Hours", new BigDecimal("0.045")).add();
            double natGb = (weekend ? 55 : 125) * (1 + 0.1 * Noise.gaussian(key, d * 16 + 1));
            bill.row(day, EC2, "Compute").at(place(NAT, "livyflow-prod-nat", "NAT Gateway", PROD, "prod", "platform",
                            "us-east-1a"))
                    .sku(sku("NatGateway-Bytes")).description("$0.045 per GB Data Processed by NAT Gateways")
                    .priced(Bill.decimal(natGb, 3), "GB", new BigDecimal("0.045")).add();

            // EKS control planes
            bill.row(day, EKS, "Compute").at(place(EKS_PROD, "livyflow-prod", "Cluster", PROD, "prod", "platform",
                            null))
                    .sku(sku("AmazonEKS-Hours:perCluster")).description("Amazon EKS cluster usage")
                    .priced(HOURS_PER_DAY, "Hours", new BigDecimal("0.10")).add();
            bill.row(day, EKS, "Compute").at(place(EKS_STAGING, "livyflow-staging", "Cluster", STAGING, "staging",
                            "platform", null))
                    .sku(sku("AmazonEKS-Hours:perCluster")).description("Amazon EKS cluster usage")
                    .priced(HOURS_PER_DAY, "Hours", new BigDecimal("0.10")).add();

            // Aurora PostgreSQL
            for (String[] db : new String[][] {{AURORA_WRITER, "livyflow-aurora-prod-instance-1", "us-east-1a"},
                    {AURORA_READER, "livyflow-aurora-prod-instance-2", "us-east-1b"}}) {
                bill.row(day, RDS, "Databases").at(place(db[0], db[1], "DB Instance", PROD, "prod", "data", db[2]))
                        .sku(sku("Aurora:db.r6g.large")).description("$0.26 per RDS db.r6g.large instance hour"
                                + " (or partial hour) running Aurora PostgreSQL")
                        .priced(HOURS_PER_DAY, "Hours", new BigDecimal("0.26")).add();
            }
            bill.row(day, RDS, "Databases").at(place(AURORA_STAGING, "livyflow-aurora-staging-instance-1",
                            "DB Instance", STAGING, "staging", "data", "us-east-1a"))
                    .sku(sku("Aurora:db.t4g.medium")).description("$0.073 per RDS db.t4g.medium instance hour"
                            + " (or partial hour) running Aurora PostgreSQL")
                    .priced(HOURS_PER_DAY, "Hours", new BigDecimal("0.073")).add();
            Bill.Placement cluster = place(AURORA_CLUSTER, "livyflow-aurora-prod", "DB Cluster", PROD, "prod", "data",
                    null);
            bill.row(day, RDS, "Databases").at(cluster).sku(sku("Aurora:StorageUsage"))
                    .description("$0.10 per GB-month of Aurora storage")
                    .priced(gbMonthPerGb.multiply(BigDecimal.valueOf(820 + age / 2)), "GB-Month",
                            new BigDecimal("0.10")).add();
            // a deploy dropped an index: sequential scans more than double the I/O from ioShift on
            double ioMillions = (weekend ? 19 : 44) * (1 + 0.08 * Noise.gaussian(key, d * 16 + 2));
            double ioFactor = day.isBefore(ioShift) ? 1.0 : 2.2;
            BigDecimal ioPrice = new BigDecimal("0.20");
            BigDecimal ioCost = bill.row(day, RDS, "Databases").at(cluster).sku(sku("Aurora:StorageIOUsage"))
                    .description("$0.20 per 1 million I/O requests")
                    .priced(Bill.decimal(ioMillions * ioFactor, 4), "1M Requests", ioPrice).add().billedCost();
            if (!day.isBefore(ioShift)) {
                ioExtraSum = ioExtraSum.add(ioCost.subtract(Bill.decimal(ioMillions, 4).multiply(ioPrice)));
                ioShiftDays++;
            }
            bill.row(day, RDS, "Databases").at(cluster).sku(sku("Aurora:BackupUsage"))
                    .description("$0.021 per additional GB-month of backup storage")
                    .priced(gbMonthPerGb.multiply(BigDecimal.valueOf(310)), "GB-Month", new BigDecimal("0.021")).add();
            if (day.equals(refundDay)) {
                bill.row(day, RDS, "Databases").at(cluster).sku(sku("Aurora:StorageIOUsage")).correction()
                        .description("Refund: Aurora I/O billed twice during the storage incident (case 14402219871)")
                        .flat(new BigDecimal("-42.50"), false).add();
            }

            // S3
            Bill.Placement media = place("livyflow-media", "livyflow-media", "Bucket", PROD, "prod", "web", null);
            bill.row(day, S3, "Storage").at(media).sku(sku("TimedStorage-ByteHrs"))
                    .description("$0.023 per GB - first 50 TB / month of storage used")
                    .priced(gbMonthPerGb.multiply(BigDecimal.valueOf(7800 + 15 * age)), "GB-Month",
                            new BigDecimal("0.023")).add();
            Bill.Placement logs = place("livyflow-logs", "livyflow-logs", "Bucket", PROD, "prod", "platform", null);
            bill.row(day, S3, "Storage").at(logs).sku(sku("TimedStorage-SIA-ByteHrs"))
                    .description("$0.0125 per GB-Month of storage used in Standard-Infrequent Access")
                    .priced(gbMonthPerGb.multiply(BigDecimal.valueOf(3000 + 6 * age)), "GB-Month",
                            new BigDecimal("0.0125")).add();
            double gets = (weekend ? 1000 : 2200) * (1 + 0.1 * Noise.gaussian(key, d * 16 + 3));
            bill.row(day, S3, "Storage").at(media).sku(sku("Requests-Tier2"))
                    .description("$0.0004 per 1,000 GET and all other requests")
                    .priced(Bill.decimal(gets, 3), "1K Requests", new BigDecimal("0.0004")).add();
            double puts = (weekend ? 70 : 180) * (1 + 0.1 * Noise.gaussian(key, d * 16 + 4));
            double factor = day.equals(listLoop) ? 1.0 : 0.0;
            // a sync job retried a full-bucket LIST loop all day: 6 million extra LIST requests
            BigDecimal tier1 = bill.row(day, S3, "Storage").at(media).sku(sku("Requests-Tier1"))
                    .description("$0.005 per 1,000 PUT, COPY, POST, or LIST requests")
                    .priced(Bill.decimal(puts + factor * 6000, 3), "1K Requests", new BigDecimal("0.005")).add()
                    .billedCost();
            if (day.equals(listLoop)) {
                listExtra = tier1.subtract(Bill.amount(Bill.decimal(puts, 3).multiply(new BigDecimal("0.005"))));
            }

            // CloudFront
            double scale = day.equals(scrape) ? 5.0 : 1.0;
            Bill.Placement cdn = place(DISTRIBUTION, "livyflow-media-cdn", "Distribution", PROD, "prod", "web", null);
            double gb = (weekend ? 85 : 190) * (1 + 0.1 * Noise.gaussian(key, d * 16 + 5));
            BigDecimal out = bill.row(day, CLOUDFRONT, "Networking").at(cdn).sku(sku("US-DataTransfer-Out-Bytes"))
                    .description("$0.085 per GB - first 10 TB / month data transfer out (United States)")
                    .priced(Bill.decimal(gb * scale, 3), "GB", new BigDecimal("0.085")).add().billedCost();
            double req = (weekend ? 130 : 300) * (1 + 0.1 * Noise.gaussian(key, d * 16 + 6));
            BigDecimal reqs = bill.row(day, CLOUDFRONT, "Networking").at(cdn).sku(sku("US-Requests-Tier2-HTTPS"))
                    .description("$0.0100 per 10,000 HTTPS requests (United States)")
                    .priced(Bill.decimal(req * scale, 3), "10K Requests", new BigDecimal("0.01")).add().billedCost();
            if (day.equals(scrape)) {
                scrapeExtra = out.add(reqs)
                        .subtract(Bill.amount(Bill.decimal(gb, 3).multiply(new BigDecimal("0.085"))))
                        .subtract(Bill.amount(Bill.decimal(req, 3).multiply(new BigDecimal("0.01"))));
            }
        }

        var usage = Months.usageByMonth(bill.items());
        for (Map.Entry<YearMonth, BigDecimal> e : usage.entrySet()) {
            LocalDate settle = Months.settlementDay(e.getKey(), lastDay);
            BigDecimal credit = MONTHLY_CREDIT.multiply(Months.coveredShare(e.getKey(), first, lastDay));
            bill.row(settle, "Credits", "Other")
                    .at(new Bill.Placement(null, null, null, null, null, null, PROD, "livyflow-prod", Map.of()))
                    .sku(sku("Credit:Activate")).description("AWS Activate credits")
                    .category(ChargeCategory.CREDIT).flat(credit.negate(), false).add();
            bill.row(settle, "Tax", "Other")
                    .at(new Bill.Placement(null, null, null, null, null, null, PAYER, NAME, Map.of()))
                    .sku(sku("Tax:SalesTax")).description("Tax for product code various: US sales tax")
                    .category(ChargeCategory.TAX)
                    .flat(e.getValue().multiply(TAX_RATE).setScale(2, RoundingMode.HALF_EVEN), true).add();
        }

        BigDecimal ioExtra = ioShiftDays == 0 ? BigDecimal.ONE
                : ioExtraSum.divide(BigDecimal.valueOf(ioShiftDays), 6, RoundingMode.HALF_EVEN);
        List<PlantedAnomaly> anomalies = List.of(
                new PlantedAnomaly(listLoop, S3, listExtra, PlantedAnomaly.Kind.SPIKE,
                        "sync job looped over LIST requests on livyflow-media all day"),
                new PlantedAnomaly(scrape, CLOUDFRONT, scrapeExtra, PlantedAnomaly.Kind.SPIKE,
                        "a scraper pulled the whole media catalogue through CloudFront"),
                new PlantedAnomaly(ioShift, RDS, ioExtra, PlantedAnomaly.Kind.LEVEL_SHIFT,
                        "a deploy dropped an index; Aurora I/O more than doubled and stayed there"),
                new PlantedAnomaly(runaway, EC2, runawayExtra, PlantedAnomaly.Kind.SPIKE,
                        "CI runner autoscaling group stuck at 20 c5.2xlarge for a day"));
        return new Scenario(NAME,
                "AWS: EKS on EC2, Aurora PostgreSQL, S3 and CloudFront at about $4,000/month, with idle"
                        + " instances, unattached volumes, idle Elastic IPs and old snapshots to find",
                bill.items(), inventory(lastDay), usage(lastDay), anomalies, null);
    }

    private static String rootVolume(Instance i) {
        return "vol-" + i.id().substring(2, 16) + "r00";
    }

    private static List<Resource> inventory(LocalDate lastDay) {
        List<Resource> out = new ArrayList<>();
        for (Instance i : INSTANCES) {
            if (i.weekdaysOnly()) {
                continue; // scaled in and out by the autoscaler; the node group stands for them
            }
            ResourceFacts.Builder f = ResourceFacts.builder()
                    .account(i.account())
                    .compute(ResourceFacts.Compute.of(i.vcpus(), (long) (i.memoryGib() * Usage.GIB)))
                    .state("running")
                    .createdAt(Instant.parse(i.launched()))
                    .detail("availability_zone", i.az())
                    .detail("price_hourly", i.hourly())
                    .detail("platform", "Linux/UNIX")
                    .detail("root_volume_id", rootVolume(i));
            if (i.covered()) {
                f.detail("node_group", "general").detail("commitment", SP_ARN);
            }
            out.add(new Resource(NAME, i.id(), i.name(), "AWS", "ec2-instance", i.type(), REGION,
                    monthly(new BigDecimal(i.hourly())), tags(i.env(), i.team()), f.build()));
        }
        for (Volume v : VOLUMES) {
            ResourceFacts facts = ResourceFacts.builder()
                    .account(v.account())
                    .attachment(v.attachedTo() == null ? ResourceFacts.Attachment.DETACHED
                            : ResourceFacts.Attachment.to(List.of(v.attachedTo())))
                    .state(v.attachedTo() == null ? "available" : "in-use")
                    .storage(ResourceFacts.Storage.ofGib(BigDecimal.valueOf(v.sizeGb())))
                    .createdAt(Instant.parse(v.created()))
                    .detail("availability_zone", v.az())
                    .detail("volume_type", v.type())
                    .build();
            out.add(new Resource(NAME, v.id(), v.name(), "AWS", "ebs-volume", v.type(), REGION,
                    new Money(new BigDecimal(v.gbMonth()).multiply(BigDecimal.valueOf(v.sizeGb())), Bill.USD),
                    tags(v.env(), v.team()), facts));
        }
        for (Snapshot s : SNAPSHOTS) {
            String account = s.env().equals("prod") ? PROD : STAGING;
            ResourceFacts facts = ResourceFacts.builder()
                    .account(account)
                    .storage(new ResourceFacts.Storage(Optional.of(BigDecimal.valueOf(s.sizeGb())), OptionalLong.empty(),
                            OptionalLong.empty(), OptionalLong.empty(), Optional.empty(), Optional.of(s.volumeId())))
                    .createdAt(Instant.parse(lastDay.minusDays(s.ageDays()) + "T04:00:00Z"))
                    .detail("snapshot_id", s.id())
                    .build();
            out.add(new Resource(NAME, "arn:aws:ec2:us-east-1:" + account + ":snapshot/" + s.id(), s.description(),
                    "AWS", "ebs-snapshot", null, REGION,
                    new Money(new BigDecimal("0.05").multiply(BigDecimal.valueOf(s.sizeGb())), Bill.USD),
                    tags(s.env(), "platform"), facts));
        }
        for (String[] ip : ELASTIC_IPS) {
            out.add(new Resource(NAME, "arn:aws:ec2:us-east-1:" + ip[2] + ":elastic-ip/" + ip[0], ip[1], "AWS",
                    "elastic-ip", null, REGION, monthly(new BigDecimal("0.005")), tags(ip[3], "platform"),
                    ResourceFacts.builder().account(ip[2]).attachment(ResourceFacts.Attachment.DETACHED)
                            .addresses(List.of(ip[1])).detail("allocation_id", ip[0]).build()));
        }
        // Aurora: the cluster is sized; its instances report the usage and are judged for waste
        ResourceFacts aurora = ResourceFacts.builder()
                .account(PROD)
                .database(new ResourceFacts.DatabaseCluster("aurora-postgresql", Optional.of("16.4"), 2,
                        OptionalLong.of(912L << 30), OptionalInt.of(1802), Optional.empty(), Optional.empty(),
                        List.of(AURORA_WRITER, AURORA_READER)))
                .compute(ResourceFacts.Compute.of(2, 16L << 30))
                .detail("instance_class", "db.r6g.large")
                .detail("price_per_instance_hourly", "0.26")
                .build();
        out.add(new Resource(NAME, AURORA_CLUSTER, "livyflow-aurora-prod", "AWS", "database-cluster",
                "db.r6g.large", REGION, monthly(new BigDecimal("0.52")), tags("prod", "data"), aurora));
        for (String[] db : new String[][] {{AURORA_WRITER, "livyflow-aurora-prod-instance-1", "writer"},
                {AURORA_READER, "livyflow-aurora-prod-instance-2", "reader"}}) {
            out.add(new Resource(NAME, db[0], db[1], "AWS", "database-instance", "db.r6g.large", REGION,
                    monthly(new BigDecimal("0.26")), tags("prod", "data"), ResourceFacts.builder()
                            .account(PROD)
                            .memberOf(new ResourceFacts.Membership(AURORA_CLUSTER, Optional.of(db[2])))
                            .database(ResourceFacts.DatabaseCluster.of("aurora-postgresql", 1))
                            .compute(ResourceFacts.Compute.of(2, 16L << 30))
                            .build()));
        }
        out.add(new Resource(NAME, AURORA_STAGING, "livyflow-aurora-staging-instance-1", "AWS", "database-instance",
                "db.t4g.medium", REGION, monthly(new BigDecimal("0.073")), tags("staging", "data"),
                ResourceFacts.builder()
                        .account(STAGING)
                        .database(ResourceFacts.DatabaseCluster.of("aurora-postgresql", 1))
                        .compute(ResourceFacts.Compute.of(2, 4L << 30))
                        .detail("role", "writer")
                        .build()));
        out.add(new Resource(NAME, EKS_PROD, "livyflow-prod", "AWS", "eks-cluster", null, REGION,
                monthly(new BigDecimal("0.10")), tags("prod", "platform"),
                ResourceFacts.builder().account(PROD).detail("version", "1.31").build()));
        out.add(new Resource(NAME, EKS_STAGING, "livyflow-staging", "AWS", "eks-cluster", null, REGION,
                monthly(new BigDecimal("0.10")), tags("staging", "platform"),
                ResourceFacts.builder().account(STAGING).detail("version", "1.31").build()));
        out.add(new Resource(NAME, NODE_GROUP, "general", "AWS", "eks-node-group", "m5.xlarge", REGION,
                monthly(new BigDecimal("0.192").multiply(BigDecimal.valueOf(4))), tags("prod", "platform"),
                ResourceFacts.builder()
                        .account(PROD)
                        .memberOf(new ResourceFacts.Membership(EKS_PROD, Optional.empty()))
                        .scaling(new ResourceFacts.Scaling(4, Optional.of(new ResourceFacts.Autoscaler("node-group",
                                OptionalInt.of(4), OptionalInt.of(8)))))
                        .detail("weekday_size", 6)
                        .detail("commitment", SP_ARN)
                        .detail("savings_plan_hourly_commitment", SP_COMMITMENT_HOURLY.toPlainString())
                        .build()));
        out.add(new Resource(NAME, "livyflow-media", "livyflow-media", "AWS", "s3-bucket", "STANDARD", REGION,
                null, tags("prod", "web"), ResourceFacts.builder().account(PROD).build()));
        out.add(new Resource(NAME, "livyflow-logs", "livyflow-logs", "AWS", "s3-bucket", "STANDARD_IA", REGION,
                null, tags("prod", "platform"), ResourceFacts.builder().account(PROD).build()));
        out.add(new Resource(NAME, DISTRIBUTION, "livyflow-media-cdn", "AWS", "cloudfront-distribution", null,
                "global", null, tags("prod", "web"),
                ResourceFacts.builder().account(PROD).detail("origin", "livyflow-media").build()));
        return out;
    }

    private static List<UsageSeries> usage(LocalDate lastDay) {
        List<UsageSeries> out = new ArrayList<>();
        for (Instance i : INSTANCES) {
            if (i.weekdaysOnly()) {
                continue;
            }
            ToDoubleFunction<Usage.Point> cpu = switch (i.pattern()) {
                case IDLE -> p -> 0.6 + 0.25 * p.noise();
                case STEADY -> i.covered()
                        ? p -> 38 + 14 * Usage.business(p, 16, 0.3) + 3 * p.noise()
                        : p -> 2.5 + 0.5 * p.noise();
                case PERIODIC -> p -> p.hour() >= 1 && p.hour() < 3 ? 86 + 4 * p.noise() : 2 + 0.6 * p.noise();
                case BURSTY -> p -> 4 + 1.5 * p.noise() + (p.uniform() < 0.03 ? 55 + 20 * p.uniform() / 0.03 : 0);
                case TRENDING -> p -> 28 + 44 * p.progress() + 8 * Usage.business(p, 16, 0.6) + 3 * p.noise();
            };
            out.add(Usage.series(lastDay, i.id(), "cpu_percent", "percent", SEED, 2, cpu));
        }
        out.add(Usage.series(lastDay, NODE_GROUP, "cpu_percent", "percent", SEED, 2,
                p -> 40 + 16 * Usage.business(p, 16, 0.3) + 2 * p.noise()));
        out.add(Usage.series(lastDay, AURORA_WRITER, "cpu_percent", "percent", SEED, 2,
                p -> 18 + 26 * Usage.business(p, 16, 0.35) + 3 * p.noise()));
        out.add(Usage.series(lastDay, AURORA_WRITER, "connections", "count", SEED, 0,
                p -> 60 + 110 * Usage.business(p, 16, 0.35) + 6 * p.noise()));
        out.add(Usage.series(lastDay, AURORA_READER, "cpu_percent", "percent", SEED, 2,
                p -> 7 + 12 * Usage.business(p, 16, 0.35) + 1.5 * p.noise()));
        out.add(Usage.series(lastDay, AURORA_READER, "connections", "count", SEED, 0,
                p -> 20 + 40 * Usage.business(p, 16, 0.35) + 3 * p.noise()));
        out.add(Usage.series(lastDay, AURORA_STAGING, "cpu_percent", "percent", SEED, 2,
                p -> 3 + 0.8 * p.noise()));
        return out;
    }

    private static Money monthly(BigDecimal hourly) {
        return new Money(hourly.multiply(BigDecimal.valueOf(730)), Bill.USD);
    }

    /** A stable SKU code in the shape AWS uses (16 upper-case letters and digits). */
    private static String sku(String usageType) {
        String alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        long h = Noise.key(SEED, usageType);
        StringBuilder b = new StringBuilder(16);
        for (int i = 0; i < 16; i++) {
            b.append(alphabet.charAt((int) ((h >>> (i * 4)) & 31)));
            if (i == 11) {
                h = Noise.mix(h);
            }
        }
        return b.toString();
    }

    private static Bill.Placement place(String id, String name, String type, String account, String env,
            String team, String az) {
        return new Bill.Placement(id, name, type, REGION, REGION_NAME, az, account,
                account.equals(PROD) ? "livyflow-prod" : "livyflow-staging", tags(env, team));
    }

    private static Map<String, String> tags(String env, String team) {
        return Map.of("env", env, "team", team);
    }
}
