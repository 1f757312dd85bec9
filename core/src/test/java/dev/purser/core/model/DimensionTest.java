package dev.purser.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.purser.core.error.PurserException;
import org.junit.jupiter.api.Test;

class DimensionTest {

    @Test
    void parse_words_andAliases() {
        assertThat(Dimension.parse("service")).isEqualTo(Dimension.SERVICE);
        assertThat(Dimension.parse("Region").kind()).isEqualTo(Dimension.Kind.REGION);
        assertThat(Dimension.parse("project").kind()).isEqualTo(Dimension.Kind.SUB_ACCOUNT);
        assertThat(Dimension.parse("service_category").kind()).isEqualTo(Dimension.Kind.SERVICE_CATEGORY);
        assertThat(Dimension.parse("env")).isEqualTo(Dimension.tag("env"));
    }

    @Test
    void parse_tag_keepsKeyCase() {
        assertThat(Dimension.parse("tag:CostCenter")).isEqualTo(Dimension.tag("CostCenter"));
        assertThat(Dimension.parse("tag:CostCenter").word()).isEqualTo("tag:CostCenter");
    }

    @Test
    void parse_colour_listsTheDimensions() {
        assertThatThrownBy(() -> Dimension.parse("colour"))
                .isInstanceOf(PurserException.class)
                .hasMessageContaining("'colour'")
                .hasMessageContaining("service, service-category, provider");
    }

    @Test
    void parse_tagWithoutKey_explains() {
        assertThatThrownBy(() -> Dimension.parse("tag:"))
                .isInstanceOf(PurserException.class)
                .hasMessageContaining("tag:<key>");
    }
}
