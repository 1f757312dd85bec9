package dev.purser.core.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.purser.core.ingest.FocusCsvReader;
import dev.purser.core.ingest.FocusImporter;
import dev.purser.core.ingest.ImportOptions;
import dev.purser.core.ingest.ImportResult;
import dev.purser.core.model.CostLineItem;
import dev.purser.core.store.JdbcCostSink;
import dev.purser.core.store.PurserDatabase;
import dev.purser.core.testing.TestDatabase;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The generated files are read by the real FOCUS reader and importer exactly as generated. */
class DemoImportTest {

    private static final LocalDate LAST_DAY = LocalDate.of(2026, 11, 22);

    @Test
    void focusReader_readsEveryScenarioBackUnchanged(@TempDir Path dir) {
        for (Scenario s : DemoScenarios.generate(LAST_DAY)) {
            Path file = s.writeFiles(dir).get(0);
            List<CostLineItem> read = new ArrayList<>();
            try (FocusCsvReader reader = FocusCsvReader.open(file, false)) {
                while (reader.next()) {
                    read.add(reader.row());
                }
                assertThat(reader.tolerated()).as(s.name()).isEmpty();
                assertThat(reader.skipped()).as(s.name()).isEmpty();
            }
            assertThat(read).as(s.name()).hasSize(s.lineItems().size());
            for (int i = 0; i < read.size(); i++) {
                CostLineItem want = s.lineItems().get(i);
                CostLineItem got = read.get(i);
                assertThat(got).usingRecursiveComparison().ignoringFields("extras")
                        .withComparatorForType(BigDecimal::compareTo, BigDecimal.class)
                        .as("%s row %d", s.name(), i).isEqualTo(want);
            }
        }
    }

    @Test
    void focusImporter_landsEveryScenarioWithExactTotals(@TempDir Path dir) {
        try (PurserDatabase db = TestDatabase.fresh()) {
            FocusImporter importer = new FocusImporter(new JdbcCostSink(db.dataSource()),
                    Clock.fixed(Instant.parse("2026-11-23T08:00:00Z"), ZoneOffset.UTC));
            for (Scenario s : DemoScenarios.generate(LAST_DAY)) {
                Path file = s.writeFiles(dir).get(0);
                ImportResult result = importer.importFile(file, ImportOptions.STRICT);
                BigDecimal total = s.lineItems().stream().map(CostLineItem::billedCost)
                        .reduce(BigDecimal.ZERO, BigDecimal::add);
                assertThat(result.rows()).isEqualTo(s.lineItems().size());
                assertThat(result.billedTotals().get(Currency.getInstance("USD"))).isEqualByComparingTo(total);
                assertThat(result.lastChargeDay()).isEqualTo(LAST_DAY);
                assertThat(result.firstChargeDay()).isEqualTo(LAST_DAY.minusDays(183));
                assertThat(result.tolerated()).isEmpty();
            }
        }
    }
}
