package dev.purser.mcp.tools;

import dev.purser.commands.ArgumentKinds;
import dev.purser.commands.ArgumentSpec;
import dev.purser.commands.ArgumentType;
import dev.purser.commands.CommandSpec;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Generates a tool's input JSON Schema (draft 2020-12, the MCP default dialect) from a
 * command's argument definitions, so that what the schema admits is what the command parses.
 *
 * <p>Kinds ({@link ArgumentKinds}): which arguments go with which kind is written into the
 * descriptions (the selector lists each kind with what it takes; every other argument names its
 * kinds), and the shared parser refuses a mismatch with an error result the model can act on.
 * The schema itself stays one flat object: MCP clients hand tool schemas on to model APIs, and
 * several of those refuse {@code oneOf}, {@code anyOf}, {@code allOf} or {@code if} at the top
 * level of a tool's input schema, which would hide the tool altogether.
 */
public final class InputSchemas {

    /** Added to every tool: charts cost tokens, so images come back only when asked for. */
    public static final String INCLUDE_CHARTS = "include_charts";

    private InputSchemas() {
    }

    /** The schema as a JSON-ready map: {@code type: object}, one property per argument. */
    public static Map<String, Object> of(CommandSpec command) {
        Map<String, Object> properties = new LinkedHashMap<>();
        List<String> required = new ArrayList<>();
        for (ArgumentSpec<?> argument : command.arguments()) {
            properties.put(argument.name(), property(argument, command.kinds()));
            if (argument.required()) {
                required.add(argument.name());
            }
        }
        Map<String, Object> charts = new LinkedHashMap<>();
        charts.put("type", "boolean");
        charts.put("default", false);
        charts.put("description", "Also return the reply's charts as PNG images. Leave false unless the "
                + "user wants to see a chart; the text and structured result carry the same numbers.");
        properties.put(INCLUDE_CHARTS, charts);

        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("type", "object");
        schema.put("properties", properties);
        if (!required.isEmpty()) {
            schema.put("required", required);
        }
        schema.put("additionalProperties", false);
        return schema;
    }

    private static Map<String, Object> property(ArgumentSpec<?> argument, ArgumentKinds kinds) {
        Map<String, Object> item = valueSchema(argument.type());
        Map<String, Object> property;
        if (argument.multiple()) {
            property = new LinkedHashMap<>();
            property.put("type", "array");
            property.put("items", item);
        } else {
            property = item;
        }
        property.put("description", describe(argument, kinds));
        Object defaultValue = defaultValue(argument);
        if (defaultValue != null) {
            property.put("default", argument.multiple() ? List.of(defaultValue) : defaultValue);
        }
        return property;
    }

    private static Map<String, Object> valueSchema(ArgumentType<?> type) {
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("type", jsonType(type.jsonKind()));
        if (!type.choices().isEmpty()) {
            schema.put("enum", List.copyOf(type.choices()));
        }
        if (type.minimum() != null) {
            schema.put("minimum", type.minimum());
        }
        if (type.maximum() != null) {
            schema.put("maximum", type.maximum());
        }
        return schema;
    }

    private static String jsonType(ArgumentType.JsonKind kind) {
        switch (kind) {
            case STRING:
                return "string";
            case INTEGER:
                return "integer";
            case NUMBER:
                return "number";
            case BOOLEAN:
                return "boolean";
        }
        throw new AssertionError(kind);
    }

    /** What the model reads to fill the argument: the meaning, then the accepted forms. */
    private static String describe(ArgumentSpec<?> argument, ArgumentKinds kinds) {
        StringBuilder text = new StringBuilder(argument.description().strip());
        if (kinds != null) {
            describeKinds(text, argument, kinds);
        }
        appendSentence(text, "Expected: " + argument.type().expected());
        List<String> examples = argument.type().examples();
        if (!examples.isEmpty()) {
            appendSentence(text, "Examples: " + String.join(", ", examples));
        }
        if (argument.defaultValue() != null) {
            appendSentence(text, "Default: " + argument.defaultValue());
        }
        if (argument.multiple()) {
            appendSentence(text, "Several values may be given");
        }
        return text.toString();
    }

    private static void describeKinds(StringBuilder text, ArgumentSpec<?> argument, ArgumentKinds kinds) {
        if (argument.name().equals(kinds.selector())) {
            List<String> each = new ArrayList<>();
            for (ArgumentKinds.Kind kind : kinds.kinds()) {
                each.add(kind.name() + " (" + kind.summary() + ") takes "
                        + (kind.accepts().isEmpty() ? "no other arguments" : String.join(", ", kind.accepts()))
                        + (kind.requires().isEmpty() ? "" : ", requires " + String.join(", ", kind.requires())));
            }
            appendSentence(text, "Each kind takes only its own arguments: " + String.join("; ", each));
            return;
        }
        List<String> taking = kinds.kindsTaking(argument.name());
        appendSentence(text, taking.isEmpty() ? "No " + kinds.selector() + " takes it"
                : "Only for " + kinds.selector() + " " + String.join(", ", taking) + "; any other "
                        + kinds.selector() + " refuses it");
        List<String> requiring = kinds.kindsRequiring(argument.name());
        if (!requiring.isEmpty()) {
            appendSentence(text, "Required for " + kinds.selector() + " " + String.join(", ", requiring));
        }
    }

    private static void appendSentence(StringBuilder text, String sentence) {
        if (text.length() > 0) {
            char last = text.charAt(text.length() - 1);
            text.append(last == '.' || last == ':' ? " " : ". ");
        }
        text.append(sentence).append('.');
    }

    /**
     * The default as the JSON type the schema declares, or null when there is none or it is a
     * form only the parser understands (such as a relative period): the description still says it.
     */
    static Object defaultValue(ArgumentSpec<?> argument) {
        String text = argument.defaultValue();
        if (text == null) {
            return argument.flag() ? Boolean.FALSE : null;
        }
        try {
            switch (argument.type().jsonKind()) {
                case STRING:
                    return text;
                case INTEGER:
                    return Long.parseLong(text.strip());
                case NUMBER:
                    return new BigDecimal(text.strip());
                case BOOLEAN:
                    String b = text.strip().toLowerCase(Locale.ROOT);
                    if (b.equals("true") || b.equals("false")) {
                        return Boolean.valueOf(b);
                    }
                    return null;
            }
        } catch (NumberFormatException e) {
            return null;
        }
        throw new AssertionError(argument.type().jsonKind());
    }
}
