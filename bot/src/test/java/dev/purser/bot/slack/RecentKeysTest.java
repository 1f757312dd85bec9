package dev.purser.bot.slack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.purser.commands.testing.MutableClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RecentKeysTest {

    private final MutableClock clock = MutableClock.at("2026-11-15T10:00:00Z");

    @Test
    void firstTime_repeatWithinWindow_false() {
        RecentKeys keys = new RecentKeys(clock, Duration.ofMinutes(10), 100);

        assertThat(keys.firstTime("t1")).isTrue();
        assertThat(keys.firstTime("t1")).isFalse();
        assertThat(keys.firstTime("t2")).isTrue();
    }

    @Test
    void firstTime_afterWindow_trueAgain() {
        RecentKeys keys = new RecentKeys(clock, Duration.ofMinutes(10), 100);
        keys.firstTime("t1");

        clock.set(clock.instant().plus(Duration.ofMinutes(11)));

        assertThat(keys.firstTime("t1")).isTrue();
    }

    @Test
    void firstTime_pastCapacity_oldestForgotten() {
        RecentKeys keys = new RecentKeys(clock, Duration.ofMinutes(10), 2);
        keys.firstTime("a");
        keys.firstTime("b");
        keys.firstTime("c");

        assertThat(keys.firstTime("c")).isFalse();
        assertThat(keys.firstTime("a")).isTrue();
    }
}
