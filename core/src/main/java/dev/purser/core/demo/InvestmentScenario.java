package dev.purser.core.demo;

import dev.purser.core.model.Money;
import dev.purser.core.model.Resource;
import dev.purser.core.model.ResourceFacts;
import dev.purser.core.model.UsageSeries;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToDoubleFunction;

/**
 * One DigitalOcean droplet running a ten-service docker-compose stack against a strict $50 a
 * month budget it overshoots. Limits in the compose file are generous (they add up to three
 * times the host), so right-sizing from the {@code docker stats}-like usage has work to do.
 */
final class InvestmentScenario {

    static final String NAME = "investment";
    private static final long SEED = 0x696e766573746d74L;
    private static final String REGION = "fra1";
    private static final String REGION_NAME = "Frankfurt 1";
    private static final String HOST_ID = "412009331";
    private static final String HOST_NAME = "investment-host";
    private static final String VOLUME_ID = "6f1c3a52-9d8e-11ef-8d1a-0a58ac14d0e2";
    private static final String DROPLETS = "Droplets";
    private static final String VOLUMES = "Volumes";
    private static final String BACKUPS = "Backups";
    private static final BigDecimal HOURS_PER_DAY = BigDecimal.valueOf(24);
    private static final BigDecimal HOST_HOURLY = new BigDecimal("0.07143");
    /** $0.10 per GiB-month over the 672 hours a month is capped at. */
    private static final BigDecimal VOLUME_GIB_HOURLY = new BigDecimal("0.000149");

    /** A compose service: its limits and reservations, and the usage shape of its container. */
    private record Service(String name, String image, double cpuLimit, String memLimit, double cpuReservation,
            String memReservation, String body, ToDoubleFunction<Usage.Point> cpu,
            ToDoubleFunction<Usage.Point> memory) {
    }

