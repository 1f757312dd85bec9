package dev.purser.core.analysis.costs;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The one rule for where a question that runs to today stops counting. Today is 2026-12-06. */
class CompleteDaysTest {

    static final LocalDate TODAY = LocalDate.of(2026, 12, 6);

    @Test
    void rule_everyBillThroughYesterday_yesterday() {
        assertThat(CompleteDays.rule(Map.of("a", TODAY.minusDays(1), "b", TODAY.minusDays(1)), TODAY))
                .isEqualTo(LocalDate.of(2026, 12, 5));
    }

    @Test
    void rule_todaysRowsPresent_stillYesterday() {
        assertThat(CompleteDays.rule(Map.of("a", TODAY), TODAY)).isEqualTo(LocalDate.of(2026, 12, 5));
    }

    @Test
    void rule_oneBillTwoDaysBehind_theEarliestOfTheBilledAccounts() {
        assertThat(CompleteDays.rule(Map.of("a", TODAY, "b", LocalDate.of(2026, 12, 3)), TODAY))
                .isEqualTo(LocalDate.of(2026, 12, 3));
    }

    @Test
    void rule_accountSilentLongerThanTheLookBack_doesNotHoldTheOthersBack() {
        assertThat(CompleteDays.rule(Map.of("a", LocalDate.of(2026, 12, 5), "closed", LocalDate.of(2026, 12, 1)),
                TODAY)).isEqualTo(LocalDate.of(2026, 12, 5));
        assertThat(CompleteDays.rule(Map.of("a", LocalDate.of(2026, 12, 5), "late", LocalDate.of(2026, 12, 2)),
                TODAY)).as("four days back is still looked at").isEqualTo(LocalDate.of(2026, 12, 2));
    }

    @Test
    void rule_noBillInTheLookBack_yesterday() {
        assertThat(CompleteDays.rule(Map.of(), TODAY)).isEqualTo(LocalDate.of(2026, 12, 5));
    }

    @Test
    void behindNote_namesTheAccountsBehind_nullWhenAllAgree() {
        CompleteDays.Counted counted = new CompleteDays.Counted(LocalDate.of(2026, 12, 4),
                Map.of("alpha", LocalDate.of(2026, 12, 5), "beta", LocalDate.of(2026, 12, 4)));
        assertThat(counted.behindNote()).isEqualTo("beta's bill ends 2026-12-04, behind the other accounts (through "
                + "2026-12-05): every account is counted through 2026-12-04 so none is compared as if it had spent "
                + "nothing.");
        assertThat(new CompleteDays.Counted(LocalDate.of(2026, 12, 5), Map.of("alpha", LocalDate.of(2026, 12, 5)))
                .behindNote()).isNull();
    }
}
