package dev.purser.commands.render;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.purser.commands.charts.ChartRasterizer;
import dev.purser.commands.reply.Chart;
import dev.purser.commands.reply.CodeBlock;
import dev.purser.commands.reply.Column;
import dev.purser.commands.reply.Details;
import dev.purser.commands.reply.Figure;
import dev.purser.commands.reply.FollowUp;
import dev.purser.commands.reply.Quantity;
import dev.purser.commands.reply.Reply;
import dev.purser.commands.reply.Table;
import dev.purser.commands.reply.UsageFigures;
import dev.purser.commands.reply.Value;
import dev.purser.commands.reply.ValueType;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The reply as a stable JSON document for programs: the CLI's {@code --format json} and MCP
 * structured content. Field names are snake_case and always present (empty lists, null footer)
 * except {@code error}, which appears only on errors.
 *
 * <p>Values are typed, and formatting is left to the text and Markdown renderers. Money is
 * {@code {"amount":"1234.567891","currency":"USD"}} with the exact, unrounded amount as a string
 * (a JSON number would be read as a binary float by most clients and lose cents). Numbers and
 * percentages (as ratios, 0.25 for 25 %) are JSON numbers; a number column whose values share a
 * unit names it ({@code "unit": "GiB"}). A quantity is {@code {"value":0.45,"unit":"cores"}}
 * (bytes as whole bytes), with the manifest's own {@code literal} ({@code "250m"}) when it came
 * from one; a change is {@code {"from":…,"to":…}}; details (a configuration) an object of their
 * fields with an optional {@code label}; container usage {@code {"cpu_p95_cores":…,
 * "cpu_p99_cores":…,"memory_max_bytes":…}}; a list an array. Dates are ISO strings and an empty
 * value is null. {@link #outputSchema()} describes this document.
 */
public final class JsonRenderer implements ReplyRenderer {

    // plain digits: a BigDecimal such as 1E+3 would otherwise be written in exponent form
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN).build();

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
            charts.add(chart(chart));
        }
        ArrayNode followUps = root.putArray("follow_ups");
        for (FollowUp followUp : reply.followUps()) {
            ObjectNode node = followUps.addObject();
            node.put("label", followUp.label());
            node.put("command", followUp.commandLine());
            node.put("command_name", followUp.command());
            ArrayNode arguments = node.putArray("arguments");
            for (FollowUp.Argument a : followUp.arguments()) {
                ObjectNode argument = arguments.addObject();
                argument.put("kind", a.kind().name().toLowerCase(Locale.ROOT));
                argument.put("name", a.name());
                argument.put("value", a.value());
            }
        }
        ArrayNode notes = root.putArray("notes");
        reply.notes().forEach(notes::add);
        if (reply.isError()) {
            ObjectNode error = root.putObject("error");
            error.put("code", reply.error().code().name());
            error.put("message", reply.error().message());
            error.put("reference_id", reply.error().referenceId());
        }
        reply.requestId().ifPresent(id -> root.put("request_id", id));
        reply.conversation().ifPresent(c -> {
            ObjectNode conversation = root.putObject("conversation");
            conversation.put("platform", c.platform());
            conversation.put("channel", c.channel());
            conversation.put("thread", c.thread().orElse(null));
        });
        return root;
    }

    /** The chart's data; its PNG too, drawn by the shared rasteriser, only when this renderer was asked for charts. */
    private ObjectNode chart(Chart chart) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("key", chart.key());
        node.put("title", chart.title());
        node.put("alt_text", chart.altText());
        node.put("kind", chart.kind().name().toLowerCase(Locale.ROOT));
        ObjectNode axis = node.putObject("y_axis");
        axis.put("title", chart.yAxis().title());
        axis.put("unit", chart.yAxis().unit());
        boolean daily = switch (chart.kind()) {
            case STACKED_DAILY_BARS, RANKED_BARS -> true;
            case TIME_LINES -> false;
        };
        ArrayNode series = node.putArray("series");
        for (Chart.Series s : chart.series()) {
            ObjectNode one = series.addObject();
            one.put("name", s.name());
            one.put("other", s.other());
            ArrayNode points = one.putArray("points");
            for (Chart.Point p : s.points()) {
                ObjectNode point = points.addObject();
                point.put("at", daily ? LocalDate.ofInstant(p.at(), ZoneOffset.UTC).toString() : p.at().toString());
                point.put("value", p.value());
            }
        }
        ArrayNode lines = node.putArray("reference_lines");
        for (Chart.ReferenceLine l : chart.referenceLines()) {
            ObjectNode line = lines.addObject();
            line.put("name", l.name());
            line.put("value", l.value());
            line.put("emphasis", l.emphasis().name().toLowerCase(Locale.ROOT));
        }
        if (includeCharts) {
            node.put("png_base64", Base64.getEncoder().encodeToString(ChartRasterizer.png(chart)));
        }
        return node;
    }

    private static ObjectNode table(Table table) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("key", table.key());
        node.put("title", table.title());
        ArrayNode columns = node.putArray("columns");
        for (int i = 0; i < table.columns().size(); i++) {
            Column column = table.columns().get(i);
            ObjectNode c = columns.addObject();
            c.put("key", column.key());
            c.put("label", column.label());
            c.put("type", typeName(column.type()));
            sharedUnit(table, i).ifPresent(unit -> c.put("unit", unit));
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

    /** The unit every non-empty number of a column has, when they share one: rows carry bare numbers. */
    private static Optional<String> sharedUnit(Table table, int column) {
        String unit = null;
        for (List<Value> row : table.rows()) {
            Value v = row.get(column);
            if (v.isEmpty() || v.type() != ValueType.NUMBER) {
                continue;
            }
            if (v.unit() == null || unit != null && !unit.equals(v.unit())) {
                return Optional.empty();
            }
            unit = v.unit();
        }
        return Optional.ofNullable(unit);
    }

    private static ObjectNode row(List<Column> columns, List<Value> values) {
        ObjectNode row = JsonNodeFactory.instance.objectNode();
        for (int c = 0; c < columns.size(); c++) {
            row.set(columns.get(c).key(), value(values.get(c)));
        }
        return row;
    }

    private static JsonNode value(Value value) {
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
                return f.numberNode(value.asNumber());
            case DATE:
                return f.textNode(value.asDate().toString());
            case QUANTITY: {
                Quantity q = value.asQuantity();
                ObjectNode quantity = f.objectNode();
                quantity.put("value", q.amount());
                quantity.put("unit", q.unit().word());
                q.literal().ifPresent(l -> quantity.put("literal", l));
                return quantity;
            }
            case CHANGE: {
                ObjectNode change = f.objectNode();
                change.set("from", value(value.asChange().from()));
                change.set("to", value(value.asChange().to()));
                return change;
            }
            case DETAILS: {
                Details d = value.asDetails();
                ObjectNode details = f.objectNode();
                d.label().ifPresent(l -> details.put("label", l));
                for (Details.Field field : d.fields()) {
                    details.set(field.key(), value(field.value()));
                }
                return details;
            }
            case USAGE: {
                UsageFigures u = value.asUsage();
                ObjectNode usage = f.objectNode();
                usage.set("cpu_p95_cores", u.cpuP95Cores().<JsonNode>map(f::numberNode).orElse(f.nullNode()));
                usage.set("cpu_p99_cores", u.cpuP99Cores().<JsonNode>map(f::numberNode).orElse(f.nullNode()));
                usage.set("memory_max_bytes", u.memoryMaxBytes().isPresent()
                        ? f.numberNode(u.memoryMaxBytes().getAsLong()) : f.nullNode());
                return usage;
            }
            case LIST: {
                ArrayNode list = f.arrayNode();
                value.asList().forEach(item -> list.add(value(item)));
                return list;
            }
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
                      "unit": {"type": "string", "description": "the number's unit (rows, MiB, ...)"}
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
                            "type": {"$ref": "#/$defs/valueType"},
                            "unit": {"type": "string", "description": "the unit of every number in this column (GiB, days, s, ...), when they share one"}
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
                  "description": "charts as data; a PNG only when asked for (MCP include_charts)",
                  "items": {
                    "type": "object",
                    "required": ["key", "title", "alt_text", "kind", "y_axis", "series", "reference_lines"],
                    "properties": {
                      "key": {"type": "string"},
                      "title": {"type": "string"},
                      "alt_text": {"type": "string", "description": "the chart in words"},
                      "kind": {"enum": ["stacked_daily_bars", "time_lines"],
                               "description": "stacked_daily_bars: one stacked bar a day; time_lines: one line a series"},
                      "y_axis": {
                        "type": "object",
                        "required": ["title", "unit"],
                        "properties": {
                          "title": {"type": "string"},
                          "unit": {"type": "string", "description": "cores, GiB, MiB, ...; the ISO currency code for stacked_daily_bars"}
                        }
                      },
                      "series": {
                        "type": "array",
                        "items": {
                          "type": "object",
                          "required": ["name", "other", "points"],
                          "properties": {
                            "name": {"type": "string", "description": "the legend entry"},
                            "other": {"type": "boolean", "description": "true for the remainder series"},
                            "points": {
                              "type": "array",
                              "items": {
                                "type": "object",
                                "required": ["at", "value"],
                                "properties": {
                                  "at": {"type": "string", "description": "ISO date (daily bars) or ISO instant (lines)"},
                                  "value": {"type": "number", "description": "in the y axis unit; a picture, not an exact amount"}
                                }
                              }
                            }
                          }
                        }
                      },
                      "reference_lines": {
                        "type": "array",
                        "items": {
                          "type": "object",
                          "required": ["name", "value", "emphasis"],
                          "properties": {
                            "name": {"type": "string"},
                            "value": {"type": "number", "description": "in the y axis unit"},
                            "emphasis": {"enum": ["current", "current_request", "proposed", "proposed_request"]}
                          }
                        }
                      },
                      "png_base64": {"type": "string", "contentEncoding": "base64", "contentMediaType": "image/png"}
                    }
                  }
                },
                "follow_ups": {
                  "type": "array",
                  "description": "next commands; the role each needs and whether it changes anything come from the command's tool",
                  "items": {
                    "type": "object",
                    "required": ["label", "command", "command_name", "arguments"],
                    "properties": {
                      "label": {"type": "string"},
                      "command": {"type": "string", "description": "the command line to run next, without the leading purser"},
                      "command_name": {"type": "string", "description": "the command (MCP tool) the follow-up runs"},
                      "arguments": {
                        "type": "array",
                        "description": "the arguments in order, as typed",
                        "items": {
                          "type": "object",
                          "required": ["kind", "name", "value"],
                          "properties": {
                            "kind": {"enum": ["positional", "option", "flag"]},
                            "name": {"type": "string", "description": "the argument's name; empty for a positional"},
                            "value": {"type": "string", "description": "the value as typed; empty for a flag"}
                          }
                        }
                      }
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
                },
                "request_id": {"type": "string", "description": "the request this answers, when the face gave it an id"},
                "conversation": {
                  "type": "object",
                  "description": "where the request was asked, so the answer can go to its thread",
                  "required": ["platform", "channel", "thread"],
                  "properties": {
                    "platform": {"type": "string"},
                    "channel": {"type": "string"},
                    "thread": {"type": ["string", "null"]}
                  }
                }
              },
              "$defs": {
                "valueType": {"enum": ["text", "money", "number", "percent", "date", "quantity", "change", "details",
                                       "usage", "list"],
                              "description": "how to read the values: text (string), money (money), number and percent (JSON number; percent as a ratio), date (ISO string), quantity, change, details, usage, list"},
                "money": {
                  "type": "object",
                  "required": ["amount", "currency"],
                  "properties": {
                    "amount": {"type": "string", "pattern": "^-?[0-9]+(\\\\.[0-9]+)?$",
                               "description": "exact decimal amount, unrounded"},
                    "currency": {"type": "string", "pattern": "^[A-Z]{3}$"}
                  }
                },
                "quantity": {
                  "type": "object",
                  "required": ["value", "unit"],
                  "properties": {
                    "value": {"type": "number", "minimum": 0},
                    "unit": {"enum": ["cores", "bytes"], "description": "CPU cores, or whole bytes of memory"},
                    "literal": {"type": "string", "description": "as a manifest writes it (250m, 384Mi), to paste back"}
                  }
                },
                "change": {
                  "type": "object",
                  "description": "a setting now and as proposed; null on a side means none",
                  "required": ["from", "to"],
                  "properties": {"from": {"$ref": "#/$defs/value"}, "to": {"$ref": "#/$defs/value"}}
                },
                "details": {
                  "type": "object",
                  "description": "named values that belong together, such as a configuration (size, nodes, vcpus, memory_bytes, cpus_limit, ...) or reservations (cpus, memory)",
                  "properties": {"label": {"type": "string", "description": "the one-line name people see"}},
                  "additionalProperties": {"$ref": "#/$defs/value"}
                },
                "usage": {
                  "type": "object",
                  "description": "a container's usage over the window; null where there was no data",
                  "required": ["cpu_p95_cores", "cpu_p99_cores", "memory_max_bytes"],
                  "properties": {
                    "cpu_p95_cores": {"type": ["number", "null"]},
                    "cpu_p99_cores": {"type": ["number", "null"]},
                    "memory_max_bytes": {"type": ["integer", "null"]}
                  }
                },
                "value": {
                  "description": "text or ISO date (string), number or percentage as a ratio (number), money, quantity, change, details, usage, a list of values, or null when empty",
                  "anyOf": [{"type": "string"}, {"type": "number"}, {"$ref": "#/$defs/money"},
                            {"$ref": "#/$defs/quantity"}, {"$ref": "#/$defs/change"}, {"$ref": "#/$defs/details"},
                            {"$ref": "#/$defs/usage"}, {"type": "array", "items": {"$ref": "#/$defs/value"}},
                            {"type": "null"}]
                },
                "row": {"type": "object", "additionalProperties": {"$ref": "#/$defs/value"}}
              }
            }
            """;
}
