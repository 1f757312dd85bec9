package dev.purser.commands.render;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.purser.commands.reply.Chart;
import dev.purser.commands.reply.CodeBlock;
import dev.purser.commands.reply.Column;
import dev.purser.commands.reply.Figure;
import dev.purser.commands.reply.FollowUp;
import dev.purser.commands.reply.Reply;
import dev.purser.commands.reply.Table;
import dev.purser.commands.reply.Value;
import dev.purser.commands.reply.ValueType;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * The reply as a stable JSON document for programs: the CLI's {@code --format json} and MCP
 * structured content. Field names are snake_case and always present (empty lists, null footer)
 * except {@code error}, which appears only on errors.
 *
 * <p>Nothing is rounded and no amount is a JSON number: money is
 * {@code {"amount":"1234.567891","currency":"USD"}} with the exact amount as a string, numbers
 * and percentages (as ratios, 0.25 for 25 %) are decimal strings, dates ISO strings, and an empty
 * value is null. A JSON number would be read as a binary float by most clients and lose cents.
 * {@link #outputSchema()} describes this document.
 */
public final class JsonRenderer implements ReplyRenderer {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final boolean includeCharts;

    /** Charts without their PNG bytes, which keeps documents small. */
    public JsonRenderer() {
        this(false);
    }

    /** @param includeCharts whether charts carry {@code png_base64} */
    public JsonRenderer(boolean includeCharts) {
        this.includeCharts = includeCharts;
    }

    @Override
    public String render(Reply reply) {
        try {
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(toTree(reply)) + "\n";
        } catch (JsonProcessingException e) {
            // A tree of strings and objects always serializes; reaching here is a bug.
            throw new IllegalStateException("cannot write reply of " + reply.command() + " as JSON", e);
        }
    }

    /** The document as a tree, for faces that embed it (MCP {@code structuredContent}). */
    public ObjectNode toTree(Reply reply) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode root = f.objectNode();
        root.put("command", reply.command());
        root.put("title", reply.title());
        root.put("summary", reply.summary());
        ArrayNode figures = root.putArray("figures");
        for (Figure figure : reply.figures()) {
            ObjectNode node = figures.addObject();
            node.put("key", figure.key());
            node.put("label", figure.label());
            node.put("type", typeName(figure.value().type()));
            node.set("value", value(figure.value()));
            if (figure.value().unit() != null) {
                node.put("unit", figure.value().unit());
            }
        }
        ArrayNode tables = root.putArray("tables");
        for (Table table : reply.tables()) {
            tables.add(table(table));
        }
        ArrayNode codeBlocks = root.putArray("code_blocks");
        for (CodeBlock block : reply.codeBlocks()) {
            ObjectNode node = codeBlocks.addObject();
            node.put("key", block.key());
            node.put("title", block.title());
            node.put("language", block.language());
            node.put("text", block.text());
        }
        ArrayNode charts = root.putArray("charts");
        for (Chart chart : reply.charts()) {
            ObjectNode node = charts.addObject();
            node.put("key", chart.key());
            node.put("title", chart.title());
            node.put("alt_text", chart.altText());
            if (includeCharts) {
                node.put("png_base64", Base64.getEncoder().encodeToString(chart.png()));
            }
        }
        ArrayNode followUps = root.putArray("follow_ups");
        for (FollowUp followUp : reply.followUps()) {
            ObjectNode node = followUps.addObject();
            node.put("label", followUp.label());
            node.put("command", followUp.commandLine());
        }
        ArrayNode notes = root.putArray("notes");
        reply.notes().forEach(notes::add);
        if (reply.isError()) {
            ObjectNode error = root.putObject("error");
            error.put("code", reply.error().code().name());
            error.put("message", reply.error().message());
            error.put("reference_id", reply.error().referenceId());
        }
        return root;
    }

    private static ObjectNode table(Table table) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("key", table.key());
        node.put("title", table.title());
        ArrayNode columns = node.putArray("columns");
        for (Column column : table.columns()) {
            ObjectNode c = columns.addObject();
            c.put("key", column.key());
            c.put("label", column.label());
            c.put("type", typeName(column.type()));
        }
        ArrayNode rows = node.putArray("rows");
        for (List<Value> row : table.rows()) {
            rows.add(row(table.columns(), row));
        }
        if (table.footer().isEmpty()) {
            node.putNull("footer");
        } else {
            node.set("footer", row(table.columns(), table.footer()));
        }
        return node;
    }

    private static ObjectNode row(List<Column> columns, List<Value> values) {
        ObjectNode row = JsonNodeFactory.instance.objectNode();
        for (int c = 0; c < columns.size(); c++) {
            row.set(columns.get(c).key(), value(values.get(c)));
        }
        return row;
    }

    private static com.fasterxml.jackson.databind.JsonNode value(Value value) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        if (value.isEmpty()) {
            return f.nullNode();
        }
        switch (value.type()) {
            case TEXT:
                return f.textNode(value.asText());
            case MONEY: {
                ObjectNode money = f.objectNode();
                money.put("amount", value.asMoney().amount().toPlainString());
                money.put("currency", value.asMoney().currency().getCurrencyCode());
                return money;
            }
            case NUMBER:
            case PERCENT:
                return f.textNode(value.asNumber().toPlainString());
            case DATE:
                return f.textNode(value.asDate().toString());
        }
        throw new AssertionError(value.type());
    }

    private static String typeName(ValueType type) {
        return type.name().toLowerCase(Locale.ROOT);
    }

    /**
     * The JSON Schema (draft 2020-12) of the document {@link #toTree} produces; MCP uses it as the
     * tools' output schema.
     */
    public static String outputSchema() {
        return SCHEMA;
    }

    private static final String SCHEMA = """
            {
              "$schema": "https://json-schema.org/draft/2020-12/schema",
              "title": "Purser reply",
              "type": "object",
              "required": ["command", "title", "summary", "figures", "tables", "code_blocks", "charts", "follow_ups",
                           "notes"],
              "properties": {
                "command": {"type": "string", "description": "the command that answered"},
                "title": {"type": "string"},
                "summary": {"type": "string", "description": "the headline numbers in a sentence or two"},
                "figures": {
                  "type": "array",
                  "items": {
                    "type": "object",
                    "required": ["key", "label", "type", "value"],
                    "properties": {
                      "key": {"type": "string"},
                      "label": {"type": "string"},
                      "type": {"$ref": "#/$defs/valueType"},
                      "value": {"$ref": "#/$defs/value"},
                      "unit": {"type": "string"}
                    }
                  }
                },
                "tables": {
                  "type": "array",
                  "items": {
                    "type": "object",
                    "required": ["key", "title", "columns", "rows", "footer"],
                    "properties": {
                      "key": {"type": "string"},
                      "title": {"type": "string"},
                      "columns": {
                        "type": "array",
                        "items": {
                          "type": "object",
                          "required": ["key", "label", "type"],
                          "properties": {
                            "key": {"type": "string", "description": "the field name of this column in rows"},
                            "label": {"type": "string"},
                            "type": {"$ref": "#/$defs/valueType"}
                          }
                        }
                      },
                      "rows": {"type": "array", "items": {"$ref": "#/$defs/row"}},
                      "footer": {"anyOf": [{"$ref": "#/$defs/row"}, {"type": "null"}],
                                 "description": "the total row, null when the table has none"}
                    }
                  }
                },
                "code_blocks": {
                  "type": "array",
                  "description": "preformatted text to use verbatim: diffs, patched files, Kubernetes patches",
                  "items": {
                    "type": "object",
                    "required": ["key", "title", "language", "text"],
                    "properties": {
                      "key": {"type": "string"},
                      "title": {"type": "string"},
                      "language": {"type": "string", "description": "yaml, diff, ... or empty for plain text"},
                      "text": {"type": "string", "description": "the exact text, line breaks and indentation included"}
                    }
                  }
                },
                "charts": {
                  "type": "array",
                  "items": {
                    "type": "object",
                    "required": ["key", "title", "alt_text"],
                    "properties": {
                      "key": {"type": "string"},
                      "title": {"type": "string"},
                      "alt_text": {"type": "string"},
                      "png_base64": {"type": "string", "contentEncoding": "base64", "contentMediaType": "image/png"}
                    }
                  }
                },
                "follow_ups": {
                  "type": "array",
                  "items": {
                    "type": "object",
                    "required": ["label", "command"],
                    "properties": {
                      "label": {"type": "string"},
                      "command": {"type": "string", "description": "a command line to run next, without the leading purser"}
                    }
                  }
                },
                "notes": {"type": "array", "items": {"type": "string"},
                          "description": "what the answer could not know"},
                "error": {
                  "type": "object",
                  "required": ["code", "message", "reference_id"],
                  "properties": {
                    "code": {"type": "string"},
                    "message": {"type": "string"},
                    "reference_id": {"type": ["string", "null"]}
                  }
                }
              },
              "$defs": {
                "valueType": {"enum": ["text", "money", "number", "percent", "date"]},
                "money": {
                  "type": "object",
                  "required": ["amount", "currency"],
                  "properties": {
                    "amount": {"type": "string", "pattern": "^-?[0-9]+(\\\\.[0-9]+)?$",
                               "description": "exact decimal amount, unrounded"},
                    "currency": {"type": "string", "pattern": "^[A-Z]{3}$"}
                  }
                },
                "value": {
                  "description": "text, ISO date, decimal string (numbers; percentages as ratios), money, or null when empty",
                  "anyOf": [{"type": "string"}, {"$ref": "#/$defs/money"}, {"type": "null"}]
                },
                "row": {"type": "object", "additionalProperties": {"$ref": "#/$defs/value"}}
              }
            }
            """;
}
