package dev.purser.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DailyRollupTest {

    private static final LocalDate OCT_5 = LocalDate.of(2026, 10, 5);
    private static final LocalDate NOV_1 = LocalDate.of(2026, 11, 1);

    private static List<String[]> encoded(DailyRollup rollup) {
        CopyText o = new CopyText(256);
        int[] rows = {0};
        rollup.encode(o, "focus", 9, () -> rows[0]++);
        List<String[]> lines = new ArrayList<>();
        for (String line : new String(o.drain(), StandardCharsets.UTF_8).split("\n")) {
            lines.add(line.split("\t", -1));
        }
        assertThat(rows[0]).as("afterRow runs once per row").isEqualTo(lines.size());
        return lines;
    }

    @Test
    void add_sameDayAndDimensions_sumsExactly() {
        DailyRollup rollup = new DailyRollup();

        rollup.add(Rows.charge("acct-1", OCT_5, "0.10"));
        rollup.add(Rows.charge("acct-1", OCT_5, "0.20"));
        rollup.add(Rows.charge("acct-1", OCT_5, "Droplets", "0.05", null, Map.of(), Map.of()));

        List<String[]> lines = encoded(rollup);
        assertThat(lines).hasSize(1);
        String[] row = lines.get(0);
        assertThat(row).hasSize(20);
        assertThat(row[0]).isEqualTo("2026-10-05");
        assertThat(row[2]).isEqualTo("2026-10-01");
        assertThat(row[14]).as("billed").isEqualTo("0.35");
        assertThat(row[16]).as("list").isEqualTo("0.30");
        assertThat(row[17]).as("rows without a list cost").isEqualTo("1");
        assertThat(row[18]).as("row count").isEqualTo("3");
        assertThat(row[19]).isEqualTo("9");
        assertThat(rollup.totals().get(Rows.USD)).isEqualByComparingTo("0.35");
    }

    @Test
    void add_envTagAndService_splitTheRollup() {
        DailyRollup rollup = new DailyRollup();

        rollup.add(Rows.charge("acct-1", OCT_5, "Droplets", "1", "1", Map.of("env", "prod"), Map.of()));
        rollup.add(Rows.charge("acct-1", OCT_5, "Droplets", "1", "1", Map.of("env", "staging"), Map.of()));
        rollup.add(Rows.charge("acct-1", OCT_5, "Spaces", "1", "1", Map.of("env", "prod"), Map.of()));

        assertThat(rollup.size()).isEqualTo(3);
        assertThat(encoded(rollup)).extracting(r -> r[13]).containsExactlyInAnyOrder("prod", "staging", "prod");
    }

    @Test
    void add_rowsOfTwoMonthsAndAccounts_recordCoverageAndDays() {
        DailyRollup rollup = new DailyRollup();

        rollup.add(Rows.charge("acct-1", NOV_1, "1"));
        rollup.add(Rows.charge("acct-2", OCT_5, "1"));
        rollup.add(Rows.charge("acct-1", OCT_5, "1"));

        assertThat(rollup.firstDay()).isEqualTo(OCT_5);
        assertThat(rollup.lastDay()).isEqualTo(NOV_1);
        assertThat(rollup.accounts()).containsExactly("acct-1", "acct-2");
        assertThat(rollup.periods()).containsExactly(NOV_1, LocalDate.of(2026, 10, 1));
        assertThat(rollup.coverage()).containsExactly(
                new DailyRollup.Coverage("acct-1", NOV_1),
                new DailyRollup.Coverage("acct-2", LocalDate.of(2026, 10, 1)),
                new DailyRollup.Coverage("acct-1", LocalDate.of(2026, 10, 1)));
    }

    @Test
    void encode_nothingAdded_writesNothing() {
        DailyRollup rollup = new DailyRollup();
        CopyText o = new CopyText(16);

        rollup.encode(o, "focus", 1, () -> { });

        assertThat(o.length()).isZero();
        assertThat(rollup.firstDay()).isNull();
    }
}
