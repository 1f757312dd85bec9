package dev.purser.core.cloud.prometheus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RangeQueryTest {

    private static final Duration FIVE_MINUTES = Duration.ofMinutes(5);

    @Test
    void stepFor_thirtyDays_keepsFiveMinutes() {
        assertThat(RangeQuery.stepFor(Duration.ofDays(30), FIVE_MINUTES)).isEqualTo(FIVE_MINUTES);
    }

    @Test
    void stepFor_longerWindows_raiseTheStepToFit() {
        assertThat(RangeQuery.stepFor(Duration.ofDays(60), FIVE_MINUTES)).isEqualTo(Duration.ofMinutes(10));
        assertThat(RangeQuery.stepFor(Duration.ofDays(90), FIVE_MINUTES)).isEqualTo(Duration.ofMinutes(15));
        assertThat(RangeQuery.stepFor(Duration.ofDays(365), FIVE_MINUTES)).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void stepFor_beyondTheLadder_stillFits() {
        Duration window = Duration.ofDays(365L * 40);
        Duration step = RangeQuery.stepFor(window, FIVE_MINUTES);

        assertThat(window.getSeconds() / step.getSeconds() + 1).isLessThanOrEqualTo(RangeQuery.MAX_POINTS_PER_SERIES);
    }

    @Test
    void stepFor_finerMinimum_usedForShortWindows() {
        assertThat(RangeQuery.stepFor(Duration.ofHours(1), Duration.ofSeconds(15))).isEqualTo(Duration.ofSeconds(15));
        assertThat(RangeQuery.stepFor(Duration.ofDays(30), Duration.ofSeconds(15))).isEqualTo(FIVE_MINUTES);
    }

    @Test
    void constructor_tooManyPoints_rejectedBeforeAskingPrometheus() {
        Instant start = Instant.parse("2026-01-01T00:00:00Z");

        assertThatThrownBy(() -> new RangeQuery("up", start, start.plus(Duration.ofDays(30)), Duration.ofMinutes(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("43201 points");
    }

    @Test
    void constructor_endBeforeStart_rejected() {
        Instant start = Instant.parse("2026-01-02T00:00:00Z");

        assertThatThrownBy(() -> new RangeQuery("up", start, start.minusSeconds(1), FIVE_MINUTES))
                .hasMessageContaining("end is before start");
    }
}
