package dev.purser.bot.discord;

import dev.purser.commands.render.Formats;
import dev.purser.commands.render.MarkdownRenderer;
import dev.purser.commands.reply.Chart;
import dev.purser.commands.reply.CodeBlock;
import dev.purser.commands.reply.Column;
import dev.purser.commands.reply.Figure;
import dev.purser.commands.reply.FollowUp;
import dev.purser.commands.reply.Reply;
import dev.purser.commands.reply.Table;
import dev.purser.core.error.ErrorCode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;
import net.dv8tion.jda.api.EmbedBuilder;
import net.dv8tion.jda.api.entities.MessageEmbed;

/**
 * A {@link Reply} as a Discord message: embeds (title, description, fields), chart PNGs as
 * attachments shown in their embeds, and one button per follow-up.
 *
 * <p>Layout: the first embed holds the title, the summary, the key figures as inline fields, the
 * notes and the follow-ups' command lines; each table and each code block gets an embed whose
 * description is a monospaced block; each chart an embed showing its attachment. Errors are one
 * red embed whose footer carries the code and the reference id.
 *
 * <p>Limits: the full layout is built first and checked against Discord's limits (6,000
 * characters across embeds, 10 embeds, 25 fields, 4,096 per description, 1,024 per field, 256 per
 * title). When it does not fit, the reply is summarised instead: the first embed alone (its
 * notes clipped), the charts, and the whole answer as a Markdown file, named in the summary. A
 * long answer never loses rows silently; it moves to the file.
 *
 * <p>Buttons: a follow-up's {@code custom_id} is a short id from {@link ButtonIds}, never the
 * follow-up itself, because Discord allows 100 characters and a command line can be longer.
 */
public final class DiscordReplyRenderer {

    /** Gives each follow-up the custom id its button carries. */
    @FunctionalInterface
    public interface ButtonIds {
        String idFor(FollowUp followUp);
    }

    static final int COLOR = 0x5865F2;
    static final int ERROR_COLOR = 0xED4245;
    static final int MAX_CHARTS = DiscordLimits.ATTACHMENTS - 1;
    static final int SUMMARY_CLIP = 2000;

    private final Function<Chart, byte[]> rasterizer;
    private final MarkdownRenderer markdown = new MarkdownRenderer();

    /** @param rasterizer draws a chart as PNG: {@code ChartRasterizer::png}, or a stand-in in tests */
    public DiscordReplyRenderer(Function<Chart, byte[]> rasterizer) {
        this.rasterizer = Objects.requireNonNull(rasterizer, "rasterizer");
    }

    public DiscordMessage render(Reply reply, ButtonIds ids) {
        if (reply.isError()) {
            return new DiscordMessage(List.of(error(reply)), List.of(), List.of());
        }
        List<DiscordMessage.ButtonSpec> buttons = buttons(reply, ids);
        List<DiscordMessage.Attachment> charts = new ArrayList<>();
        List<MessageEmbed> chartEmbeds = new ArrayList<>();
        for (Chart chart : reply.charts().subList(0, Math.min(reply.charts().size(), MAX_CHARTS))) {
            String file = fileName(chart.key(), "png");
            charts.add(new DiscordMessage.Attachment(file, rasterizer.apply(chart)));
            chartEmbeds.add(new EmbedBuilder().setColor(COLOR).setTitle(clip(chart.title(), DiscordLimits.TITLE))
                    .setDescription(clip(chart.altText(), DiscordLimits.DESCRIPTION_TEXT))
                    .setImage("attachment://" + file).build());
        }
        List<MessageEmbed> full = full(reply, chartEmbeds, charts.size() < reply.charts().size());
        if (full != null) {
            return new DiscordMessage(full, buttons, charts);
        }
        String fileName = fileName("purser-" + reply.command(), "md");
        List<MessageEmbed> summary = new ArrayList<>();
        summary.add(main(reply, "The whole answer did not fit in Discord's message limits: it is attached as `"
                + fileName + "`.", true));
        // charts only while they fit beside the summary
        int length = summary.get(0).getLength();
        for (MessageEmbed e : chartEmbeds) {
            if (length + e.getLength() > DiscordLimits.EMBEDS_TOTAL) {
                break;
            }
            summary.add(e);
            length += e.getLength();
        }
        List<DiscordMessage.Attachment> files = new ArrayList<>(charts.subList(0, summary.size() - 1));
        files.add(new DiscordMessage.Attachment(fileName, markdown.render(reply).getBytes(StandardCharsets.UTF_8)));
        return new DiscordMessage(summary, buttons, files);
    }

