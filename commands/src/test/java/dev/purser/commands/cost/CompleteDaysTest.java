package dev.purser.commands.cost;

import static org.assertj.core.api.Assertions.assertThat;

import dev.purser.commands.reply.Reply;
import dev.purser.commands.testing.Fixtures;
import dev.purser.core.analysis.costs.CompleteDays;
import dev.purser.core.model.Period;
import dev.purser.core.model.Dimension;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One rule for "today": a period that runs to today is counted, for comparisons, through the last
 * complete day the data covers, and cost, movers and trend say so in the same words. Today in the
 * fixtures is 2026-11-15.
 */
class CompleteDaysTest {

    @TempDir
    Path imports;
    Fixtures fx;

    @BeforeEach
    void setUp() {
        fx = new Fixtures(imports);
        // $10 a day in October and November through yesterday (2026-11-14): the usual case
        for (LocalDate d = LocalDate.of(2026, 10, 1); d.isBefore(LocalDate.of(2026, 11, 15)); d = d.plusDays(1)) {
            fx.costs.charge(d.toString(), "Droplets", "10", "USD");
        }
    }

    private Reply run(String line) {
        Reply reply = fx.dispatcher.run(Fixtures.viewer(), "cli", line);
        assertThat(reply.error()).as("error").isNull();
        return reply;
    }

    @Test
    void mtd_dataThroughYesterday_comparesLikeWithLike_noPhantomDrop() {
        Reply reply = run("cost mtd");
        // 14 days against 14 days: unchanged, where counting through today showed a drop that does not exist
        assertThat(reply.summary()).startsWith("$140.00 in 2026-11-01..2026-11-14, unchanged on 2026-10-01..2026-10-14")
                .doesNotContain("down");
        assertThat(reply.notes()).contains(CompleteDays.note(LocalDate.of(2026, 11, 14)));
    }

    @Test
    void mtd_todaysRowsPresent_todayStillLeftOut() {
        fx.costs.charge("2026-11-15", "Droplets", "4", "USD"); // a partial day, still arriving
        assertThat(run("cost mtd").summary()).startsWith("$140.00 in 2026-11-01..2026-11-14");
    }

    @Test
    void mtd_billTwoDaysLate_endsOnTheLastDayWithData() {
        fx.costs.charge("2026-10-20", "Spaces", "1", "USD");
        Reply reply = run("cost mtd --where service=Droplets");
        assertThat(reply.summary()).startsWith("$140.00 in 2026-11-01..2026-11-14");
        FixturesLate late = new FixturesLate(imports);
        Reply behind = late.fx.dispatcher.run(Fixtures.viewer(), "cli", "cost mtd");
        assertThat(behind.summary()).startsWith("$130.00 in 2026-11-01..2026-11-13, unchanged on 2026-10-01..2026-10-13");
        assertThat(behind.notes()).contains(CompleteDays.note(LocalDate.of(2026, 11, 13)));
    }

    @Test
    void acrossAccounts_oneBillADayBehind_everyAccountCountedThroughThatDay_oneAccountThroughItsOwn() {
        Fixtures two = new Fixtures(imports);
        Dimension account = new Dimension(Dimension.Kind.BILLING_ACCOUNT, null);
        for (LocalDate d = LocalDate.of(2026, 10, 1); d.isBefore(LocalDate.of(2026, 11, 15)); d = d.plusDays(1)) {
            two.costs.charge(d.toString(), Map.of(account, "alpha", Dimension.SERVICE, "Droplets"), "10", "USD");
            if (d.isBefore(LocalDate.of(2026, 11, 14))) {
                two.costs.charge(d.toString(), Map.of(account, "beta", Dimension.SERVICE, "Droplets"), "5", "USD");
            }
        }
        // an account closed in September does not hold the others back
        two.costs.charge("2026-09-20", Map.of(account, "gamma", Dimension.SERVICE, "Spaces"), "1", "USD");

        Reply all = two.dispatcher.run(Fixtures.viewer(), "cli", "cost mtd");
        // 13 days of both bills against 13: counting alpha's 14th without beta's showed growth that is not there
        assertThat(all.summary()).startsWith("$195.00 in 2026-11-01..2026-11-13, unchanged on 2026-10-01..2026-10-13");
        assertThat(all.notes()).contains(CompleteDays.note(LocalDate.of(2026, 11, 13)))
                .anySatisfy(n -> assertThat(n).startsWith("beta's bill ends 2026-11-13, behind the other accounts "
                        + "(through 2026-11-14)"));
        Reply movers = two.dispatcher.run(Fixtures.viewer(), "cli", "movers mtd");
        assertThat(movers.notes()).contains(CompleteDays.note(LocalDate.of(2026, 11, 13)));

        Reply alpha = two.dispatcher.run(Fixtures.viewer(), "cli", "cost mtd --account alpha");
        assertThat(alpha.summary()).startsWith("$140.00 in 2026-11-01..2026-11-14, unchanged on 2026-10-01..2026-10-14");
        assertThat(alpha.notes()).contains(CompleteDays.note(LocalDate.of(2026, 11, 14)))
                .noneMatch(n -> n.contains("behind the other accounts"));
    }

    @Test
    void moversAndTrend_sameDayInTheSameWords() {
        String note = CompleteDays.note(LocalDate.of(2026, 11, 14));
        Reply movers = run("movers mtd");
        assertThat(movers.summary()).doesNotContain("2026-11-15");
        assertThat(movers.notes()).contains(note);
        Reply trend = run("trend 30d");
        assertThat(trend.notes()).contains(note);
        assertThat(trend.summary()).doesNotContain("2026-11-15");
    }

    @Test
    void closedPeriod_notClipped_noNote() {
        Reply reply = run("cost 2026-10");
        assertThat(reply.summary()).startsWith("$310.00 in 2026-10-01..2026-10-31");
        assertThat(reply.notes()).noneMatch(n -> n.startsWith("Counted through"));
    }

    @Test
    void clip_periodStartingAfterLastComplete_unchanged() {
        Period today = new Period(LocalDate.of(2026, 11, 15), LocalDate.of(2026, 11, 16), ZoneOffset.UTC);
        assertThat(CompleteDays.clip(today, LocalDate.of(2026, 11, 14))).isEqualTo(today);
        Period mtd = new Period(LocalDate.of(2026, 11, 1), LocalDate.of(2026, 11, 16), ZoneOffset.UTC);
        assertThat(CompleteDays.clip(mtd, LocalDate.of(2026, 11, 14)).lastDay()).isEqualTo(LocalDate.of(2026, 11, 14));
    }

    /** Fixtures whose bill stops two days before today (2026-11-13). */
    private static final class FixturesLate {
        final Fixtures fx;

        FixturesLate(Path imports) {
            fx = new Fixtures(imports);
            for (LocalDate d = LocalDate.of(2026, 10, 1); d.isBefore(LocalDate.of(2026, 11, 14)); d = d.plusDays(1)) {
                fx.costs.charge(d.toString(), "Droplets", "10", "USD");
            }
        }
    }
}
