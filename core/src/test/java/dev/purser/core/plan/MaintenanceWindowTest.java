package dev.purser.core.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.purser.core.error.ErrorCode;
import dev.purser.core.error.PurserException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class MaintenanceWindowTest {

    @Test
    void parse_dayTimesAndZone() {
        MaintenanceWindow w = MaintenanceWindow.parse("Sat 02:00-04:00 Europe/Berlin", ZoneOffset.UTC);
        assertThat(w.canonical()).isEqualTo("Sat 02:00-04:00 Europe/Berlin");
        assertThat(w.length()).isEqualTo(Duration.ofHours(2));
        assertThat(MaintenanceWindow.parse("saturday 2:00 - 4:00", ZoneOffset.UTC).canonical())
                .isEqualTo("Sat 02:00-04:00 Z");
    }

    @Test
    void next_isTheComingSaturdayInBerlinTime() {
        MaintenanceWindow w = MaintenanceWindow.parse("Sat 02:00-04:00 Europe/Berlin", ZoneOffset.UTC);
        WindowSlot slot = w.next(Instant.parse("2026-11-22T12:00:00Z"));
        // Berlin is UTC+1 in winter
        assertThat(slot.start()).isEqualTo(Instant.parse("2026-11-28T01:00:00Z"));
        assertThat(slot.end()).isEqualTo(Instant.parse("2026-11-28T03:00:00Z"));
        assertThat(slot.label()).isEqualTo("Sat 2026-11-28 02:00-04:00 Europe/Berlin");
    }

    @Test
    void next_keepsLocalHoursAcrossSummerTime() {
        MaintenanceWindow w = MaintenanceWindow.parse("Sat 02:00-04:00 Europe/Berlin", ZoneOffset.UTC);
        assertThat(w.next(Instant.parse("2026-04-01T00:00:00Z")).start()).isEqualTo(Instant.parse("2026-04-04T00:00:00Z"));
    }

    @Test
    void next_windowPastMidnightEndsNextDay() {
        MaintenanceWindow w = MaintenanceWindow.parse("daily 23:00-01:00 UTC", ZoneOffset.UTC);
        WindowSlot slot = w.next(Instant.parse("2026-11-22T23:30:00Z"));
        assertThat(slot.start()).isEqualTo(Instant.parse("2026-11-23T23:00:00Z"));
        assertThat(slot.end()).isEqualTo(Instant.parse("2026-11-24T01:00:00Z"));
    }

    @Test
    void parse_badZone_namesIt() {
        assertThatThrownBy(() -> MaintenanceWindow.parse("Sat 02:00-04:00 Mars/Olympus", ZoneOffset.UTC))
                .isInstanceOf(PurserException.class).hasMessageContaining("Mars/Olympus")
                .extracting(e -> ((PurserException) e).code()).isEqualTo(ErrorCode.BAD_ARGUMENT);
    }

    @Test
    void parse_noDay_isRefused() {
        assertThatThrownBy(() -> MaintenanceWindow.parse("02:00-04:00", ZoneOffset.UTC))
                .hasMessageContaining("Sat 02:00-04:00 Europe/Berlin");
        assertThatThrownBy(() -> MaintenanceWindow.parse("Sat 25:00-26:00", ZoneOffset.UTC))
                .hasMessageContaining("not a time of day");
        assertThatThrownBy(() -> MaintenanceWindow.parse("Sat 02:00-02:00", ZoneOffset.UTC))
                .hasMessageContaining("starts and ends");
    }
}
