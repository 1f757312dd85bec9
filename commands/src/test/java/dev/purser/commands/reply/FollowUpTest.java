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

    @Test
    void confirm_setByTheBuilder_otherwiseOff_commandLineUnchanged() {
        FollowUp approve = FollowUp.to("Approve", "approve").positional("7@2").confirm().build();

        assertThat(approve.confirm()).isTrue();
        assertThat(BEHIND.confirm()).isFalse();
        assertThat(new FollowUp("x", "cost", java.util.List.of()).confirm()).isFalse();
        assertThat(approve.commandLine()).isEqualTo("approve 7@2");
    }

    @Test
    void live_subject_markedByTheBuilder_keptWhenTiedToARequest() {
        FollowUp show = FollowUp.to("Show", "plan").positional("show").positional("7").build();
        Reply reply = Reply.builder("plan", "Plan 7").live("plan:7", show).build()
                .answering(java.util.Optional.of("r1"), java.util.Optional.empty());

        assertThat(reply.live()).contains(new Reply.Live("plan:7", show));
        assertThat(Reply.builder("cost", "Cost").build().live()).isEmpty();
    }

    @Test
    void live_blankOrSpacedSubject_rejected() {
        FollowUp show = FollowUp.to("Show", "plan").build();
        assertThatThrownBy(() -> new Reply.Live("", show)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Reply.Live("plan 7", show)).hasMessageContaining("without spaces");
        assertThatThrownBy(() -> new Reply.Live("p".repeat(201), show)).isInstanceOf(IllegalArgumentException.class);
    }
}
