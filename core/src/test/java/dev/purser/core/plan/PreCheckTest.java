package dev.purser.core.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** What a phase's pre-checks say they check, read back from the text approvers signed. */
class PreCheckTest {

    @Test
    void metricsInBand_asPlanBuilderWritesIt_metricsAndWindowReadBack() {
        PreCheck c = new PreCheck(PreCheck.Kind.METRICS_IN_BAND, "cpu_percent,memory_percent,connections within p5-p95 "
                + "of 14d");

        assertThat(c.metrics()).containsExactly("cpu_percent", "memory_percent", "connections");
        assertThat(c.window()).isEqualTo(Duration.ofDays(14));
    }

    @Test
    void backupNewerThan_isoParameter_maxAge() {
        assertThat(new PreCheck(PreCheck.Kind.BACKUP_NEWER_THAN, "PT24H").maxAge()).isEqualTo(Duration.ofHours(24));
    }

    @Test
    void metricsInBand_withoutWindow_saysWhatItNeeds() {
        PreCheck c = new PreCheck(PreCheck.Kind.METRICS_IN_BAND, "cpu_percent");

        assertThatThrownBy(c::window).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("needs '<metrics> within p5-p95 of <window>'");
    }

    @Test
    void metricsInBand_unreadableWindow_namesIt() {
        PreCheck c = new PreCheck(PreCheck.Kind.METRICS_IN_BAND, "cpu_percent within p5-p95 of two weeks");

        assertThatThrownBy(c::window).isInstanceOf(IllegalStateException.class).hasMessageContaining("'two weeks'");
    }

    @Test
    void maxAge_ofAnotherKind_refused() {
        assertThatThrownBy(() -> new PreCheck(PreCheck.Kind.NO_OTHER_PLAN_LOCK, "").maxAge())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("has no backup age");
    }

    @Test
    void durations_parse_readsWhatWordsWrites() {
        for (Duration d : new Duration[] {Duration.ofDays(14), Duration.ofHours(30), Duration.ofMinutes(90),
                Duration.ofSeconds(45), Duration.ofSeconds(3725)}) {
            assertThat(Durations.parse(Durations.words(d))).isEqualTo(d);
        }
        assertThat(Durations.parse("1d6h")).isEqualTo(Duration.ofHours(30));
    }

    @Test
    void durations_parse_notADuration_namesTheText() {
        assertThatThrownBy(() -> Durations.parse("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Durations.parse("14 days")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'14 days'");
    }
}
