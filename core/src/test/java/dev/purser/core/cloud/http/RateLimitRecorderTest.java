package dev.purser.core.cloud.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RateLimitRecorderTest {

    private static final Instant T = Instant.parse("2026-11-20T10:00:00Z");

    @Test
    void record_sameProviderAndType_keepsTheLatest() {
        RateLimitRecorder recorder = new RateLimitRecorder();
        recorder.record(new RateLimitState("DigitalOcean", "requests_per_hour", 4000, 5000, null, T));
        recorder.record(new RateLimitState("DigitalOcean", "requests_per_hour", 4100, 5000, null, T.plusSeconds(1)));
        recorder.record(new RateLimitState("AWS", "ce_requests_per_second", 4, 5, null, T));

        assertThat(recorder.latest("DigitalOcean", "requests_per_hour").orElseThrow().remaining()).isEqualTo(4100);
        assertThat(recorder.snapshot()).extracting(RateLimitState::provider).containsExactly("AWS", "DigitalOcean");
        assertThat(recorder.latest("DigitalOcean", "burst")).isEmpty();
    }

    @Test
    void state_negativeRemaining_isRejected() {
        assertThatThrownBy(() -> new RateLimitState("DigitalOcean", "requests_per_hour", -1, 5000, null, T))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("remaining");
    }

    @Test
    void settings_backoffCapBelowInitial_isRejected() {
        assertThatThrownBy(() -> new HttpSettings(Duration.ofSeconds(1), Duration.ofSeconds(1), 3,
                Duration.ofSeconds(5), Duration.ofSeconds(1), Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxBackoff");
        assertThatThrownBy(() -> HttpSettings.defaults().withMaxAttempts(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxAttempts");
    }
}