    // The whole reply as embeds, or null when it breaks one of Discord's limits.
    private List<MessageEmbed> full(Reply reply, List<MessageEmbed> chartEmbeds, boolean chartsDropped) {
        if (reply.figures().size() + 2 > DiscordLimits.FIELDS || chartsDropped) {
            return null;
        }
        MessageEmbed main = main(reply, "", false);
        if (main == null) {
            return null;
        }
        List<MessageEmbed> embeds = new ArrayList<>();
        embeds.add(main);
        for (Table t : reply.tables()) {
            String block = "```\n" + monospace(t) + "```";
            if (block.length() > DiscordLimits.DESCRIPTION_TEXT) {
                return null;
            }
            embeds.add(new EmbedBuilder().setColor(COLOR).setTitle(clipTitle(t.title(), "Table"))
                    .setDescription(block).build());
        }
        for (CodeBlock c : reply.codeBlocks()) {
            String block = Formats.fenced(c);
            if (block.length() > DiscordLimits.DESCRIPTION_TEXT) {
                return null;
            }
            embeds.add(new EmbedBuilder().setColor(COLOR).setTitle(clipTitle(c.title(), c.key()))
                    .setDescription(block).build());
        }
        embeds.addAll(chartEmbeds);
        int total = embeds.stream().mapToInt(MessageEmbed::getLength).sum();
        if (embeds.size() > DiscordLimits.EMBEDS || total > DiscordLimits.EMBEDS_TOTAL) {
            return null;
        }
        return embeds;
    }

    /**
     * The first embed. With {@code clip} false it returns null when a part does not fit; with
     * {@code clip} true it shortens what does not fit (the summary form, whose full text is attached).
     */
    private MessageEmbed main(Reply reply, String attachedNote, boolean clip) {
        EmbedBuilder e = new EmbedBuilder().setColor(COLOR).setTitle(clipTitle(reply.title(), reply.command()));
        String description = reply.summary().strip();
        if (!attachedNote.isEmpty()) {
            description = description.isEmpty() ? attachedNote : description + "\n\n" + attachedNote;
        }
        if (description.length() > (clip ? SUMMARY_CLIP + attachedNote.length() + 2 : DiscordLimits.DESCRIPTION_TEXT)) {
            if (!clip) {
                return null;
            }
            // half the description at most, so figures, notes and the follow-ups still fit in 6,000
            description = clip(reply.summary().strip(), SUMMARY_CLIP) + "\n\n" + attachedNote;
        }
        if (!description.isEmpty()) {
            e.setDescription(description);
        }
        int figures = 0;
        for (Figure f : reply.figures()) {
            if (figures++ >= DiscordLimits.FIELDS - 2) {
                break;
            }
            e.addField(clip(f.label(), DiscordLimits.FIELD_NAME), clip(orDash(Formats.figure(f.value())),
                    DiscordLimits.FIELD_VALUE), true);
        }
        if (!reply.notes().isEmpty()) {
            String notes = bullets(reply.notes());
            if (notes.length() > DiscordLimits.FIELD_VALUE && !clip) {
                return null;
            }
            e.addField("Notes", clip(notes, DiscordLimits.FIELD_VALUE), false);
        }
        if (!reply.followUps().isEmpty()) {
            List<String> lines = new ArrayList<>();
            for (FollowUp f : reply.followUps()) {
                lines.add("`/purser " + f.commandLine() + "`");
            }
            String next = String.join("\n", lines);
            if (next.length() > DiscordLimits.FIELD_VALUE && !clip) {
                return null;
            }
            e.addField("Next", clip(next, DiscordLimits.FIELD_VALUE), false);
        }
        reply.requestId().ifPresent(id -> e.setFooter(clip("request " + id, DiscordLimits.FOOTER)));
        return e.build();
    }

