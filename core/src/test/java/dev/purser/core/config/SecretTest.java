package dev.purser.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SecretTest {

    @Test
    void toString_neverShowsTheValue() {
        Secret s = Secret.of("DIGITALOCEAN_TOKEN", "dop_v1_abcdef");
        assertThat(s.toString()).contains("DIGITALOCEAN_TOKEN").doesNotContain("abcdef");
        assertThat(s.reveal()).isEqualTo("dop_v1_abcdef");
    }

    @Test
    void of_blankValue_isAbsent() {
        Secret s = Secret.of("PGPASSWORD", "  ");
        assertThat(s.isPresent()).isFalse();
        assertThat(s.revealOrNull()).isNull();
        assertThat(s).isEqualTo(Secret.absent("PGPASSWORD"));
        assertThatThrownBy(s::reveal).isInstanceOf(IllegalStateException.class).hasMessageContaining("PGPASSWORD");
    }
}
