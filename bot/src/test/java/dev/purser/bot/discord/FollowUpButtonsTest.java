package dev.purser.bot.discord;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.purser.commands.reply.FollowUp;
import dev.purser.commands.testing.MutableClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class FollowUpButtonsTest {

    private final MutableClock clock = MutableClock.at("2026-11-15T10:00:00Z");

    @Test
    void remember_longFollowUp_shortCustomId() {
        FollowUpButtons buttons = new FollowUpButtons(clock, Duration.ofHours(1), 10);
        FollowUp longOne = FollowUp.to("Patched", "rightsize").option("compose", "/x/".repeat(200)).build();

        String id = buttons.remember(longOne);

        assertThat(id).startsWith(FollowUpButtons.PREFIX).hasSizeLessThanOrEqualTo(DiscordLimits.CUSTOM_ID);
        assertThat(buttons.recall(id)).contains(longOne);
    }

    @Test
    void recall_afterTtl_empty() {
        FollowUpButtons buttons = new FollowUpButtons(clock, Duration.ofHours(1), 10);
        String id = buttons.remember(FollowUp.to("Costs", "cost").build());
        clock.advance(Duration.ofMinutes(59));
        assertThat(buttons.recall(id)).isPresent();
        clock.advance(Duration.ofMinutes(1));
        assertThat(buttons.recall(id)).isEmpty();
        assertThat(buttons.size()).isZero();
    }

    @Test
    void remember_overCapacity_oldestForgotten() {
        FollowUpButtons buttons = new FollowUpButtons(clock, Duration.ofHours(1), 2);
        String first = buttons.remember(FollowUp.to("1", "cost").build());
        String second = buttons.remember(FollowUp.to("2", "cost").build());
        String third = buttons.remember(FollowUp.to("3", "cost").build());
        assertThat(buttons.recall(first)).isEmpty();
        assertThat(buttons.recall(second)).isPresent();
        assertThat(buttons.recall(third)).isPresent();
    }

    @Test
    void recall_foreignOrUnknownId_empty() {
        FollowUpButtons buttons = new FollowUpButtons(clock, Duration.ofHours(1), 2);
        assertThat(buttons.recall("other-bot:1")).isEmpty();
        assertThat(buttons.recall(FollowUpButtons.PREFIX + "nope")).isEmpty();
        assertThat(buttons.recall(null)).isEmpty();
    }

    @Test
    void remember_idCollision_drawsAgain() {
        String[] ids = {"a", "a", "b"};
        int[] next = {0};
        FollowUpButtons buttons = new FollowUpButtons(clock, Duration.ofHours(1), 10, () -> ids[next[0]++]);
        assertThat(buttons.remember(FollowUp.to("1", "cost").build())).isEqualTo("purser:a");
        assertThat(buttons.remember(FollowUp.to("2", "cost").build())).isEqualTo("purser:b");
    }

    @Test
    void constructor_zeroTtl_rejected() {
        assertThatThrownBy(() -> new FollowUpButtons(clock, Duration.ZERO, 1))
                .hasMessage("button ttl must be positive: PT0S");
    }
}
