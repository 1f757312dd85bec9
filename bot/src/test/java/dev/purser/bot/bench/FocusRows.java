package dev.purser.bot.bench;

import dev.purser.core.demo.FocusCsvWriter;
import dev.purser.core.model.ChargeCategory;
import dev.purser.core.model.CostLineItem;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Currency;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;

/**
 * A deterministic FOCUS bill of any size, shaped like an hourly cloud export: four billing
 * accounts (three AWS payers, one DigitalOcean team) with three sub-accounts each, 22 services
 * weighted towards compute, ten regions, and one resource per 24 rows of a day, each billed
 * hourly with its own tags ({@code env}, {@code team}, {@code app}, {@code cost-center}; one in
 * ten untagged). About one row in a thousand is a credit (negative) or a tax. Rows are written
 * through Purser's own {@link FocusCsvWriter}, so the file is exactly what the importer expects.
 */
final class FocusRows {

    static final LocalDate LAST_DAY = LocalDate.of(2026, 10, 31);

    private static final String[][] AWS_SERVICES = {
        {"Amazon Elastic Compute Cloud", "Compute", "i-", "Instance"},
        {"Amazon Elastic Compute Cloud", "Compute", "i-", "Instance"},
        {"Amazon Elastic Compute Cloud", "Compute", "i-", "Instance"},
        {"Amazon Elastic Block Store", "Storage", "vol-", "Volume"},
        {"Amazon Elastic Block Store", "Storage", "vol-", "Volume"},
        {"Amazon Relational Database Service", "Databases", "db-", "DB Instance"},
        {"Amazon Relational Database Service", "Databases", "db-", "DB Instance"},
        {"Amazon Simple Storage Service", "Storage", "s3-", "Bucket"},
        {"Amazon Elastic Kubernetes Service", "Compute", "eks-", "Cluster"},
        {"Amazon CloudFront", "Networking", "cf-", "Distribution"},
        {"AWS Lambda", "Compute", "fn-", "Function"},
        {"Amazon DynamoDB", "Databases", "ddb-", "Table"},
        {"Amazon ElastiCache", "Databases", "cache-", "Cluster"},
        {"Amazon OpenSearch Service", "Analytics", "es-", "Domain"},
        {"Amazon Simple Queue Service", "Integration", "sqs-", "Queue"},
        {"Amazon CloudWatch", "Management and Governance", "cw-", "Log Group"},
        {"Elastic Load Balancing", "Networking", "elb-", "Load Balancer"},
        {"Amazon Virtual Private Cloud", "Networking", "nat-", "NAT Gateway"},
    };
    private static final String[][] DO_SERVICES = {
        {"Droplets", "Compute", "droplet-", "Droplet"},
        {"Droplets", "Compute", "droplet-", "Droplet"},
        {"Managed Databases", "Databases", "dbaas-", "Database Cluster"},
        {"Spaces", "Storage", "spaces-", "Bucket"},
        {"Kubernetes", "Compute", "doks-", "Cluster"},
        {"Volumes", "Storage", "volume-", "Volume"},
    };
    private static final String[] AWS_REGIONS = {"us-east-1", "us-east-1", "us-east-2", "us-west-2", "eu-west-1",
        "eu-central-1"};
    private static final String[] DO_REGIONS = {"nyc3", "sfo3", "ams3", "fra1"};
    private static final String[] ENVS = {"prod", "prod", "staging", "dev"};
    private static final String[] TEAMS = {"platform", "payments", "search", "data", "growth", "mobile", "infra",
        "ml"};
    private static final Currency USD = Currency.getInstance("USD");

    private FocusRows() {
    }

    /** One resource's fixed attributes, from its index alone; {@code hourlyE8} is its hourly rate in 1e-8 USD. */
    private record Res(String account, String accountName, String sub, String subName, String provider,
            String service, String category, String id, String name, String type, String region, String sku,
            long hourlyE8, Map<String, String> tags) {
    }

    /** What a generated file holds. */
    record Written(Path file, long rows, int resources, LocalDate firstDay, LocalDate lastDay, long bytes,
            double seconds) {
    }

