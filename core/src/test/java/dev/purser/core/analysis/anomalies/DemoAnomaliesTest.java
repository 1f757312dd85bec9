package dev.purser.core.analysis.anomalies;

import static org.assertj.core.api.Assertions.assertThat;

import dev.purser.core.analysis.costs.CostMetric;
import dev.purser.core.demo.DemoScenarios;
import dev.purser.core.demo.FocusCsvWriter;
import dev.purser.core.demo.PlantedAnomaly;
import dev.purser.core.demo.Scenario;
import dev.purser.core.ingest.FocusImporter;
import dev.purser.core.ingest.ImportOptions;
import dev.purser.core.model.Period;
import dev.purser.core.store.JdbcCostSink;
import dev.purser.core.store.JdbcSpendHistory;
import dev.purser.core.store.PurserDatabase;
import dev.purser.core.testing.TestDatabase;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The anomalies planted in the three demo scenarios are found, landed through the real FOCUS
 * importer and read back through the cost store, with the right date and service.
 */
class DemoAnomaliesTest {

    private static final LocalDate LAST_DAY = LocalDate.of(2026, 11, 22);
    /** The investment stack's whole bill is $50 a month: its anomalies are worth cents to dollars. */
    private static final BigDecimal MIN_IMPACT = new BigDecimal("0.10");

    @TempDir
    static Path dir;
    static PurserDatabase db;
    static List<Scenario> scenarios;
    static AnomalyFinder finder;
    static final Map<String, AnomalyReport> reports = new HashMap<>();

    @BeforeAll
    static void land() throws IOException {
        db = TestDatabase.fresh();
        scenarios = DemoScenarios.generate(LAST_DAY);
        FocusImporter importer = new FocusImporter(new JdbcCostSink(db.dataSource()),
                Clock.fixed(Instant.parse("2026-11-23T08:00:00Z"), ZoneOffset.UTC));
        for (Scenario s : scenarios) {
            // plain CSV: the importer reads gzip too, but compressing 184 days three times is slow
            Path file = dir.resolve(s.name() + ".focus.csv");
            FocusCsvWriter.write(s.lineItems(), file);
            importer.importFile(file, ImportOptions.STRICT);
        }
        finder = new AnomalyFinder(new JdbcSpendHistory(db.dataSource()));
        for (Scenario s : scenarios) {
            reports.put(s.name(), find(s.name(), MIN_IMPACT));
        }
    }

    @AfterAll
    static void close() {
        db.close();
    }

    private static AnomalyReport find(String account, BigDecimal minImpact) {
        Period whole = Period.ofDays(LAST_DAY.minusDays(DemoScenarios.BILL_DAYS - 1L), LAST_DAY, ZoneOffset.UTC);
        return finder.find(new AnomalyRequest(whole, AnomalyGrouping.SERVICE, minImpact, Sensitivity.MEDIUM, account,
                CostMetric.BILLED));
    }

    @Test
    void find_demoScenarios_everyPlantedAnomalyWithItsDateAndService() {
        int falsePositives = 0;
        for (Scenario s : scenarios) {
            AnomalyReport report = reports.get(s.name());
            for (PlantedAnomaly planted : s.plantedAnomalies()) {
                assertThat(report.anomalies())
                        .as("%s: %s on %s (%s)", s.name(), planted.serviceName(), planted.date(), planted.description())
                        .anySatisfy(a -> {
                            assertThat(a.date()).isEqualTo(planted.date());
                            assertThat(a.key()).isEqualTo(planted.serviceName());
                        });
            }
            List<String> extra = new ArrayList<>();
            for (Anomaly a : report.anomalies()) {
                boolean planted = s.plantedAnomalies().stream()
                        .anyMatch(p -> p.date().equals(a.date()) && p.serviceName().equals(a.key()));
                if (!planted) {
                    extra.add(a.date() + " " + a.key() + " " + a.kind() + " impact " + a.impact()
                            + String.format(" z=%.1f", a.score()));
                }
            }
            falsePositives += extra.size();
            System.out.println("anomalies " + s.name() + ": " + (report.anomalies().size() - extra.size())
                    + " planted found, false positives " + extra);
        }
        assertThat(falsePositives).as("false positives over the three scenarios").isLessThanOrEqualTo(3);
    }

    @Test
    void find_demoScenarios_kindAndDriversOfThePlantedAnomalies() {
        for (Scenario s : scenarios) {
            AnomalyReport report = reports.get(s.name());
            for (PlantedAnomaly planted : s.plantedAnomalies()) {
                Anomaly found = report.anomalies().stream()
                        .filter(a -> a.date().equals(planted.date()) && a.key().equals(planted.serviceName()))
                        .findFirst().orElseThrow();
                assertThat(found.kind()).as("%s %s", s.name(), planted.description())
                        .isEqualTo(planted.kind() == PlantedAnomaly.Kind.SPIKE ? AnomalyKind.SPIKE : AnomalyKind.LEVEL_SHIFT);
                assertThat(found.drivers()).as("%s %s", s.name(), planted.description()).isNotEmpty();
                // the drivers shown explain most of the impact
                BigDecimal explained = found.drivers().stream().map(d -> d.increase().amount())
                        .reduce(BigDecimal.ZERO, BigDecimal::add);
                assertThat(explained.doubleValue()).as("%s %s drivers", s.name(), planted.description())
                        .isGreaterThan(0.5 * found.impact().amount().doubleValue());
            }
        }
    }

    @Test
    void find_livyflowDefaultMinimum_keepsTheLargeOnesAndSaysHowManyItLeftOut() {
        AnomalyReport report = find("livyflow", AnomalyRequest.DEFAULT_MIN_IMPACT);
        assertThat(report.anomalies()).allSatisfy(a ->
                assertThat(a.impact().amount()).isGreaterThanOrEqualTo(BigDecimal.TEN));
        Anomaly runaway = report.anomalies().stream().filter(a -> a.key().equals("Amazon Elastic Compute Cloud"))
                .findFirst().orElseThrow();
        assertThat(runaway.drivers().get(0).label()).contains("ci-runner ×20").contains("c5.2xlarge");
        assertThat(report.notes()).anyMatch(n -> n.contains("taxes and credits"));
    }
}
