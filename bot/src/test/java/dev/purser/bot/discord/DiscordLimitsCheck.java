package dev.purser.bot.discord;

import static org.assertj.core.api.Assertions.assertThat;

import net.dv8tion.jda.api.entities.MessageEmbed;

/** Discord's message limits, asserted on a rendered message; shared by the renderer and parity tests. */
final class DiscordLimitsCheck {

    private DiscordLimitsCheck() {
    }

    static void assertWithin(DiscordMessage message) {
        assertThat(message.limitViolations()).isEmpty();
        assertThat(message.embeds()).hasSizeLessThanOrEqualTo(DiscordLimits.EMBEDS);
        assertThat(message.embedLength()).as("characters across embeds").isLessThanOrEqualTo(DiscordLimits.EMBEDS_TOTAL);
        for (MessageEmbed e : message.embeds()) {
            assertThat(e.isSendable()).as("embed %s sendable", e.getTitle()).isTrue();
            if (e.getTitle() != null) {
                assertThat(e.getTitle()).hasSizeLessThanOrEqualTo(DiscordLimits.TITLE);
            }
            if (e.getDescription() != null) {
                assertThat(e.getDescription()).hasSizeLessThanOrEqualTo(DiscordLimits.DESCRIPTION_TEXT);
            }
            assertThat(e.getFields()).hasSizeLessThanOrEqualTo(DiscordLimits.FIELDS);
            for (MessageEmbed.Field f : e.getFields()) {
                assertThat(f.getName()).hasSizeLessThanOrEqualTo(DiscordLimits.FIELD_NAME);
                assertThat(f.getValue()).hasSizeLessThanOrEqualTo(DiscordLimits.FIELD_VALUE);
            }
        }
        assertThat(message.rows()).hasSizeLessThanOrEqualTo(DiscordLimits.ROWS);
        for (DiscordMessage.ButtonSpec b : message.buttons()) {
            assertThat(b.customId()).hasSizeBetween(1, DiscordLimits.CUSTOM_ID);
            assertThat(b.label()).hasSizeBetween(1, DiscordLimits.BUTTON_LABEL);
        }
        assertThat(message.files()).hasSizeLessThanOrEqualTo(DiscordLimits.ATTACHMENTS);
    }
}