    /** Writes {@code rows} rows over the {@code days} days ending {@link #LAST_DAY}. */
    static Written write(Path file, long rows, int days) throws IOException {
        LocalDate first = LAST_DAY.minusDays(days - 1L);
        long perDay = (rows + days - 1) / days;
        int resources = (int) Math.max(1, perDay / 24);
        Res[] res = new Res[resources];
        for (int k = 0; k < resources; k++) {
            res[k] = resource(k);
        }
        long t0 = System.nanoTime();
        try (Writer out = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(file),
                StandardCharsets.UTF_8), 1 << 20)) {
            FocusCsvWriter.write(items(rows, first, perDay, res), out);
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        return new Written(file, rows, resources, first, LAST_DAY, Files.size(file), seconds);
    }

    private static Iterator<CostLineItem> items(long rows, LocalDate first, long perDay, Res[] res) {
        return new Iterator<>() {
            private long next;
            private long dayIndex = -1;
            private Instant[] hours = new Instant[25];
            private Instant monthStart;
            private Instant monthEnd;

            @Override
            public boolean hasNext() {
                return next < rows;
            }

            @Override
            public CostLineItem next() {
                if (next >= rows) {
                    throw new NoSuchElementException();
                }
                long i = next++;
                long d = i / perDay;
                if (d != dayIndex) {
                    dayIndex = d;
                    LocalDate day = first.plusDays(d);
                    Instant start = day.atStartOfDay(ZoneOffset.UTC).toInstant();
                    for (int h = 0; h <= 24; h++) {
                        hours[h] = start.plusSeconds(3600L * h);
                    }
                    YearMonth month = YearMonth.from(day);
                    monthStart = month.atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
                    monthEnd = month.plusMonths(1).atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
                }
                long j = i % perDay;
                Res r = res[(int) (j % res.length)];
                int hour = (int) ((j / res.length) % 24);
                // Cheap deterministic noise: +-20 % around the resource's hourly rate.
                long mix = (i * 0x9E3779B97F4A7C15L) >>> 40;
                long amount = r.hourlyE8 * (80 + mix % 41) / 100;
                ChargeCategory category = ChargeCategory.USAGE;
                if (i % 997 == 0) {
                    category = ChargeCategory.CREDIT;
                    amount = -amount * 3;
                } else if (i % 1009 == 0) {
                    category = ChargeCategory.TAX;
                }
                BigDecimal billed = BigDecimal.valueOf(amount, 8);
                BigDecimal list = category == ChargeCategory.USAGE ? BigDecimal.valueOf(amount * 11 / 10, 8) : null;
                BigDecimal one = category == ChargeCategory.USAGE ? BigDecimal.ONE : null;
                return new CostLineItem(r.account, r.accountName, monthStart, monthEnd, hours[hour], hours[hour + 1],
                        category, null, category == ChargeCategory.USAGE ? r.service + " usage" : category.focusValue(),
                        billed, billed, list, null, USD, r.provider, r.provider, r.provider, r.service, r.category,
                        r.id, r.name, r.type, r.region, r.region, null, r.sub, r.subName, r.sku, one,
                        one == null ? null : "Hours", one, one == null ? null : "Hours", null, r.tags, Map.of());
            }
        };
    }

    private static Res resource(int k) {
        SplittableRandom r = new SplittableRandom(0xC0FFEEL + k);
        int account = k % 4;
        boolean digitalOcean = account == 3;
        String[] svc = digitalOcean ? DO_SERVICES[r.nextInt(DO_SERVICES.length)]
                : AWS_SERVICES[r.nextInt(AWS_SERVICES.length)];
        String region = digitalOcean ? DO_REGIONS[r.nextInt(DO_REGIONS.length)]
                : AWS_REGIONS[r.nextInt(AWS_REGIONS.length)];
        int sub = r.nextInt(3);
        String id = svc[2] + Long.toHexString(0x1000000000L + k * 7919L);
        Map<String, String> tags = new LinkedHashMap<>();
        if (r.nextInt(10) != 0) {
            String team = TEAMS[r.nextInt(TEAMS.length)];
            tags.put("env", ENVS[r.nextInt(ENVS.length)]);
            tags.put("team", team);
            tags.put("app", team + "-" + r.nextInt(4));
            tags.put("cost-center", "cc-" + (100 + r.nextInt(12)));
        }
        // Hourly rate between $0.002 and about $2, skewed towards cheap resources.
        double rate = 0.002 * Math.pow(1000, r.nextDouble() * r.nextDouble());
        return new Res(
                digitalOcean ? "do-team-" + 7001 : "1000000000" + (account + 1),
                digitalOcean ? "digitalocean" : "aws-payer-" + (account + 1),
                digitalOcean ? "do-team-7001" : "2000000000" + account + sub,
                digitalOcean ? "do-project-" + sub : "workload-" + account + "-" + sub,
                digitalOcean ? "DigitalOcean" : "AWS",
                svc[0], svc[1], id, svc[3].toLowerCase(java.util.Locale.ROOT) + "-" + k, svc[3], region,
                svc[0].replace(' ', '-') + "-" + (k % 40),
                Math.round(rate * 1e8), Map.copyOf(tags));
    }
}
