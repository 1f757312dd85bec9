package dev.purser.core.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.purser.core.error.ErrorCode;
import dev.purser.core.error.PurserException;
import dev.purser.core.model.Period;
import dev.purser.core.query.PeriodParser;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PeriodParserTest {

    private static final ZoneId UTC = ZoneOffset.UTC;

    private static PeriodParser at(String instant, ZoneId zone) {
        return new PeriodParser(Clock.fixed(Instant.parse(instant), UTC), zone);
    }

    private static final PeriodParser NOV_23 = at("2026-11-23T10:00:00Z", UTC);

    @Test
    void parse_mtd_startsOnFirstAndIncludesToday() {
        Period p = NOV_23.parse("mtd");
        assertThat(p.start()).isEqualTo(LocalDate.of(2026, 11, 1));
        assertThat(p.lastDay()).isEqualTo(LocalDate.of(2026, 11, 23));
        assertThat(p.days()).isEqualTo(23);
    }

    @Test
    void parse_lastMonth_isWholeOctober() {
        Period p = NOV_23.parse("last-month");
        assertThat(p.label()).isEqualTo("2026-10-01..2026-10-31");
    }

    @Test
    void parse_lastMonthInJanuary_isPreviousDecember() {
        assertThat(at("2027-01-05T00:00:00Z", UTC).parse("last-month").label()).isEqualTo("2026-12-01..2026-12-31");
    }

    @Test
    void parse_30d_endsToday() {
        Period p = NOV_23.parse("30d");
        assertThat(p.days()).isEqualTo(30);
        assertThat(p.lastDay()).isEqualTo(LocalDate.of(2026, 11, 23));
    }

    @Test
    void parse_ytd_startsOnJanuaryFirst() {
        assertThat(NOV_23.parse("ytd").label()).isEqualTo("2026-01-01..2026-11-23");
    }

    @Test
    void parse_month_february_leapYear_has29Days() {
        assertThat(NOV_23.parse("2028-02").days()).isEqualTo(29);
        assertThat(NOV_23.parse("2026-02").days()).isEqualTo(28);
        assertThat(NOV_23.parse("2000-02").days()).isEqualTo(29);
        assertThat(NOV_23.parse("2100-02").days()).isEqualTo(28);
    }

    @Test
    void parse_range_isInclusive() {
        Period p = NOV_23.parse("2026-09-01..2026-09-30");
        assertThat(p.days()).isEqualTo(30);
        assertThat(p.isWholeMonths()).isTrue();
    }

    @Test
    void parse_month13_isBadArgumentNamingTheMonth() {
        assertThatThrownBy(() -> NOV_23.parse("2026-13"))
                .isInstanceOf(PurserException.class)
                .hasMessageContaining("2026-13")
                .hasMessageContaining("month 13")
                .extracting(e -> ((PurserException) e).code()).isEqualTo(ErrorCode.BAD_ARGUMENT);
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-02-30..2026-03-01", "2026-10-05..2026-10-01", "last-year-ish", "0d", "", "2026-1-1"})
    void parse_invalid_isBadArgumentListingForms(String text) {
        assertThatThrownBy(() -> NOV_23.parse(text))
                .isInstanceOf(PurserException.class)
                .hasMessageContaining("expected one of")
                .extracting(e -> ((PurserException) e).code()).isEqualTo(ErrorCode.BAD_ARGUMENT);
    }

    @Test
    void parse_today_dependsOnConfiguredZone() {
        // 2026-11-23T02:00Z is still the 22nd in New York.
        PeriodParser utc = at("2026-11-23T02:00:00Z", UTC);
        PeriodParser newYork = at("2026-11-23T02:00:00Z", ZoneId.of("America/New_York"));
        assertThat(utc.parse("today").start()).isEqualTo(LocalDate.of(2026, 11, 23));
        assertThat(newYork.parse("today").start()).isEqualTo(LocalDate.of(2026, 11, 22));
        assertThat(newYork.parse("mtd").startInstant()).isEqualTo(Instant.parse("2026-11-01T04:00:00Z"));
    }

    @Test
    void previous_ofMonth_isPreviousCalendarMonth() {
        assertThat(NOV_23.parse("2026-03").previous().label()).isEqualTo("2026-02-01..2026-02-28");
    }

    @Test
    void previous_ofMtd_isSameDaysOfPreviousMonth() {
        assertThat(NOV_23.parse("mtd").previous().label()).isEqualTo("2026-10-01..2026-10-23");
    }

    @Test
    void previous_ofMtdOn31st_clampsToShorterMonth() {
        assertThat(at("2026-03-31T12:00:00Z", UTC).parse("mtd").previous().label())
                .isEqualTo("2026-02-01..2026-02-28");
    }

    @Test
    void previous_ofDays_isSameLengthBefore() {
        Period p = NOV_23.parse("7d");
        assertThat(p.previous().days()).isEqualTo(7);
        assertThat(p.previous().endExclusive()).isEqualTo(p.start());
    }

    @Test
    void constructor_endBeforeStart_namesBothDays() {
        assertThatThrownBy(() -> new Period(LocalDate.of(2026, 10, 1), LocalDate.of(2026, 9, 30), UTC))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("period end is before start: 2026-10-01..2026-09-29");
    }
}