    private static final List<Service> SERVICES = List.of(
            new Service("postgres", "postgres:16.4-alpine", 2.0, "2g", 0.5, "1g", """
                        environment:
                          POSTGRES_DB: investment
                          POSTGRES_USER: investment
                          POSTGRES_PASSWORD_FILE: /run/secrets/postgres_password
                        secrets:
                          - postgres_password
                        volumes:
                          - /mnt/investment_data/postgres:/var/lib/postgresql/data
                        ports:
                          - "127.0.0.1:5432:5432"
                    """,
                    p -> 0.03 + 0.20 * Usage.business(p, 15, 0.3) + 0.02 * p.noise(),
                    p -> 310 * Usage.MIB + 120 * Usage.MIB * Usage.business(p, 15, 0.5) + 4 * Usage.MIB * p.noise()),
            new Service("elasticsearch", "docker.elastic.co/elasticsearch/elasticsearch:8.15.3", 2.0, "4g", 1.0,
                    "2g", """
                        environment:
                          discovery.type: single-node
                          xpack.security.enabled: "false"
                          # heap pinned at 1 GiB; the JVM's off-heap brings the container to ~1.7 GiB
                          ES_JAVA_OPTS: -Xms1g -Xmx1g
                        volumes:
                          - /mnt/investment_data/elasticsearch:/usr/share/elasticsearch/data
                        ports:
                          - "127.0.0.1:9200:9200"
                    """,
                    p -> 0.06 + (p.hour() % 1.0 < 0.25 ? 0.45 : 0) + 0.05 * Usage.business(p, 15, 0.4)
                            + 0.02 * p.noise(),
                    p -> (1.62 + 0.18 * p.progress()) * Usage.GIB + 40 * Usage.MIB * p.noise()),
            new Service("backend", "ghcr.io/investment-app/backend:2024.11.3", 2.0, "2g", 0.5, "512m", """
                        command: gunicorn investment.wsgi:application --workers 3 --bind 0.0.0.0:8000
                        env_file: .env
                        depends_on:
                          - postgres
                          - redis
                          - elasticsearch
                        expose:
                          - "8000"
                    """,
                    p -> 0.04 + 0.30 * Usage.business(p, 14, 0.25) + 0.03 * p.noise()
                            + (p.uniform() < 0.005 ? 0.5 : 0),
                    p -> 380 * Usage.MIB + 90 * Usage.MIB * Usage.business(p, 14, 0.3) + 8 * Usage.MIB * p.noise()),
            new Service("celery_worker", "ghcr.io/investment-app/backend:2024.11.3", 2.0, "2g", 0.5, "512m", """
                        command: celery -A investment worker --concurrency 2 --loglevel info
                        env_file: .env
                        depends_on:
                          - redis
                          - postgres
                    """,
                    // price refresh every 30 minutes
                    p -> 0.02 + (p.hour() % 0.5 < 0.25 ? 0.22 * (p.weekend() ? 0.5 : 1) : 0) + 0.02 * p.noise(),
                    p -> 260 * Usage.MIB + (p.hour() % 0.5 < 0.25 ? 220 * Usage.MIB : 0) + 10 * Usage.MIB * p.noise()),
            new Service("airflow", "apache/airflow:2.10.3-python3.11", 1.5, "2g", 0.5, "1g", """
                        command: standalone
                        environment:
                          AIRFLOW__CORE__LOAD_EXAMPLES: "false"
                          AIRFLOW__DATABASE__SQL_ALCHEMY_CONN: postgresql+psycopg2://investment@postgres/airflow
                        volumes:
                          - ./dags:/opt/airflow/dags
                        ports:
                          - "127.0.0.1:8080:8080"
                        depends_on:
                          - postgres
                    """,
                    // the nightly ingestion DAG runs 02:00-03:00 UTC
                    p -> 0.06 + (p.hour() >= 2 && p.hour() < 3 ? 0.3 : 0) + 0.02 * p.noise(),
                    p -> 720 * Usage.MIB + (p.hour() >= 2 && p.hour() < 3 ? 180 * Usage.MIB : 0)
                            + 12 * Usage.MIB * p.noise()),
            new Service("prometheus", "prom/prometheus:v2.55.1", 1.0, "1g", 0.25, "256m", """
                        command:
                          - --config.file=/etc/prometheus/prometheus.yml
                          - --storage.tsdb.retention.time=15d
                        volumes:
                          - ./prometheus.yml:/etc/prometheus/prometheus.yml:ro
                          - /mnt/investment_data/prometheus:/prometheus
                        ports:
                          - "127.0.0.1:9090:9090"
                    """,
                    p -> 0.015 + 0.005 * p.noise() + (p.hour() % 2.0 < 0.25 ? 0.08 : 0),
                    p -> 170 * Usage.MIB + 30 * Usage.MIB * p.progress() + 5 * Usage.MIB * p.noise()),
            new Service("grafana", "grafana/grafana:11.3.0", 0.5, "512m", 0.1, "128m", """
                        volumes:
                          - /mnt/investment_data/grafana:/var/lib/grafana
                        ports:
                          - "127.0.0.1:3000:3000"
                        depends_on:
                          - prometheus
                    """,
                    p -> 0.004 + 0.01 * Usage.business(p, 9, 0.2) + 0.002 * p.noise(),
                    p -> 72 * Usage.MIB + 3 * Usage.MIB * p.noise()),
            new Service("redis", "redis:7.4-alpine", 0.5, "512m", 0.1, "64m", """
                        command: redis-server --appendonly yes --maxmemory 128mb --maxmemory-policy allkeys-lru
                        volumes:
                          - /mnt/investment_data/redis:/data
                    """,
                    p -> 0.006 + 0.01 * Usage.business(p, 14, 0.5) + 0.002 * p.noise(),
                    p -> 11 * Usage.MIB + 4 * Usage.MIB * Usage.business(p, 14, 0.5) + 0.5 * Usage.MIB * p.noise()),
            new Service("frontend", "ghcr.io/investment-app/frontend:2024.11.3", 0.5, "512m", 0.1, "128m", """
                        environment:
                          NODE_ENV: production
                          API_URL: http://backend:8000
                        expose:
                          - "3001"
                    """,
                    p -> 0.003 + 0.03 * Usage.business(p, 14, 0.25) + 0.002 * p.noise(),
                    p -> 58 * Usage.MIB + 6 * Usage.MIB * Usage.business(p, 14, 0.3) + Usage.MIB * p.noise()),
            new Service("nginx", "nginx:1.27-alpine", 0.5, "256m", 0.1, "64m", """
                        volumes:
                          - ./nginx.conf:/etc/nginx/conf.d/default.conf:ro
                          - /etc/letsencrypt:/etc/letsencrypt:ro
                        ports:
                          - "80:80"
                          - "443:443"
                        depends_on:
                          - backend
                          - frontend
                    """,
                    p -> 0.002 + 0.012 * Usage.business(p, 14, 0.25) + 0.001 * p.noise(),
                    p -> 7 * Usage.MIB + 0.4 * Usage.MIB * p.noise()));

