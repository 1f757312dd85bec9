package dev.purser.commands.render;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.purser.commands.reply.Column;
import dev.purser.commands.reply.Reply;
import dev.purser.commands.reply.Table;
import dev.purser.commands.reply.Value;
import dev.purser.commands.reply.ValueType;
import dev.purser.commands.testing.SampleReplies;
import dev.purser.core.error.ErrorCode;
import dev.purser.core.model.Money;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonRendererTest extends ReplyRendererContract {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Override
    ReplyRenderer renderer() {
        return new JsonRenderer();
    }

    @Override
    String goldenDirectory() {
        return "json";
    }

    @Override
    String extension() {
        return "json";
    }

    @Override
    String shown(Money money) {
        return "\"amount\" : \"" + money.amount().toPlainString() + "\"";
    }

    @Test
    void toTree_money_exactAmountAsString() {
        ObjectNode tree = new JsonRenderer().toTree(SampleReplies.kitchenSink());
        JsonNode amount = tree.at("/tables/0/rows/0/amount");
        assertThat(amount.get("amount").isTextual()).isTrue();
        assertThat(amount.get("amount").asText()).isEqualTo("1234.567891");
        assertThat(amount.get("currency").asText()).isEqualTo("USD");
        assertThat(tree.at("/tables/0/rows/0/ratio").asText()).isEqualTo("0.25");
        assertThat(tree.at("/tables/0/rows/0/day").asText()).isEqualTo("2026-02-28");
        assertThat(tree.at("/tables/0/rows/1/ratio").isNull()).isTrue();
        assertThat(tree.at("/figures/2/unit").asText()).isEqualTo("MiB");
    }

    @Test
    void toTree_numbers_areJsonNumbers() {
        ObjectNode tree = new JsonRenderer().toTree(SampleReplies.kitchenSink());
        assertThat(tree.at("/tables/0/rows/0/count").isNumber()).isTrue();
        assertThat(tree.at("/tables/0/rows/0/count").decimalValue()).isEqualByComparingTo("12345.5");
        assertThat(tree.at("/tables/0/rows/0/ratio").isNumber()).isTrue();
        assertThat(tree.at("/figures/2/value").isNumber()).isTrue();
    }

    @Test
    void toTree_numberColumnWithOneUnit_namesIt() {
        ObjectNode tree = new JsonRenderer().toTree(SampleReplies.kitchenSink());
        // row 0 counts GiB, row 1 has no unit: the column claims none
        assertThat(tree.at("/tables/0/columns/2").has("unit")).isFalse();
        Table days = new Table("t", "t", List.of(new Column("days", "days", ValueType.NUMBER)),
                List.of(List.of(Value.number(new BigDecimal("21.0"), "days"))), List.of());
        ObjectNode one = new JsonRenderer().toTree(Reply.builder("x", "t").table(days).build());
        assertThat(one.at("/tables/0/columns/0/unit").asText()).isEqualTo("days");
        assertThat(one.at("/tables/0/rows/0/days").decimalValue()).isEqualByComparingTo("21.0");
    }

    @Test
    void toTree_structuredValues_typedObjects() {
        JsonNode web = new JsonRenderer().toTree(SampleReplies.kitchenSink()).at("/tables/1/rows/0");
        assertThat(web.at("/cpu_request/value").decimalValue()).isEqualByComparingTo("0.25");
        assertThat(web.at("/cpu_request/unit").asText()).isEqualTo("cores");
        assertThat(web.at("/cpu_request/literal").asText()).isEqualTo("250m");
        assertThat(web.at("/cpus_limit/from/value").decimalValue()).isEqualByComparingTo("1");
        assertThat(web.at("/cpus_limit/to/value").decimalValue()).isEqualByComparingTo("0.45");
        assertThat(web.at("/size/from/label").asText()).isEqualTo("s-2vcpu-4gb");
        assertThat(web.at("/size/to/vcpus").asInt()).isEqualTo(1);
        assertThat(web.at("/reservations/memory_bytes/value").longValue()).isEqualTo(512L * 1024 * 1024);
        assertThat(web.at("/reservations/memory_bytes/unit").asText()).isEqualTo("bytes");
        assertThat(web.at("/usage/cpu_p95_cores").decimalValue()).isEqualByComparingTo("0.2912");
        assertThat(web.at("/usage/memory_max_bytes").longValue()).isEqualTo(373293056L);
        assertThat(web.at("/thresholds").isArray()).isTrue();
        assertThat(web.at("/thresholds/1").asInt()).isEqualTo(75);
        JsonNode worker = new JsonRenderer().toTree(SampleReplies.kitchenSink()).at("/tables/1/rows/1");
        assertThat(worker.at("/cpus_limit/from").isNull()).isTrue();
        assertThat(worker.at("/usage/cpu_p95_cores").isNull()).isTrue();
        assertThat(worker.at("/thresholds").size()).isZero();
    }

    @Override
    String shownCode(String text) {
        try {
            // the pretty printer writes the exact text as one JSON string
            return MAPPER.writeValueAsString(text);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void toTree_codeBlocks_keyTitleLanguageAndExactText() {
        ObjectNode tree = new JsonRenderer().toTree(SampleReplies.kitchenSink());

        JsonNode blocks = tree.get("code_blocks");
        assertThat(blocks).hasSize(2);
        assertThat(blocks.get(0).get("key").asText()).isEqualTo("patch");
        assertThat(blocks.get(0).get("title").asText()).isEqualTo("Patched compose file");
        assertThat(blocks.get(0).get("language").asText()).isEqualTo("yaml");
        assertThat(blocks.get(0).get("text").asText()).isEqualTo(SampleReplies.kitchenSink().codeBlocks().get(0).text());
        assertThat(blocks.get(1).get("text").asText()).contains("\n-  memory: 4g\n+  memory: 512m\n");
        assertThat(blocks.get(0).size()).isEqualTo(4);
    }

    @Test
    void toTree_noCodeBlocks_emptyList() {
        JsonNode blocks = new JsonRenderer().toTree(Reply.builder("x", "t").build()).get("code_blocks");
        assertThat(blocks.isArray()).isTrue();
        assertThat(blocks).isEmpty();
    }

    @Test
    void outputSchema_codeBlocks_requiredWithTheirFields() throws Exception {
        JsonNode schema = MAPPER.readTree(JsonRenderer.outputSchema());
        List<String> required = new ArrayList<>();
        schema.get("required").forEach(n -> required.add(n.asText()));
        List<String> fields = new ArrayList<>();
        schema.at("/properties/code_blocks/items/required").forEach(n -> fields.add(n.asText()));

        assertThat(required).contains("code_blocks");
        assertThat(fields).containsExactly("key", "title", "language", "text");
    }

    @Test
    void toTree_success_hasNoErrorField() {
        assertThat(new JsonRenderer().toTree(SampleReplies.kitchenSink()).has("error")).isFalse();
    }

    @Test
    void toTree_error_codeMessageReference() {
        ObjectNode tree = new JsonRenderer().toTree(Reply.error("cost", ErrorCode.BAD_ARGUMENT, "bad", "ab12cd34"));
        assertThat(tree.at("/error/code").asText()).isEqualTo("BAD_ARGUMENT");
        assertThat(tree.at("/error/reference_id").asText()).isEqualTo("ab12cd34");
    }

    @Test
    void toTree_charts_pngOnlyWhenAsked() {
        assertThat(new JsonRenderer().toTree(SampleReplies.kitchenSink()).at("/charts/0").has("png_base64")).isFalse();
        // drawn by the shared rasteriser: a PNG starts with 0x89 'P' 'N' 'G', "iVBORw" in base64
        assertThat(new JsonRenderer(true).toTree(SampleReplies.kitchenSink()).at("/charts/0/png_base64").asText())
                .startsWith("iVBORw");
    }

    @Test
    void render_parsesBackToTheTree() throws Exception {
        Reply reply = SampleReplies.kitchenSink();
        JsonNode parsed = MAPPER.readTree(new JsonRenderer().render(reply));
        // numbers compare by value: the tree holds BigDecimals, the parser reads 7 as an int
        Comparator<JsonNode> sameValue = (a, b) -> a.isNumber() && b.isNumber()
                ? a.decimalValue().compareTo(b.decimalValue()) : a.equals(b) ? 0 : 1;
        assertThat(parsed.equals(sameValue, new JsonRenderer().toTree(reply))).isTrue();
    }

    @Test
    void outputSchema_isDraft202012AndNamesEveryTopLevelField() throws Exception {
        JsonNode schema = MAPPER.readTree(JsonRenderer.outputSchema());
        assertThat(schema.get("$schema").asText()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
        assertThat(schema.get("type").asText()).isEqualTo("object");
        List<String> required = new ArrayList<>();
        schema.get("required").forEach(n -> required.add(n.asText()));
        for (Reply reply : SampleReplies.all().values()) {
            ObjectNode tree = new JsonRenderer(true).toTree(reply);
            tree.fieldNames().forEachRemaining(f -> assertThat(schema.get("properties").has(f)).as(f).isTrue());
            for (String r : required) {
                assertThat(tree.has(r)).as(r).isTrue();
            }
        }
        assertThat(schema.at("/$defs/money/properties/amount/pattern").asText()).isEqualTo("^-?[0-9]+(\\.[0-9]+)?$");
    }
}
