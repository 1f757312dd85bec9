package dev.purser.core.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.purser.core.error.PurserException;
import dev.purser.core.model.Dimension;
import org.junit.jupiter.api.Test;

class DimensionParserTest {

    @Test
    void parse_words_andAliases() {
        assertThat(DimensionParser.parse("service")).isEqualTo(Dimension.SERVICE);
        assertThat(DimensionParser.parse("Region").kind()).isEqualTo(Dimension.Kind.REGION);
        assertThat(DimensionParser.parse("project").kind()).isEqualTo(Dimension.Kind.SUB_ACCOUNT);
        assertThat(DimensionParser.parse("service_category").kind()).isEqualTo(Dimension.Kind.SERVICE_CATEGORY);
        assertThat(DimensionParser.parse("env")).isEqualTo(Dimension.tag("env"));
    }

    @Test
    void parse_tag_keepsKeyCase() {
        assertThat(DimensionParser.parse("tag:CostCenter")).isEqualTo(Dimension.tag("CostCenter"));
        assertThat(DimensionParser.parse("tag:CostCenter").word()).isEqualTo("tag:CostCenter");
    }

    @Test
    void parse_colour_listsTheDimensions() {
        assertThatThrownBy(() -> DimensionParser.parse("colour"))
                .isInstanceOf(PurserException.class)
                .hasMessageContaining("'colour'")
                .hasMessageContaining("service, service-category, provider");
    }

    @Test
    void parse_tagWithoutKey_explains() {
        assertThatThrownBy(() -> DimensionParser.parse("tag:"))
                .isInstanceOf(PurserException.class)
                .hasMessageContaining("tag:<key>");
    }
}