    private InvestmentScenario() {
    }

    static Scenario build(LocalDate lastDay) {
        LocalDate first = lastDay.minusDays(DemoScenarios.BILL_DAYS - 1L);
        Bill bill = new Bill(new Bill.Account("DigitalOcean", "DigitalOcean", "DigitalOcean", NAME, "Investment"));
        LocalDate reindex = MandibleScenario.weekday(lastDay.minusDays(33));
        LocalDate restoreTest = lastDay.minusDays(96);
        LocalDate resize = lastDay.minusDays(58);
        BigDecimal reindexExtra = BigDecimal.ZERO;
        BigDecimal restoreExtra = BigDecimal.ZERO;
        BigDecimal resizeExtra = BigDecimal.ZERO;
        Bill.Placement host = place(HOST_ID, HOST_NAME, "Droplet");
        Bill.Placement volume = place(VOLUME_ID, "investment-data", "Volume");

        for (LocalDate day = first; !day.isAfter(lastDay); day = day.plusDays(1)) {
            bill.row(day, DROPLETS, "Compute").at(host).sku("droplet-s-4vcpu-8gb")
                    .description(HOST_NAME + " (s-4vcpu-8gb)").priced(HOURS_PER_DAY, "Hours", HOST_HOURLY).add();
            bill.row(day, BACKUPS, "Storage").at(host).sku("droplet-backup-weekly")
                    .description("Weekly backups for " + HOST_NAME)
                    .priced(HOURS_PER_DAY, "Hours", HOST_HOURLY.multiply(new BigDecimal("0.2"))).add();
            // the data volume was grown from 50 to 100 GiB when Elasticsearch filled it
            int gib = day.isBefore(resize) ? 50 : 100;
            BigDecimal volumeCost = bill.row(day, VOLUMES, "Storage").at(volume).sku("volume-gib")
                    .description("investment-data (" + gib + " GiB)")
                    .priced(BigDecimal.valueOf(gib * 24L), "GiB-Hours", VOLUME_GIB_HOURLY).add().billedCost();
            if (day.equals(resize)) {
                resizeExtra = volumeCost.subtract(Bill.amount(BigDecimal.valueOf(50 * 24L).multiply(VOLUME_GIB_HOURLY)));
            }
            if (day.equals(reindex)) {
                reindexExtra = bill.row(day, DROPLETS, "Compute").at(place("418552017", "es-reindex-tmp", "Droplet"))
                        .sku("droplet-c-8").description("es-reindex-tmp (c-8)")
                        .priced(HOURS_PER_DAY, "Hours", new BigDecimal("0.25000")).add().billedCost();
            }
            if (day.equals(restoreTest)) {
                restoreExtra = bill.row(day, VOLUMES, "Storage")
                        .at(place("a03e77c4-5b2f-11ef-9f3a-0a58ac14d0e2", "restore-test", "Volume"))
                        .sku("volume-gib").description("restore-test (500 GiB)")
                        .priced(BigDecimal.valueOf(500 * 24L), "GiB-Hours", VOLUME_GIB_HOURLY).add().billedCost();
            }
        }

        List<PlantedAnomaly> anomalies = List.of(
                new PlantedAnomaly(restoreTest, VOLUMES, restoreExtra, PlantedAnomaly.Kind.SPIKE,
                        "500 GiB volume created for a backup-restore test, deleted the next day"),
                new PlantedAnomaly(resize, VOLUMES, resizeExtra, PlantedAnomaly.Kind.LEVEL_SHIFT,
                        "data volume grown from 50 to 100 GiB"),
                new PlantedAnomaly(reindex, DROPLETS, reindexExtra, PlantedAnomaly.Kind.SPIKE,
                        "c-8 droplet started for an Elasticsearch reindex and kept for a day"));
        return new Scenario(NAME,
                "one droplet running a 10-service docker-compose stack (Elasticsearch, Airflow, Celery, ...)"
                        + " against a strict $50/month budget",
                bill.items(), inventory(), usage(lastDay), anomalies, compose());
    }