    private static MessageEmbed error(Reply reply) {
        Reply.ErrorInfo error = reply.error();
        String title = error.code() == ErrorCode.FORBIDDEN ? "Not allowed" : "Error";
        String footer = error.code().name() + (error.referenceId() == null ? "" : " · ref " + error.referenceId());
        return new EmbedBuilder().setColor(ERROR_COLOR).setTitle(title)
                .setDescription(clip(error.message(), DiscordLimits.DESCRIPTION_TEXT))
                .setFooter(clip(footer, DiscordLimits.FOOTER)).build();
    }

    private static List<DiscordMessage.ButtonSpec> buttons(Reply reply, ButtonIds ids) {
        List<DiscordMessage.ButtonSpec> buttons = new ArrayList<>();
        int max = DiscordLimits.ROWS * DiscordLimits.BUTTONS_PER_ROW;
        for (FollowUp f : reply.followUps().subList(0, Math.min(max, reply.followUps().size()))) {
            String label = f.label().isBlank() ? f.commandLine() : f.label();
            buttons.add(new DiscordMessage.ButtonSpec(ids.idFor(f), clip(label, DiscordLimits.BUTTON_LABEL)));
        }
        return buttons;
    }

    /** A table as aligned monospaced text: numbers right-aligned, the footer under a rule. */
    static String monospace(Table table) {
        List<List<String>> cells = Formats.cells(table);
        List<Column> columns = table.columns();
        int[] width = new int[columns.size()];
        for (int c = 0; c < columns.size(); c++) {
            width[c] = columns.get(c).label().length();
            for (List<String> row : cells) {
                width[c] = Math.max(width[c], row.get(c).length());
            }
        }
        StringBuilder b = new StringBuilder();
        line(b, columns.stream().map(Column::label).toList(), columns, width);
        int rows = table.rows().size();
        for (int r = 0; r < cells.size(); r++) {
            if (r == rows) {
                int all = 0;
                for (int w : width) {
                    all += w;
                }
                b.append("-".repeat(all + 2 * (width.length - 1))).append('\n');
            }
            line(b, cells.get(r), columns, width);
        }
        return b.toString();
    }

    private static void line(StringBuilder b, List<String> cells, List<Column> columns, int[] width) {
        StringBuilder l = new StringBuilder();
        for (int c = 0; c < cells.size(); c++) {
            if (c > 0) {
                l.append("  ");
            }
            String cell = cells.get(c).replace("`", "'");
            String pad = " ".repeat(width[c] - cell.length());
            l.append(Formats.isNumeric(columns.get(c).type()) ? pad + cell : cell + pad);
        }
        b.append(l.toString().stripTrailing()).append('\n');
    }

    private static String bullets(List<String> lines) {
        StringBuilder b = new StringBuilder();
        for (String line : lines) {
            if (b.length() > 0) {
                b.append('\n');
            }
            b.append("• ").append(line);
        }
        return b.toString();
    }

    private static String clipTitle(String title, String fallback) {
        return clip(title.isBlank() ? fallback : title, DiscordLimits.TITLE);
    }

    private static String orDash(String text) {
        return text.isBlank() ? "–" : text;
    }

    static String clip(String text, int max) {
        return text.length() <= max ? text : text.substring(0, Math.max(0, max - 1)) + "…";
    }

    /** A file name Discord shows and embeds reference: letters, digits, dots, dashes and underscores. */
    static String fileName(String base, String extension) {
        String safe = base.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]", "_");
        String name = safe.isEmpty() ? "purser" : safe;
        return (name.length() > 60 ? name.substring(0, 60) : name) + "." + extension;
    }
}
