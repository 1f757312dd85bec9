package dev.purser.core.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.purser.core.audit.AuditEntry;
import dev.purser.core.audit.AuditEvent;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The pure parts of a phase note: which entries are moves, durations and units as people read them. */
class PhaseMoveNotesTest {

    private static AuditEntry entry(String kind, Map<String, String> details) {
        return new AuditEntry(7, Instant.parse("2026-12-10T02:14:00Z"), AuditEvent.of(kind, "plan:1", "purser", details),
                "0".repeat(64), "1".repeat(64));
    }

    @Test
    void isMove_phaseTransition_true_runnerStepsAndPlanMoves_false() {
        assertThat(PhaseMoveNotes.isMove(entry("phase.rolled_back", Map.of("from", "running", "to", "rolled_back",
                "phase", "3")))).isTrue();
        assertThat(PhaseMoveNotes.isMove(entry("phase.breach", Map.of("trigger", "query_p95_ms above 1.5x baseline",
                "limit", "60.0")))).isFalse();
        assertThat(PhaseMoveNotes.isMove(entry("plan.rolled_back", Map.of("from", "running", "to", "rolled_back"))))
                .isFalse();
        assertThat(PhaseMoveNotes.isMove(entry("phase.exploded", Map.of("from", "running", "to", "exploded",
                "phase", "1")))).as("a state the table does not know").isFalse();
    }

    @Test
    void durations_isoInTriggerText_readAsPlansWriteThem() {
        assertThat(PhaseMoveNotes.durations("query_p95_ms above 1.5x baseline for PT10M"))
                .isEqualTo("query_p95_ms above 1.5x baseline for 10m");
        assertThat(PhaseMoveNotes.durations("cpu_percent above 80 for PT1H30M")).isEqualTo("cpu_percent above 80 for 1h30m");
        assertThat(PhaseMoveNotes.durations("no duration here")).isEqualTo("no duration here");
        assertThat(PhaseMoveNotes.durations(null)).isEmpty();
    }

    @Test
    void withUnit_fromTheMetricsName() {
        assertThat(PhaseMoveNotes.withUnit("40.0", "query_p95_ms")).isEqualTo("40.0 ms");
        assertThat(PhaseMoveNotes.withUnit("81.2", "cpu_percent")).isEqualTo("81.2 %");
        assertThat(PhaseMoveNotes.withUnit("6", "connection_errors")).isEqualTo("6");
        assertThat(PhaseMoveNotes.withUnit(null, "cpu_percent")).isEqualTo("?");
    }
}
