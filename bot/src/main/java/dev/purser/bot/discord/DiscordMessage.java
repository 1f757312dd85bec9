package dev.purser.bot.discord;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import net.dv8tion.jda.api.components.actionrow.ActionRow;
import net.dv8tion.jda.api.components.buttons.Button;
import net.dv8tion.jda.api.entities.MessageEmbed;
import net.dv8tion.jda.api.utils.FileUpload;
import net.dv8tion.jda.api.utils.messages.MessageCreateBuilder;
import net.dv8tion.jda.api.utils.messages.MessageCreateData;
import net.dv8tion.jda.api.utils.messages.MessageEditBuilder;
import net.dv8tion.jda.api.utils.messages.MessageEditData;

/**
 * One Discord message as the renderer made it: embeds built with JDA's {@code EmbedBuilder}
 * (which enforces the per-embed limits itself), follow-up buttons, and files. Kept as data until
 * it is sent, so tests and golden files read exactly what would go out.
 *
 * @param buttons at most 25, laid out five to a row
 * @param files   chart PNGs and, for a long answer, its full text
 */
public record DiscordMessage(List<MessageEmbed> embeds, List<ButtonSpec> buttons, List<Attachment> files) {

    /** A follow-up button: what it says and the short id under which its follow-up is kept. */
    public record ButtonSpec(String customId, String label) {
        public ButtonSpec {
            Objects.requireNonNull(customId, "customId");
            Objects.requireNonNull(label, "label");
            if (customId.isEmpty() || customId.length() > DiscordLimits.CUSTOM_ID) {
                throw new IllegalArgumentException("custom id must be 1 to 100 characters: " + customId.length());
            }
        }
    }

    /** A file sent with the message, referenced from an embed as {@code attachment://name}. */
    public record Attachment(String name, byte[] bytes) {
        public Attachment {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(bytes, "bytes");
        }
    }

    public DiscordMessage {
        embeds = List.copyOf(embeds);
        buttons = List.copyOf(buttons);
        files = List.copyOf(files);
        if (embeds.size() > DiscordLimits.EMBEDS) {
            throw new IllegalArgumentException("a message holds at most 10 embeds, got " + embeds.size());
        }
        if (buttons.size() > DiscordLimits.ROWS * DiscordLimits.BUTTONS_PER_ROW) {
            throw new IllegalArgumentException("a message holds at most 25 buttons, got " + buttons.size());
        }
        if (files.size() > DiscordLimits.ATTACHMENTS) {
            throw new IllegalArgumentException("a message holds at most 10 files, got " + files.size());
        }
    }

    /** Characters across the embeds, as Discord counts them against its 6,000. */
    public int embedLength() {
        return embeds.stream().mapToInt(MessageEmbed::getLength).sum();
    }

    /** The rows of buttons, five to a row. */
    public List<ActionRow> rows() {
        List<Button> all = new ArrayList<>();
        for (ButtonSpec b : buttons) {
            all.add(Button.secondary(b.customId(), b.label()));
        }
        return all.isEmpty() ? List.of() : ActionRow.partitionOf(all);
    }

    /** What replaces a deferred reply's "thinking…" through the interaction hook. */
    public MessageEditData toEditData() {
        return new MessageEditBuilder().setEmbeds(embeds).setComponents(rows()).setFiles(uploads())
                .setReplace(true).build();
    }

    /** A new message (an ephemeral follow-up, or the answer to a button click). */
    public MessageCreateData toCreateData() {
        return new MessageCreateBuilder().setEmbeds(embeds).setComponents(rows()).setFiles(uploads()).build();
    }

    private List<FileUpload> uploads() {
        List<FileUpload> uploads = new ArrayList<>();
        for (Attachment a : files) {
            uploads.add(FileUpload.fromData(a.bytes(), a.name()));
        }
        return uploads;
    }
}
