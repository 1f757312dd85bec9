package dev.purser.bot.discord;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.util.List;
import net.dv8tion.jda.api.entities.MessageEmbed;

/**
 * A rendered message as the JSON Discord would receive, for golden files: the embeds as JDA
 * serialises them ({@link MessageEmbed#toData()}), the buttons in their rows, and each file's name
 * and size. Keys sorted, so the file does not depend on a map's iteration order.
 */
final class DiscordJson {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true)
            .configure(SerializationFeature.INDENT_OUTPUT, true);

    private DiscordJson() {
    }

    static String of(DiscordMessage message) {
        try {
            ObjectNode root = MAPPER.createObjectNode();
            ArrayNode embeds = root.putArray("embeds");
            for (MessageEmbed e : message.embeds()) {
                embeds.add(MAPPER.readTree(e.toData().toString()));
            }
            ArrayNode rows = root.putArray("components");
            List<DiscordMessage.ButtonSpec> buttons = message.buttons();
            for (int i = 0; i < buttons.size(); i += DiscordLimits.BUTTONS_PER_ROW) {
                ObjectNode row = rows.addObject().put("type", 1);
                ArrayNode children = row.putArray("components");
                for (DiscordMessage.ButtonSpec b : buttons.subList(i, Math.min(buttons.size(), i + 5))) {
                    children.addObject().put("type", 2).put("style", 2).put("custom_id", b.customId())
                            .put("label", b.label());
                }
            }
            ArrayNode files = root.putArray("attachments");
            for (DiscordMessage.Attachment a : message.files()) {
                files.addObject().put("filename", a.name()).put("size", a.bytes().length);
            }
            // a canonical pass, so nested objects from JDA come out with sorted keys too
            Object canonical = MAPPER.treeToValue(root, Object.class);
            return MAPPER.writeValueAsString(canonical) + "\n";
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
