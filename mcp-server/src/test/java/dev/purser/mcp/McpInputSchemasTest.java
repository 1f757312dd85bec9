package dev.purser.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.purser.commands.ArgumentKinds;
import dev.purser.commands.ArgumentSpec;
import dev.purser.commands.ArgumentTypes;
import dev.purser.commands.CommandRegistry;
import dev.purser.commands.CommandSpec;
import dev.purser.commands.Effect;
import dev.purser.commands.PathPolicy;
import dev.purser.commands.PurserCommands;
import dev.purser.commands.Role;
import dev.purser.commands.reply.Reply;
import dev.purser.core.analysis.costs.CostQueries;
import dev.purser.core.ingest.CostImporter;
import dev.purser.core.query.PeriodParser;
import dev.purser.mcp.tools.InputSchemas;
import io.modelcontextprotocol.json.schema.jackson2.DefaultJsonSchemaValidator;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class McpInputSchemasTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    Path root;

    @Test
    void of_multipleArgument_isArrayWithTypedDefault() {
        ArgumentSpec<Integer> top = ArgumentSpec.builder("top", ArgumentTypes.integer(1, 50))
                .description("Rows").defaultValue("10").multiple().build();
        JsonNode schema = MAPPER.valueToTree(InputSchemas.of(command(top)));
        JsonNode property = schema.path("properties").path("top");
        assertThat(property.path("type").asText()).isEqualTo("array");
        assertThat(property.path("items").path("type").asText()).isEqualTo("integer");
        assertThat(property.path("items").path("maximum").asLong()).isEqualTo(50);
        assertThat(property.path("default").toString()).isEqualTo("[10]");
        assertThat(property.path("description").asText()).contains("Rows").contains("Default: 10");
    }

    @Test
    void of_defaultOnlyTheParserUnderstands_staysInDescriptionOnly() {
        ArgumentSpec<Integer> n = ArgumentSpec.builder("n", ArgumentTypes.integer(1, 5))
                .description("Count").defaultValue("auto").build();
        JsonNode property = MAPPER.valueToTree(InputSchemas.of(command(n))).path("properties").path("n");
        assertThat(property.has("default")).isFalse();
        assertThat(property.path("description").asText()).contains("Default: auto");
    }

    @Test
    void of_everyRegisteredCommand_isValidSchemaWithDescriptions() {
        CostQueries costs = unused(CostQueries.class);
        CostImporter importer = unused(CostImporter.class);
        CommandRegistry registry = PurserCommands.registry(costs, Map.of("focus", importer),
                new PeriodParser(Clock.systemUTC(), ZoneOffset.UTC), PathPolicy.of(root));
        DefaultJsonSchemaValidator validator = new DefaultJsonSchemaValidator();
        assertThat(registry.all()).isNotEmpty();
        for (CommandSpec command : registry.all()) {
            Map<String, Object> schema = InputSchemas.of(command);
            assertThat(validator.validateSchema(schema).valid()).as(command.name()).isTrue();
            JsonNode properties = MAPPER.valueToTree(schema).path("properties");
            properties.properties().forEach(p -> assertThat(p.getValue().path("description").asText())
                    .as(command.name() + " " + p.getKey()).isNotBlank());
            for (ArgumentSpec<?> argument : command.arguments()) {
                JsonNode property = properties.path(argument.name());
                JsonNode item = argument.multiple() ? property.path("items") : property;
                if (property.has("default") && item.has("enum")) {
                    JsonNode value = argument.multiple() ? property.path("default").get(0) : property.path("default");
                    assertThat(item.path("enum").toString()).as(command.name() + " " + argument.name())
                            .contains(value.toString());
                }
            }
        }
    }

    @Test
    void of_kinds_flatSchemaDescribingEachKindAndLeavingTheRefusalToTheParser() {
        ArgumentSpec<String> source = ArgumentSpec.builder("source", ArgumentTypes.choice("disk", "web"))
                .description("Where from").required().build();
        ArgumentSpec<Boolean> force = ArgumentSpec.builder("force", ArgumentTypes.bool())
                .description("Overwrite").defaultValue("false").flag().build();
        ArgumentSpec<String> url = ArgumentSpec.builder("url", ArgumentTypes.text()).description("Address").build();
        CommandSpec fetch = new CommandSpec("fetch", "Fetch", "Fetch.", "Fetch.", List.of(source, force, url),
                Role.VIEWER, Effect.READ_ONLY, (inv, ctx) -> Reply.builder("fetch", "Fetch").build())
                .withKinds(new ArgumentKinds("source", List.of(
                        new ArgumentKinds.Kind("disk", "the local disk", List.of("force"), List.of()),
                        new ArgumentKinds.Kind("web", "a download", List.of("url"), List.of("url")))));

        Map<String, Object> schema = InputSchemas.of(fetch);

        DefaultJsonSchemaValidator validator = new DefaultJsonSchemaValidator();
        assertThat(validator.validateSchema(schema).valid()).isTrue();
        JsonNode node = MAPPER.valueToTree(schema);
        assertThat(node.has("oneOf") || node.has("anyOf") || node.has("allOf") || node.has("if"))
                .as("no top-level combinator, which model APIs refuse").isFalse();
        assertThat(node.path("properties").path("source").path("description").asText())
                .contains("disk (the local disk) takes force; web (a download) takes url, requires url");
        assertThat(node.path("properties").path("force").path("description").asText())
                .contains("Only for source disk; any other source refuses it");
        assertThat(validator.validate(schema, Map.of("source", "web", "force", true)).valid())
                .as("the schema admits it; the parser refuses it with the kind's arguments").isTrue();
    }

    @Test
    void of_importCommand_describesItsKinds() {
        CommandRegistry registry = PurserCommands.registry(unused(CostQueries.class),
                Map.of("focus", unused(CostImporter.class), "do-invoice", unused(CostImporter.class)),
                new PeriodParser(Clock.systemUTC(), ZoneOffset.UTC), PathPolicy.of(root));

        JsonNode properties = MAPPER.valueToTree(InputSchemas.of(registry.find("import").orElseThrow())).path("properties");

        assertThat(properties.path("kind").path("description").asText())
                .contains("focus (a FOCUS CSV export (plain or .gz)) takes file, lenient, requires file")
                .contains("do-invoice (");
        assertThat(properties.path("month").path("description").asText()).contains("Only for kind do-invoice");
        assertThat(properties.path("lenient").path("description").asText()).contains("Only for kind do-invoice, focus");
    }

    private static CommandSpec command(ArgumentSpec<?> argument) {
        return new CommandSpec("probe", "Probe", "Probe.", "Probe.", List.of(argument), Role.VIEWER,
                Effect.READ_ONLY, (inv, ctx) -> Reply.builder("probe", "Probe").build());
    }

    /** A port that must not be called while tools are only being described. */
    private static <T> T unused(Class<T> type) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
            if (method.getDeclaringClass() == Object.class) {
                return method.getName().equals("toString") ? "unused " + type.getSimpleName() : null;
            }
            throw new AssertionError(method.getName() + " called while describing tools");
        }));
    }
}
