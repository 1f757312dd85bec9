package dev.purser.commands.cost;

import static org.assertj.core.api.Assertions.assertThat;

import dev.purser.commands.reply.Reply;
import dev.purser.commands.testing.Fixtures;
import dev.purser.core.error.ErrorCode;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Misspelt values get a suggestion from the shared parser, so the shell, the console, chat and
 * MCP all say the same thing; values the bill knows (service names) are suggested by the command.
 */
class DidYouMeanTest {

    @TempDir
    Path imports;
    Fixtures fx;

    @BeforeEach
    void setUp() {
        fx = new Fixtures(imports);
        fx.costs.charge("2026-10-03", "Droplets", "100", "USD").charge("2026-10-04", "Database Clusters", "60", "USD");
    }

    private Reply run(String line) {
        return fx.dispatcher.run(Fixtures.viewer(), "cli", line);
    }

    @Test
    void period_misspeltWord_suggestsTheWord() {
        Reply reply = run("cost last-moth");
        assertThat(reply.error().code()).isEqualTo(ErrorCode.BAD_ARGUMENT);
        assertThat(reply.error().message()).contains("'last-moth'").contains("did you mean last-month?")
                .contains("expected one of:");
        // the hint comes before the list of forms, where the eye lands first
        assertThat(reply.error().message().indexOf("did you mean"))
                .isLessThan(reply.error().message().indexOf("expected one of"));
    }

    @Test
    void period_asOption_andInChatForm_sameSuggestion() {
        assertThat(run("cost --period ytdd").error().message()).contains("did you mean ytd?");
        assertThat(run("trend yesterdy").error().message()).contains("did you mean yesterday?");
    }

    @Test
    void period_farFromEveryWord_noSuggestion() {
        Reply reply = run("cost banana");
        assertThat(reply.error().code()).isEqualTo(ErrorCode.BAD_ARGUMENT);
        assertThat(reply.error().message()).doesNotContain("did you mean");
    }

    @Test
    void dimension_misspelt_suggestsService() {
        Reply reply = run("cost last-month --by servce");
        assertThat(reply.error().code()).isEqualTo(ErrorCode.BAD_ARGUMENT);
        assertThat(reply.error().message()).contains("did you mean service?");
        assertThat(run("cost last-month by regoin").error().message()).contains("did you mean region?");
    }

    @Test
    void whereDimension_misspelt_suggestsService() {
        Reply reply = run("cost 2026-10 --where servce=Droplets");
        assertThat(reply.error().code()).isEqualTo(ErrorCode.BAD_ARGUMENT);
        assertThat(reply.error().message()).contains("did you mean service?");
    }

    @Test
    void whereValue_unknownService_suggestsTheBillsName() {
        Reply reply = run("cost 2026-10 --where service=Droplts");
        assertThat(reply.error()).isNull();
        assertThat(reply.summary()).startsWith("No billed costs recorded in 2026-10-01..2026-10-31.")
                .contains("No service is called Droplts in the bill (did you mean Droplets?)");
    }

    @Test
    void whereValue_knownServiceWithNoCostInPeriod_noSuggestion() {
        Reply reply = run("cost 2026-09 --where service=Droplets");
        assertThat(reply.summary()).doesNotContain("did you mean");
    }
}
