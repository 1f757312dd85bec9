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

    /**
     * What in this message Discord would refuse, one sentence each; empty when it may be sent.
     * The renderer never produces a violation; the check is for tests and for a face's own guard.
     */
    public List<String> limitViolations() {
        List<String> out = new ArrayList<>();
        if (embedLength() > DiscordLimits.EMBEDS_TOTAL) {
            out.add("embeds hold " + embedLength() + " characters, more than 6000");
        }
        for (MessageEmbed e : embeds) {
            String name = "embed '" + e.getTitle() + "'";
            if (e.getTitle() != null && e.getTitle().length() > DiscordLimits.TITLE) {
                out.add(name + ": title over 256 characters");
            }
            if (e.getDescription() != null && e.getDescription().length() > DiscordLimits.DESCRIPTION_TEXT) {
                out.add(name + ": description over 4096 characters");
            }
            if (e.getFields().size() > DiscordLimits.FIELDS) {
                out.add(name + ": more than 25 fields");
            }
            for (MessageEmbed.Field f : e.getFields()) {
                if (f.getName() == null || f.getName().length() > DiscordLimits.FIELD_NAME
                        || f.getValue() == null || f.getValue().length() > DiscordLimits.FIELD_VALUE) {
                    out.add(name + ": field '" + f.getName() + "' over 256/1024 characters");
                }
            }
            if (!e.isSendable()) {
                out.add(name + ": not sendable");
            }
        }
        for (ButtonSpec b : buttons) {
            if (b.label().isEmpty() || b.label().length() > DiscordLimits.BUTTON_LABEL) {
                out.add("button '" + b.label() + "': label not 1 to 80 characters");
            }
        }
        return out;
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
