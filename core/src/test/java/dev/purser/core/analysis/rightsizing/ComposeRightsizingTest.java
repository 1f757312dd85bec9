package dev.purser.core.analysis.rightsizing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.purser.core.analysis.catalog.PriceCatalog;
import dev.purser.core.analysis.catalog.PriceCatalogs;
import dev.purser.core.error.ErrorCode;
import dev.purser.core.error.PurserException;
import dev.purser.core.model.Money;
import dev.purser.core.model.UsageSeries;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ComposeRightsizingTest {

    static final Instant NOW = RightsizingEngineTest.NOW;
    static final double GIB = RightsizingEngineTest.GIB;
    static final double MIB = 1024.0 * 1024;

    static final String COMPOSE = """
            # investment stack: one droplet, strict budget
            services:
              postgres:
                image: postgres:16   # primary store
                deploy:
                  resources:
                    limits:
                      cpus: '1.0'
                      memory: 1G     # tuned in March
                    reservations:
                      memory: 512M
              elasticsearch:
                image: elasticsearch:8.13.0
                environment:
                  - ES_JAVA_OPTS=-Xms1g -Xmx1g
                deploy:
                  resources:
                    limits:
                      cpus: "1.5"
                      memory: 2G
              backend:
                image: investment/backend
                command: >
                  gunicorn app:app
                  --workers 2
                deploy:
                  resources:
                    limits:
                      cpus: 0.5
                      memory: 512M
              redis:
                image: redis:7
                mem_limit: 256m
            """;

    private final PriceCatalog catalog = PriceCatalogs.bundledDigitalOcean();
    private final RightsizingEngine engine = new RightsizingEngine(catalog, RightsizingRules.defaults(),
            Clock.fixed(NOW, ZoneOffset.UTC));

    private Map<String, List<UsageSeries>> usage() {
        SeriesGenerator g = new SeriesGenerator(11);
        Map<String, List<UsageSeries>> u = new LinkedHashMap<>();
        u.put("postgres", List.of(g.cpu("postgres", NOW, 30, SeriesGenerator.Shape.DAILY, 0.3),
                g.memory("postgres", NOW, 30, SeriesGenerator.Shape.STEADY, 400 * MIB)));
        u.put("elasticsearch", List.of(g.cpu("elasticsearch", NOW, 30, SeriesGenerator.Shape.STEADY, 0.4),
                g.memory("elasticsearch", NOW, 30, SeriesGenerator.Shape.STEADY, 1.3 * GIB)));
        u.put("backend", List.of(g.cpu("backend", NOW, 30, SeriesGenerator.Shape.DAILY, 0.1),
                g.memory("backend", NOW, 30, SeriesGenerator.Shape.STEADY, 180 * MIB)));
        return u;
    }

    @Test
    void patch_rewritesOnlyValuesKeepingCommentsAndQuotes() {
        ComposePatcher.Result r = ComposePatcher.patch(COMPOSE, List.of(
                new ComposePatcher.Change("postgres", ComposePatcher.Setting.LIMIT_MEMORY, "640M"),
                new ComposePatcher.Change("postgres", ComposePatcher.Setting.LIMIT_CPUS, "0.6"),
                new ComposePatcher.Change("redis", ComposePatcher.Setting.LIMIT_MEMORY, "128m"),
                new ComposePatcher.Change("backend", ComposePatcher.Setting.RESERVATION_CPUS, "0.1")),
                "docker-compose.yml");
        assertThat(r.text()).contains("      memory: 640M     # tuned in March\n", "      cpus: '0.6'\n",
                "    mem_limit: 128m\n");
        assertThat(r.notFound()).extracting(ComposePatcher.Change::service).containsExactly("backend");
        String[] before = COMPOSE.split("\n", -1);
        String[] after = r.text().split("\n", -1);
        assertThat(after).hasSameSizeAs(before);
        int changed = 0;
        for (int i = 0; i < before.length; i++) {
            if (!before[i].equals(after[i])) {
                changed++;
            }
        }
        assertThat(changed).isEqualTo(3);
        assertThat(r.unifiedDiff()).startsWith("--- a/docker-compose.yml\n+++ b/docker-compose.yml\n@@ -")
                .contains("-          cpus: '1.0'\n-          memory: 1G     # tuned in March\n+          cpus: '0.6'\n"
                        + "+          memory: 640M     # tuned in March\n");
    }

    @Test
    void patch_blockScalarContentIsNotMistakenForKeys() {
        String yaml = "services:\n  a:\n    command: |\n      cpus: 4\n    cpus: 2\n";
        ComposePatcher.Result r = ComposePatcher.patch(yaml,
                List.of(new ComposePatcher.Change("a", ComposePatcher.Setting.LIMIT_CPUS, "1")), "c.yml");
        assertThat(r.text()).isEqualTo("services:\n  a:\n    command: |\n      cpus: 4\n    cpus: 1\n");
    }

    @Test
    void analyzeCompose_limitsFromUsage_costsReconcileToHostPrice() {
        ComposeHost host = ComposeHost.ofCatalog(catalog, "s-2vcpu-4gb");
        ComposeAnalysis a = engine.analyzeCompose(COMPOSE, usage(), host, Optional.of(Money.of("50", "USD")),
                Set.of());

        ComposeAnalysis.ServiceSizing pg = a.services().get(0);
        assertThat(pg.name()).isEqualTo("postgres");
        assertThat(pg.proposed().memoryLimit().getAsLong()).isGreaterThanOrEqualTo(
                (long) (pg.memory().orElseThrow().max() * 1.2));
        assertThat(pg.proposed().cpusLimit().getAsDouble()).isGreaterThanOrEqualTo(pg.cpu().orElseThrow().p99() / 0.9);

        BigDecimal sum = a.services().stream().map(s -> s.currentMonthlyCost().amount())
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        assertThat(sum).isEqualByComparingTo("24");
        assertThat(a.costSplitMethod()).contains("50/50");

        ComposeAnalysis.ServiceSizing redis = a.services().get(3);
        assertThat(redis.proposed()).isEqualTo(redis.current());
        assertThat(a.gaps()).anyMatch(s -> s.startsWith("redis: no usage data"));

        assertThat(a.patchedYaml()).contains("# tuned in March", "ES_JAVA_OPTS=-Xms1g -Xmx1g");
        assertThat(a.unifiedDiff()).contains("+          memory: ");
        assertThat(a.proposedHost().size()).isPresent();
        assertThat(a.budget().orElseThrow().currentFits()).isTrue();
        assertThat(a.recommendations()).hasSize(4);
    }

    @Test
    void analyzeCompose_deployResourcesLimits_readOnceIntoTypedLimits() {
        ComposeHost host = ComposeHost.ofCatalog(catalog, "s-2vcpu-4gb");
        ComposeAnalysis a = engine.analyzeCompose(COMPOSE, usage(), host, Optional.empty(), Set.of());

        // deploy.resources.limits.cpus '1.0' and memory 1G, reservations.memory 512M
        ComposeAnalysis.ServiceSizing pg = a.services().get(0);
        assertThat(pg.current().cpusLimit()).hasValue(1.0);
        assertThat(pg.current().memoryLimit()).hasValue((long) GIB);
        assertThat(pg.current().memoryReservation()).hasValue(512L * 1024 * 1024);
        assertThat(pg.current().cpusReservation()).isEmpty();
        // mem_limit (compose v2 style) is a memory limit too
        assertThat(a.services().get(3).current().memoryLimit()).hasValue(256L * 1024 * 1024);
        Recommendation rec = a.recommendations().stream().filter(r -> r.resourceName().equals("postgres"))
                .findFirst().orElseThrow();
        assertThat(rec.current().container()).contains(pg.current());
        assertThat(rec.change().canonical()).startsWith("from{compose;cpus_limit=1;memory_limit=1073741824;"
                + "memory_reservation=536870912");
    }

    @Test
    void analyzeCompose_whatIfWithoutElasticsearch_cheaperHost() {
        ComposeHost host = ComposeHost.billed("DigitalOcean", "s-4vcpu-8gb", 4, 8L << 30, Money.of("48", "USD"));
        ComposeAnalysis a = engine.analyzeCompose(COMPOSE, usage(), host, Optional.of(Money.of("20", "USD")),
                Set.of("elasticsearch"));
        ComposeAnalysis.WhatIf w = a.whatIf().orElseThrow();
        assertThat(w.host().monthlyPrice().orElseThrow())
                .isLessThanOrEqualTo(a.proposedHost().monthlyPrice().orElseThrow());
        assertThat(w.host().neededMemory()).isLessThan(a.proposedHost().neededMemory());
        assertThat(w.removedServicesCurrentCost().isNegative()).isFalse();
        assertThat(w.summary()).startsWith("without elasticsearch");
        assertThat(a.budget().orElseThrow().currentFits()).isFalse();
    }

    @Test
    void analyzeCompose_unknownServiceInWithout_badArgument() {
        ComposeHost host = ComposeHost.ofCatalog(catalog, "s-2vcpu-4gb");
        assertThatThrownBy(() -> engine.analyzeCompose(COMPOSE, usage(), host, Optional.empty(), Set.of("kafka")))
                .isInstanceOfSatisfying(PurserException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.BAD_ARGUMENT));
    }

    @Test
    void analyzeCompose_invalidYaml_malformedFileWithLine() {
        ComposeHost host = ComposeHost.ofCatalog(catalog, "s-2vcpu-4gb");
        assertThatThrownBy(() -> engine.analyzeCompose("services:\n  a: [\n", Map.of(), host, Optional.empty(),
                Set.of())).isInstanceOfSatisfying(PurserException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED_FILE);
                    assertThat(e.getMessage()).contains("line");
                });
    }
}
