package dev.purser.bot.slack;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.purser.commands.reply.Chart;
import dev.purser.commands.reply.CodeBlock;
import dev.purser.commands.reply.Figure;
import dev.purser.commands.reply.FollowUp;
import dev.purser.commands.reply.Reply;
import dev.purser.commands.reply.Table;
import dev.purser.commands.render.Formats;
import dev.purser.commands.render.ReplyRenderer;
import dev.purser.commands.render.TextRenderer;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Block Kit for a reply: a header, the summary, key figures as fields, each table as an aligned
 * monospace block (Slack has no table block, and proportional text misaligns columns), code
 * blocks verbatim, charts by their alt text (the picture itself is uploaded beside the answer),
 * notes as context, follow-ups as buttons.
 *
 * <p>Limits: Slack refuses a message of more than 50 blocks, a section text over 3,000
 * characters, an id over 255, and a message whose blocks total about 13,000 characters
 * ({@code msg_blocks_too_long}). A table or code block too long for one section is cut at a line
 * with a word saying how much is left out; a reply still too big keeps its header, summary,
 * figures, notes and buttons and points to the full answer, which the face attaches as a file.
 * Either way {@link SlackMessage#summarised()} tells the face to attach it.
 */
public final class SlackReplyRenderer implements ReplyRenderer {

    /** Slack's limit on blocks in one message. */
    public static final int MAX_BLOCKS = 50;
    /** Slack's limit on a section's text. */
    public static final int MAX_SECTION_TEXT = 3000;
    /** Slack's limit on {@code action_id} and {@code block_id}. */
    public static final int MAX_ID = 255;
    /**
     * What the serialised blocks may total. Slack's own ceiling is undocumented and measured near
     * 13,000 characters; this leaves room for the escaping Slack applies on its side.
     */
    public static final int MAX_BLOCKS_CHARS = 12_000;
    /** The prefix of every follow-up button's {@code action_id}; the face's action handler matches it. */
    public static final String FOLLOW_UP_ACTION = "purser.followup.";

    private static final int MAX_HEADER = 150;
    private static final int MAX_FIELDS = 10;
    // Figures and chart lines past these would crowd out the rest of the 50 blocks; the attached
    // text has them all.
    private static final int MAX_FIELD_SECTIONS = 5;
    private static final int MAX_CHART_LINES = 10;
    private static final int MAX_FIELD_TEXT = 2000;
    private static final int MAX_BUTTON_TEXT = 75;
    private static final int MAX_BUTTON_VALUE = 2000;
    private static final int MAX_BUTTONS = 25;
    private static final int MAX_CONTEXT_TEXT = 2000;
    private static final int MAX_FALLBACK_TEXT = 3000;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /**
     * A rendered message.
     *
     * @param text       the notification and screen-reader text Slack shows where blocks are not
     * @param blocks     the Block Kit blocks, within Slack's limits
     * @param summarised true when something was cut or left out: attach the full answer as a file
     */
    public record SlackMessage(String text, ArrayNode blocks, boolean summarised) {

        /** The body for {@code response_url} or {@code chat.postMessage}'s blocks. */
        public ObjectNode payload(String responseType) {
            ObjectNode body = NODES.objectNode();
            body.put("response_type", responseType);
            body.put("text", text);
            body.set("blocks", blocks);
            return body;
        }

        public String blocksJson() {
            return blocks.toString();
        }
    }

    /** The message as pretty JSON ({@code text} and {@code blocks}): what golden files pin. */
    @Override
    public String render(Reply reply) {
        SlackMessage message = message(reply);
        ObjectNode body = NODES.objectNode();
        body.put("text", message.text());
        body.put("summarised", message.summarised());
        body.set("blocks", message.blocks());
        try {
            return JSON.writeValueAsString(body) + "\n";
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The reply as Block Kit within Slack's limits. */
    public SlackMessage message(Reply reply) {
        String text = fallbackText(reply);
        if (reply.isError()) {
            return new SlackMessage(text, error(reply), false);
        }
        boolean[] cut = {reply.figures().size() > MAX_FIELDS * MAX_FIELD_SECTIONS};
        ArrayNode full = NODES.arrayNode();
        head(full, reply);
        for (Table table : reply.tables()) {
            full.add(section(bounded("*" + escape(table.title().isEmpty() ? table.key() : table.title()) + "*",
                    tableText(table), "rows", cut)));
        }
        for (CodeBlock block : reply.codeBlocks()) {
            full.add(section(bounded("*" + escape(block.title().isEmpty() ? block.key() : block.title()) + "*",
                    block.text(), "lines", cut)));
        }
        tail(full, reply, reply.notes().size());
        if (fits(full)) {
            return new SlackMessage(text, full, cut[0]);
        }
        // The short form: the head, a pointer to the attached file, then as many notes as fit
        // (the file has them all) and the buttons.
        for (int notes = reply.notes().size(); ; notes--) {
            ArrayNode shortForm = NODES.arrayNode();
            head(shortForm, reply);
            shortForm.add(section(":page_facing_up: This answer is too long for one Slack message;"
                    + " the full answer is in the attached file."));
            tail(shortForm, reply, notes);
            if (notes == 0 || fits(shortForm)) {
                return new SlackMessage(text, shortForm, true);
            }
        }
    }

    private static boolean fits(ArrayNode blocks) {
        return blocks.size() <= MAX_BLOCKS && blocks.toString().length() <= MAX_BLOCKS_CHARS;
    }

    private void head(ArrayNode blocks, Reply reply) {
        ObjectNode header = blocks.addObject();
        header.put("type", "header");
        header.set("text", plain(cut(reply.title(), MAX_HEADER)));
        if (!reply.summary().isEmpty()) {
            blocks.add(section(cut(escape(reply.summary()), MAX_SECTION_TEXT)));
        }
        List<Figure> figures = reply.figures().subList(0, Math.min(reply.figures().size(), MAX_FIELDS * MAX_FIELD_SECTIONS));
        for (int from = 0; from < figures.size(); from += MAX_FIELDS) {
            ObjectNode section = blocks.addObject();
            section.put("type", "section");
            ArrayNode fields = section.putArray("fields");
            for (Figure f : figures.subList(from, Math.min(figures.size(), from + MAX_FIELDS))) {
                fields.add(mrkdwn(cut("*" + escape(f.label()) + "*\n" + escape(Formats.figure(f.value())), MAX_FIELD_TEXT)));
            }
        }
    }

    private void tail(ArrayNode blocks, Reply reply, int notes) {
        for (Chart chart : reply.charts().subList(0, Math.min(reply.charts().size(), MAX_CHART_LINES))) {
            blocks.add(context(":bar_chart: " + escape(chart.title()) + ": " + escape(chart.altText())));
        }
        for (String note : reply.notes().subList(0, notes)) {
            blocks.add(context(":information_source: " + escape(note)));
        }
        List<FollowUp> followUps = reply.followUps();
        if (!followUps.isEmpty()) {
            ObjectNode actions = blocks.addObject();
            actions.put("type", "actions");
            actions.put("block_id", "purser.followups");
            ArrayNode elements = actions.putArray("elements");
            for (int i = 0; i < followUps.size() && i < MAX_BUTTONS; i++) {
                FollowUp f = followUps.get(i);
                String line = f.commandLine();
                if (line.length() > MAX_BUTTON_VALUE) {
                    continue;
                }
                ObjectNode button = elements.addObject();
                button.put("type", "button");
                button.set("text", plain(cut(f.label(), MAX_BUTTON_TEXT)));
                button.put("action_id", FOLLOW_UP_ACTION + i);
                button.put("value", line);
                if (f.confirm()) {
                    button.set("confirm", confirm(f));
                }
            }
        }
    }

    /**
     * Slack's own confirmation dialog against a stray tap: the click reaches Purser only after
     * the clicker pressed the confirm button in it. Limits: title and buttons 30 characters here
     * (Slack allows 100 for the title, 30 for the buttons), text 300.
     */
    private static ObjectNode confirm(FollowUp f) {
        ObjectNode confirm = NODES.objectNode();
        String label = f.label().isBlank() ? f.command() : f.label();
        confirm.set("title", plain(cut(label + "?", 30)));
        confirm.set("text", mrkdwn(cut("This runs `/purser " + f.commandLine().replace("`", "'") + "` as you.", 300)));
        confirm.set("confirm", plain(cut(label, 30)));
        confirm.set("deny", plain("Cancel"));
        return confirm;
    }

    private ArrayNode error(Reply reply) {
        Reply.ErrorInfo error = reply.error();
        ArrayNode blocks = NODES.arrayNode();
        blocks.add(section(cut(":warning: " + escape(error.message()), MAX_SECTION_TEXT)));
        String where = "`" + error.code() + "`" + (error.referenceId() == null ? "" : " · ref " + escape(error.referenceId()));
        blocks.add(context(where));
        return blocks;
    }

    // A titled monospace block that fits one section: cut at a line, saying how much was left out.
    private static String bounded(String title, String body, String unit, boolean[] cut) {
        String open = title + "\n```\n";
        String close = "```";
        String escaped = escape(body.endsWith("\n") ? body : body + "\n");
        if (open.length() + escaped.length() + close.length() <= MAX_SECTION_TEXT) {
            return open + escaped + close;
        }
        cut[0] = true;
        String[] lines = escaped.split("\n", -1);
        int total = lines.length - 1;
        StringBuilder kept = new StringBuilder();
        int shown = 0;
        // 80 characters of room for the "… n more" line after the fence
        while (shown < total && open.length() + kept.length() + lines[shown].length() + 1 + close.length() + 80
                <= MAX_SECTION_TEXT) {
            kept.append(lines[shown]).append('\n');
            shown++;
        }
        return open + kept + close + "\n_… " + (total - shown) + " more " + unit + " in the attached file_";
    }

    private static String tableText(Table table) {
        return TextRenderer.table(new Table(table.key(), "", table.columns(), table.rows(), table.footer()));
    }

    /** Plain text for notifications: the title and summary, or the error. */
    private static String fallbackText(Reply reply) {
        String text = reply.isError() ? "Error: " + reply.error().message()
                : reply.summary().isEmpty() ? reply.title() : reply.title() + ": " + reply.summary();
        return cut(text, MAX_FALLBACK_TEXT);
    }

    private static ObjectNode section(String mrkdwnText) {
        ObjectNode section = NODES.objectNode();
        section.put("type", "section");
        section.set("text", mrkdwn(mrkdwnText));
        return section;
    }

    private static ObjectNode context(String mrkdwnText) {
        ObjectNode context = NODES.objectNode();
        context.put("type", "context");
        context.putArray("elements").add(mrkdwn(cut(mrkdwnText, MAX_CONTEXT_TEXT)));
        return context;
    }

    private static ObjectNode mrkdwn(String text) {
        ObjectNode node = NODES.objectNode();
        node.put("type", "mrkdwn");
        node.put("text", text);
        return node;
    }

    private static ObjectNode plain(String text) {
        ObjectNode node = NODES.objectNode();
        node.put("type", "plain_text");
        node.put("text", text.isEmpty() ? " " : text);
        node.put("emoji", true);
        return node;
    }

    /** Slack's three control characters in mrkdwn: a literal {@code <} would otherwise start a link or mention. */
    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static String cut(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        return text.substring(0, max - 1) + "…";
    }

    /** Every section text, field, id and count within the limits; for tests and a last check before posting. */
    public static List<String> limitViolations(ArrayNode blocks) {
        List<String> problems = new ArrayList<>();
        if (blocks.size() > MAX_BLOCKS) {
            problems.add(blocks.size() + " blocks");
        }
        if (blocks.toString().length() > MAX_BLOCKS_CHARS) {
            problems.add(blocks.toString().length() + " characters of blocks");
        }
        blocks.forEach(block -> {
            if (block.has("text") && block.get("text").path("text").asText().length() > MAX_SECTION_TEXT) {
                problems.add(block.get("type").asText() + " text of " + block.get("text").path("text").asText().length());
            }
            if (block.has("block_id") && block.get("block_id").asText().length() > MAX_ID) {
                problems.add("block_id of " + block.get("block_id").asText().length());
            }
            block.path("elements").forEach(e -> {
                if (e.has("action_id") && e.get("action_id").asText().length() > MAX_ID) {
                    problems.add("action_id of " + e.get("action_id").asText().length());
                }
            });
            if (block.path("fields").size() > MAX_FIELDS) {
                problems.add(block.path("fields").size() + " fields");
            }
        });
        return problems;
    }
}
