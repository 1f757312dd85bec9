package dev.purser.bot.discord;

import dev.purser.commands.ArgumentSpec;
import dev.purser.commands.CommandSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The options of one slash command as the dispatcher's named arguments. Values arrive typed
 * (strings, longs, doubles, booleans); they pass through as they are, so a number stays a number.
 * The one reshaping: a repeatable argument came as one comma-separated text option
 * ({@link DiscordCommandData}) and becomes a list again.
 */
final class DiscordOptions {

    private DiscordOptions() {
    }

    static Map<String, Object> arguments(CommandSpec spec, Map<String, Object> options) {
        Map<String, Object> named = new LinkedHashMap<>();
        options.forEach((name, value) -> {
            ArgumentSpec<?> arg = spec.argument(name).orElse(null);
            if (arg != null && arg.multiple() && value instanceof String text) {
                List<String> values = new ArrayList<>();
                for (String part : text.split(",")) {
                    if (!part.isBlank()) {
                        values.add(part.strip());
                    }
                }
                named.put(name, values);
            } else {
                // an unknown name goes through so the dispatcher answers it as any face would
                named.put(name, value);
            }
        });
        return named;
    }
}
