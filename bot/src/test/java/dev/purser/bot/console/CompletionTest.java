package dev.purser.bot.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.purser.commands.testing.Fixtures;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tab completion is generated from the real command definitions. */
class CompletionTest {

    @TempDir
    Path imports;
    Completion completion;

    @BeforeEach
    void setUp() {
        Fixtures fx = new Fixtures(imports);
        completion = new Completion(fx.registry, Fixtures.viewer(), (command, argument) ->
                argument.name().equals("account") ? List.of("livyflow", "mandible") : List.of());
    }

    @Test
    void firstWord_commandNamesVisibleToThePrincipal_andExit() {
        assertThat(completion.complete(List.of(), "co")).containsExactly("cost");
        assertThat(completion.candidates(List.of())).contains("cost", "trend", "help", "exit", "quit")
                .doesNotContain("import"); // a viewer may not import: not offered
        assertThat(completion.complete(List.of("/purser"), "tr")).containsExactly("trend");
    }

    @Test
    void afterCommand_periodFormsThenOptions() {
        List<String> after = completion.candidates(List.of("cost"));
        assertThat(after).contains("mtd", "last-month", "ytd", "30d", "--by", "--top", "--metric", "--account")
                .doesNotContain("2026-10"); // a shape to imitate, not a value
        assertThat(completion.complete(List.of("cost"), "--m")).containsExactly("--metric");
    }

    @Test
    void optionValue_closedSetsAndDimensions() {
        assertThat(completion.candidates(List.of("cost", "--metric"))).containsExactly("billed", "effective", "list");
        assertThat(completion.complete(List.of("cost", "last-month", "--by"), "ser"))
                .containsExactly("service", "service-category");
    }

    @Test
    void optionValue_knownValuesFromData() {
        assertThat(completion.candidates(List.of("cost", "--account"))).containsExactly("livyflow", "mandible");
    }

    @Test
    void optionsAlreadyGiven_notOfferedAgain_unlessRepeatable() {
        List<String> after = completion.candidates(List.of("cost", "mtd", "--by", "service", "--where", "region=x"));
        assertThat(after).doesNotContain("--by", "mtd").contains("--where", "--top");
    }

    @Test
    void help_completesCommandNames_unknownCommand_nothing() {
        assertThat(completion.complete(List.of("help"), "tr")).containsExactly("trend");
        assertThat(completion.candidates(List.of("nosuch"))).isEmpty();
    }
}
