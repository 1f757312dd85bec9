package dev.purser.commands.reply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.purser.commands.ChatLine;
import org.junit.jupiter.api.Test;

class FollowUpTest {

    private static final FollowUp BEHIND = FollowUp.to("Resources behind", "cost").positional("2026-10")
            .option("by", "resource").option("where", "service=Managed Databases").flag("chart").build();

    @Test
    void commandLine_argumentsInOrder_valuesWithSpacesQuoted() {
        assertThat(BEHIND.commandLine())
                .isEqualTo("cost 2026-10 --by resource --where \"service=Managed Databases\" --chart");
    }

    @Test
    void commandLine_valueWithDoubleQuote_singleQuoted() {
        FollowUp f = FollowUp.to("x", "rightsize").positional("say \"hi\"").build();
        assertThat(f.commandLine()).isEqualTo("rightsize 'say \"hi\"'");
    }

    @Test
    void tokens_unquoted_sameAsTheCommandLineSplit() {
        assertThat(BEHIND.tokens()).containsExactly("cost", "2026-10", "--by", "resource", "--where",
                "service=Managed Databases", "--chart");
        assertThat(ChatLine.split(BEHIND.commandLine())).isEqualTo(BEHIND.tokens());
    }

    @Test
    void new_commandWithSpace_rejected() {
        assertThatThrownBy(() -> FollowUp.to("x", "cost now").build()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("one word");
    }

    @Test
    void argument_optionWithoutName_rejected() {
        assertThatThrownBy(() -> FollowUp.Argument.option("", "v")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("needs a name");
    }
}
