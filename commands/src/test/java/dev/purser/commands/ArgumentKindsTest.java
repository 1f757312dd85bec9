package dev.purser.commands;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.purser.commands.reply.Reply;
import dev.purser.core.error.ErrorCode;
import dev.purser.core.error.PurserException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The parser's refusal of arguments a kind does not take, on a small command of its own. */
class ArgumentKindsTest {

    private static final ArgumentSpec<String> SOURCE = ArgumentSpec.builder("source", ArgumentTypes.choice("disk", "web"))
            .description("Where to fetch from").required().positional().build();
    private static final ArgumentSpec<String> PATH = ArgumentSpec.builder("path", ArgumentTypes.text())
            .description("A file").positional().multiple().build();
    private static final ArgumentSpec<Boolean> FORCE = ArgumentSpec.builder("force", ArgumentTypes.bool())
            .description("Overwrite").defaultValue("false").flag().build();
    private static final ArgumentSpec<Integer> RETRIES = ArgumentSpec.builder("retries", ArgumentTypes.integer(0, 5))
            .description("Attempts").defaultValue("2").build();
    private static final ArgumentSpec<String> URL = ArgumentSpec.builder("url", ArgumentTypes.text())
            .description("The address").build();

    private static final ArgumentKinds KINDS = new ArgumentKinds("source", List.of(
            new ArgumentKinds.Kind("disk", "a local file", List.of("path", "force"), List.of("path")),
            new ArgumentKinds.Kind("web", "a download", List.of("url", "retries"), List.of("url"))));

    private static final CommandParser PARSER = new CommandParser(CommandRegistry.of(fetch()));

    private static CommandSpec fetch() {
        return new CommandSpec("fetch", "Fetch", "Fetches.", "Fetches from disk or the web.",
                List.of(SOURCE, PATH, FORCE, RETRIES, URL), Role.VIEWER, Effect.READ_ONLY,
                (inv, ctx) -> Reply.builder("fetch", "Fetch").build()).withKinds(KINDS);
    }

    private static PurserException typed(String... tokens) {
        return catchThrowableOfType(PurserException.class, () -> PARSER.parse(List.of(tokens)));
    }

    private static PurserException named(Map<String, Object> arguments) {
        return catchThrowableOfType(PurserException.class, () -> PARSER.parseNamed("fetch", arguments));
    }

    @Test
    void parse_optionOfAnotherKind_namesWhatTheKindTakes() {
        PurserException e = typed("fetch", "disk", "a.txt", "--url", "http://x");

        assertThat(e.code()).isEqualTo(ErrorCode.BAD_ARGUMENT);
        assertThat(e.getMessage()).isEqualTo(
                "--url does not apply to fetch disk; it takes: <path>, --force (--url is for fetch web)");
    }

    @Test
    void parse_positionalOfAnotherKind_showsTheValue() {
        PurserException e = typed("fetch", "web", "a.txt", "--url", "http://x");

        assertThat(e.getMessage()).startsWith("<path> 'a.txt' does not apply to fetch web; it takes: --retries, --url");
    }

    @Test
    void parseNamed_optionOfAnotherKind_sameMessageAsTyped() {
        PurserException n = named(Map.of("source", "web", "url", "http://x", "force", true));
        PurserException t = typed("fetch", "web", "--url", "http://x", "--force");

        assertThat(n.code()).isEqualTo(ErrorCode.BAD_ARGUMENT);
        assertThat(n.getMessage()).isEqualTo(t.getMessage()).startsWith("--force does not apply to fetch web");
    }

    @Test
    void parseNamed_defaultValueOfAnotherKind_isIgnored() {
        Invocation inv = PARSER.parseNamed("fetch", Map.of("source", "web", "url", "http://x", "force", false));

        assertThat(inv.values()).containsEntry("url", "http://x").containsEntry("retries", 2);
    }

    @Test
    void parse_requiredArgumentOfTheKindMissing_saysWhichKindNeedsIt() {
        PurserException e = typed("fetch", "web");

        assertThat(e.code()).isEqualTo(ErrorCode.BAD_ARGUMENT);
        assertThat(e.getMessage()).startsWith("fetch web needs --url: The address");
        assertThat(typed("fetch", "disk").getMessage()).startsWith("fetch disk needs <path> (one or more)");
    }

    @Test
    void parse_eachKindWithItsOwnArguments_parses() {
        assertThat(PARSER.parse(List.of("fetch", "disk", "a.txt", "b.txt", "--force")).values())
                .containsEntry("path", List.of("a.txt", "b.txt")).containsEntry("force", true);
        assertThat(PARSER.parse(List.of("fetch", "web", "--url", "http://x", "--retries", "4")).values())
                .containsEntry("retries", 4);
    }

    @Test
    void parse_unknownKind_isTheSelectorsOwnRefusal() {
        PurserException e = typed("fetch", "ftp", "--url", "x");

        assertThat(e.code()).isEqualTo(ErrorCode.BAD_ARGUMENT);
        assertThat(e.getMessage()).contains("<source>", "ftp", "disk", "web");
    }

    @Test
    void withKinds_undeclaredArgument_isRefusedAtStartUp() {
        ArgumentKinds wrong = new ArgumentKinds("source", List.of(
                new ArgumentKinds.Kind("disk", "a local file", List.of("path", "mode"), List.of()),
                new ArgumentKinds.Kind("web", "a download", List.of("url"), List.of())));

        assertThatThrownBy(() -> fetch().withKinds(wrong))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("mode");
    }

    @Test
    void withKinds_choicesThatAreNotTheKinds_isRefusedAtStartUp() {
        ArgumentKinds partial = new ArgumentKinds("source", List.of(
                new ArgumentKinds.Kind("disk", "a local file", List.of("path"), List.of())));

        assertThatThrownBy(() -> fetch().withKinds(partial))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("web");
    }

    @Test
    void kind_requiringWhatItDoesNotAccept_isRefused() {
        assertThatThrownBy(() -> new ArgumentKinds.Kind("disk", "a file", List.of("force"), List.of("path")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("path");
    }

    @Test
    void kindsTaking_listsKindsInOrder() {
        assertThat(KINDS.kindsTaking("url")).containsExactly("web");
        assertThat(KINDS.kindsRequiring("path")).containsExactly("disk");
        assertThat(KINDS.kind("ftp")).isEmpty();
    }
}
