package dev.purser.bot.chat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.purser.commands.reply.FollowUp;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** A follow-up as the JSON kept in {@code chat_button.follow_up} and {@code live_message.refresh}. */
final class FollowUpJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private FollowUpJson() {
    }

    static String write(FollowUp f) {
        ObjectNode node = JSON.createObjectNode();
        node.put("label", f.label());
        node.put("command", f.command());
        node.put("confirm", f.confirm());
        ArrayNode args = node.putArray("arguments");
        for (FollowUp.Argument a : f.arguments()) {
            args.addObject().put("kind", a.kind().name()).put("name", a.name()).put("value", a.value());
        }
        return node.toString();
    }

    /** @throws IllegalStateException when the stored JSON is not a follow-up (a row edited by hand) */
    static FollowUp read(String json) {
        try {
            JsonNode node = JSON.readTree(json);
            List<FollowUp.Argument> args = new ArrayList<>();
            for (JsonNode a : node.path("arguments")) {
                args.add(new FollowUp.Argument(FollowUp.ArgumentKind.valueOf(a.path("kind").asText()),
                        a.path("name").asText(), a.path("value").asText()));
            }
            return new FollowUp(node.path("label").asText(), node.path("command").asText(), args,
                    node.path("confirm").asBoolean(false));
        } catch (IOException e) {
            throw new UncheckedIOException("a stored follow-up is not JSON", e);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("a stored follow-up is malformed: " + e.getMessage(), e);
        }
    }
}
