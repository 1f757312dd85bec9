package dev.purser.commands.reply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class CodeBlockTest {

    @Test
    void new_languageThatWouldBreakTheFence_rejectedNamingIt() {
        assertThatThrownBy(() -> new CodeBlock("patch", "Patch", "yaml```", "a: 1\n"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("patch").hasMessageContaining("yaml```");
        assertThatThrownBy(() -> new CodeBlock("patch", "Patch", "yaml x", "a: 1\n"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void new_blankKey_rejected() {
        assertThatThrownBy(() -> new CodeBlock(" ", "Patch", "yaml", "a: 1\n"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("key");
    }

    @Test
    void new_plainTextAndCommonLanguages_accepted() {
        assertThat(new CodeBlock("k", "", "", "x").language()).isEmpty();
        assertThat(new CodeBlock("k", "", "c++", "x").language()).isEqualTo("c++");
        assertThat(new CodeBlock("k", "", "objective-c", "x").language()).isEqualTo("objective-c");
    }

    @Test
    void builder_code_keptInOrderAfterTables() {
        Reply reply = Reply.builder("x", "t").code("a", "A", "diff", "-x\n+y\n").code(new CodeBlock("b", "B", "yaml", "k: v\n"))
                .build();

        assertThat(reply.codeBlocks()).extracting(CodeBlock::key).containsExactly("a", "b");
        assertThat(reply.codeBlocks().get(0).text()).isEqualTo("-x\n+y\n");
    }

    @Test
    void newReply_withoutCodeBlocks_hasNone() {
        Reply reply = new Reply("x", "t", "", List.of(), List.of(), List.of(), List.of(), List.of(), null);

        assertThat(reply.codeBlocks()).isEmpty();
        assertThat(Reply.error("x", dev.purser.core.error.ErrorCode.BAD_ARGUMENT, "bad", null).codeBlocks()).isEmpty();
    }
}