    private static List<Resource> inventory() {
        List<Resource> out = new ArrayList<>();
        // The compose file is not in any provider API: it is stored with the inventory so right-sizing
        // finds the stack's limits without a path into the file system.
        ResourceFacts host = ResourceFacts.builder()
                .compute(ResourceFacts.Compute.of(4, 8L << 30).withDiskGib(160))
                .state("active")
                .composeSource(new ResourceFacts.ComposeSource(Optional.of(compose()), Optional.empty(),
                        Optional.of(Money.of("50.00", "USD"))))
                .detail("price_hourly", HOST_HOURLY.toPlainString())
                .detail("backups", true)
                .build();
        out.add(new Resource(NAME, HOST_ID, HOST_NAME, "DigitalOcean", "droplet", "s-4vcpu-8gb", REGION,
                Money.of("48.00", "USD"), tags(), host));
        out.add(new Resource(NAME, VOLUME_ID, "investment-data", "DigitalOcean", "volume", "100GiB", REGION,
                Money.of("10.00", "USD"), tags(), ResourceFacts.builder()
                        .attachment(ResourceFacts.Attachment.to(List.of(HOST_ID)))
                        .storage(ResourceFacts.Storage.ofGib(new BigDecimal("100")))
                        .detail("filesystem_type", "ext4")
                        .build()));
        for (Service s : SERVICES) {
            ResourceFacts facts = ResourceFacts.builder()
                    .composeService(new ResourceFacts.ComposeService(s.name(), HOST_ID, Optional.of(s.image()),
                            ResourceFacts.ContainerResources.of(s.cpuLimit(), bytes(s.memLimit())),
                            ResourceFacts.ContainerResources.of(s.cpuReservation(), bytes(s.memReservation()))))
                    .build();
            out.add(new Resource(NAME, containerId(s), containerId(s), "DigitalOcean", "container", null, REGION,
                    null, tags(), facts));
        }
        return out;
    }

    private static List<UsageSeries> usage(LocalDate lastDay) {
        List<UsageSeries> out = new ArrayList<>();
        for (Service s : SERVICES) {
            out.add(Usage.series(lastDay, containerId(s), "cpu_cores", "cores", SEED, 4, s.cpu()));
            out.add(Usage.series(lastDay, containerId(s), "memory_bytes", "bytes", SEED, 0, s.memory()));
        }
        return out;
    }

    /** Compose names containers {@code <project>-<service>-<index>}; the project is the directory name. */
    private static String containerId(Service s) {
        return NAME + "-" + s.name() + "-1";
    }

    static String compose() {
        StringBuilder y = new StringBuilder();
        y.append("# investment: the whole product on one s-4vcpu-8gb droplet (fra1).\n")
                .append("# Budget: $50/month for everything, hosting included.\n")
                .append("# Limits were set generously at launch and never revisited; together they promise\n")
                .append("# about three times the CPU and memory the host has.\n")
                .append("name: investment\n\nservices:\n");
        for (Service s : SERVICES) {
            y.append("  ").append(s.name()).append(":\n")
                    .append("    image: ").append(s.image()).append('\n')
                    .append("    restart: unless-stopped\n")
                    .append(s.body().stripTrailing().indent(0));
            y.append("    deploy:\n")
                    .append("      resources:\n")
                    .append("        limits:\n")
                    .append("          cpus: \"").append(cpus(s.cpuLimit())).append("\"\n")
                    .append("          memory: ").append(s.memLimit()).append('\n')
                    .append("        reservations:\n")
                    .append("          cpus: \"").append(cpus(s.cpuReservation())).append("\"\n")
                    .append("          memory: ").append(s.memReservation()).append("\n\n");
        }
        y.append("secrets:\n  postgres_password:\n    file: ./secrets/postgres_password.txt\n");
        return y.toString();
    }

    private static String cpus(double v) {
        return String.format(Locale.ROOT, "%.2f", v).replaceAll("0$", "").replaceAll("\\.0$", ".0");
    }

    private static long bytes(String compose) {
        long n = Long.parseLong(compose.substring(0, compose.length() - 1));
        return switch (compose.charAt(compose.length() - 1)) {
            case 'g' -> n << 30;
            case 'm' -> n << 20;
            default -> throw new IllegalArgumentException("memory size must end in g or m: " + compose);
        };
    }

    private static Bill.Placement place(String id, String name, String type) {
        return new Bill.Placement(id, name, type, REGION, REGION_NAME, null, null, null, tags());
    }

    private static Map<String, String> tags() {
        return Map.of("env", "prod", "team", "investment");
    }
}
