package dev.purser.commands;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.purser.core.error.ErrorCode;
import dev.purser.core.error.PurserException;
import org.junit.jupiter.api.Test;

class ChatLineTest {

    @Test
    void split_whitespace_separates() {
        assertThat(ChatLine.split("  cost   by\tservice ")).containsExactly("cost", "by", "service");
    }

    @Test
    void split_quotes_groupWords() {
        assertThat(ChatLine.split("cost --where \"service=Amazon EC2\" --account 'my acct'"))
                .containsExactly("cost", "--where", "service=Amazon EC2", "--account", "my acct");
        assertThat(ChatLine.split("cost --where service=\"Amazon EC2\""))
                .containsExactly("cost", "--where", "service=Amazon EC2");
        assertThat(ChatLine.split("say \"it's\" ''")).containsExactly("say", "it's", "");
    }

    @Test
    void split_typographicQuotes_groupWords() {
        assertThat(ChatLine.split("cost --account “my acct” ‘x y’")).containsExactly("cost", "--account", "my acct", "x y");
    }

    @Test
    void split_unclosedQuote_badArgument() {
        PurserException e = catchThrowableOfType(PurserException.class, () -> ChatLine.split("cost --account \"open"));
        assertThat(e.code()).isEqualTo(ErrorCode.BAD_ARGUMENT);
        assertThat(e.getMessage()).contains("never closed");
    }

    @Test
    void split_nullOrBlank_noTokens() {
        assertThat(ChatLine.split(null)).isEmpty();
        assertThat(ChatLine.split("   ")).isEmpty();
    }
}
