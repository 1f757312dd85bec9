package dev.purser.commands.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.purser.commands.ArgumentSpec;
import dev.purser.commands.CommandSpec;
import dev.purser.commands.UsageText;
import org.junit.jupiter.api.TestInstance;
import java.io.IOException;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every registered command, checked against what every face needs: an assistant picks tools by
 * their description, Slack shows usage text, Discord caps options (25 per command, names of 32
 * characters matching its pattern, descriptions of 100). Each registry that faces are built from
 * extends this with its own {@link #commands()}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class CommandSpecContract {

    private static final Pattern DISCORD_NAME = Pattern.compile("^[-_\\p{Ll}\\p{N}]{1,32}$");

    /** The commands to check. */
    protected abstract Stream<CommandSpec> commands() throws IOException;

    @ParameterizedTest(name = "{0}")
    @MethodSource("commands")
    void command_describedForEveryFace(CommandSpec spec) {
        assertThat(spec.description()).as("description of %s", spec.name()).hasSizeGreaterThanOrEqualTo(40);
        assertThat(spec.summary()).as("summary of %s", spec.name()).isNotBlank().hasSizeLessThanOrEqualTo(100);
        assertThat(spec.title()).isNotBlank();
        assertThat(spec.name()).matches(DISCORD_NAME);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("commands")
    void arguments_withinDiscordLimitsAndDescribed(CommandSpec spec) {
        assertThat(spec.arguments()).hasSizeLessThanOrEqualTo(25);
        for (ArgumentSpec<?> arg : spec.arguments()) {
            assertThat(arg.name()).as("argument name").matches(DISCORD_NAME);
            assertThat(arg.description()).as("description of %s %s", spec.name(), arg.name())
                    .isNotBlank().hasSizeLessThanOrEqualTo(100);
            assertThat(arg.type().expected()).as("expected of %s", arg.name()).isNotBlank();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("commands")
    void arguments_requiredOnesComeFirstAmongPositionals(CommandSpec spec) {
        // Discord requires required options before optional ones; the parser fills positionals in order.
        List<ArgumentSpec<?>> positional = spec.arguments().stream().filter(ArgumentSpec::positional).toList();
        boolean optionalSeen = false;
        for (ArgumentSpec<?> arg : positional) {
            assertThat(arg.required() && optionalSeen).as("required %s after an optional one", arg.name()).isFalse();
            optionalSeen |= !arg.required();
        }
        long repeatable = positional.stream().filter(ArgumentSpec::multiple).count();
        assertThat(repeatable).isLessThanOrEqualTo(1);
        if (repeatable == 1) {
            assertThat(positional.get(positional.size() - 1).multiple()).as("repeatable positional is last").isTrue();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("commands")
    void usageText_withinSlackLimit(CommandSpec spec) {
        assertThat(UsageText.help(spec)).hasSizeLessThanOrEqualTo(2000).contains(UsageText.usage(spec));
        assertThat(UsageText.usage(spec)).startsWith(spec.name());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("commands")
    void defaults_parseWithTheirOwnType(CommandSpec spec) {
        for (ArgumentSpec<?> arg : spec.arguments()) {
            if (arg.defaultValue() != null) {
                assertThat(arg.type().parse(arg.defaultValue())).as("default of %s", arg.name()).isNotNull();
            }
        }
    }
}
