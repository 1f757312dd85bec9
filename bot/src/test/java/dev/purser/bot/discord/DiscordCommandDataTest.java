package dev.purser.bot.discord;

import static org.assertj.core.api.Assertions.assertThat;

import dev.purser.bot.serve.PurserRuntime;
import dev.purser.bot.serve.PurserSettings;
import dev.purser.commands.ArgumentSpec;
import dev.purser.commands.CommandRegistry;
import dev.purser.commands.CommandSpec;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import net.dv8tion.jda.api.interactions.commands.OptionType;
import net.dv8tion.jda.api.interactions.commands.build.OptionData;
import net.dv8tion.jda.api.interactions.commands.build.SlashCommandData;
import net.dv8tion.jda.api.interactions.commands.build.SubcommandData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code /purser} as generated from the registry the launcher serves: every subcommand and option
 * within Discord's limits (JDA's builders reject a bad name or description outright), and the
 * argument types carried over as option types, choices and bounds.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DiscordCommandDataTest {

    private static final Pattern NAME = Pattern.compile("^[-_\\p{Ll}\\p{N}]{1,32}$");

    private final CommandRegistry registry = served();
    private final SlashCommandData purser = DiscordCommandData.of(registry, (c, a) -> a.name().equals("account"));

    private static CommandRegistry served() {
        PurserSettings settings = PurserSettings.fromEnvironment(
                Map.of("PURSER_DATABASE_URL", "jdbc:postgresql://127.0.0.1:1/never-opened"), Path.of("."));
        try (PurserRuntime runtime = new PurserRuntime(settings, Clock.systemUTC())) {
            return runtime.dispatcher().registry();
        }
    }

    Stream<CommandSpec> commands() {
        return registry.all().stream();
    }

    @Test
    void of_oneSubcommandPerRegisteredCommand() {
        assertThat(purser.getName()).isEqualTo("purser");
        assertThat(purser.getSubcommands()).extracting(SubcommandData::getName)
                .containsExactlyElementsOf(registry.all().stream().map(CommandSpec::name).toList());
        assertThat(purser.getSubcommands()).hasSizeLessThanOrEqualTo(DiscordLimits.SUBCOMMANDS);
    }

    @Test
    void of_wholeCommandWithinDiscordsTotal() {
        int total = purser.getName().length() + purser.getDescription().length();
        for (SubcommandData sub : purser.getSubcommands()) {
            total += sub.getName().length() + sub.getDescription().length();
            for (OptionData o : sub.getOptions()) {
                total += o.getName().length() + o.getDescription().length();
                for (var c : o.getChoices()) {
                    total += c.getName().length() + c.getAsString().length();
                }
            }
        }
        assertThat(total).isLessThanOrEqualTo(DiscordLimits.COMMAND_TOTAL).isEqualTo(DiscordCommandData.total(purser));
        // the descriptions were shortened only as far as needed, never below the floor
        assertThat(purser.getSubcommands()).flatExtracting(SubcommandData::getOptions)
                .allSatisfy(o -> assertThat(o.getDescription().length())
                        .isGreaterThanOrEqualTo(Math.min(DiscordCommandData.MIN_OPTION_DESCRIPTION - 1, 1)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("commands")
    void subcommand_withinDiscordLimits(CommandSpec spec) {
        SubcommandData sub = subcommand(spec.name());
        assertThat(sub.getName()).matches(NAME);
        assertThat(sub.getDescription()).hasSizeBetween(1, DiscordLimits.DESCRIPTION);
        assertThat(sub.getOptions()).hasSize(spec.arguments().size()).hasSizeLessThanOrEqualTo(DiscordLimits.OPTIONS);
        boolean optionalSeen = false;
        for (OptionData o : sub.getOptions()) {
            assertThat(o.getName()).matches(NAME);
            assertThat(o.getDescription()).hasSizeBetween(1, DiscordLimits.DESCRIPTION);
            assertThat(o.getChoices()).hasSizeLessThanOrEqualTo(DiscordLimits.CHOICES);
            assertThat(o.isRequired() && optionalSeen).as("required %s after an optional one", o.getName()).isFalse();
            optionalSeen |= !o.isRequired();
            assertThat(o.isAutoComplete() && !o.getChoices().isEmpty()).as("choices and autocomplete on %s",
                    o.getName()).isFalse();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("commands")
    void options_typedFromArgumentSpecs(CommandSpec spec) {
        for (ArgumentSpec<?> arg : spec.arguments()) {
            OptionData o = option(spec.name(), arg.name());
            assertThat(o.getType()).as("%s %s", spec.name(), arg.name()).isEqualTo(DiscordCommandData.optionType(arg));
            assertThat(o.isRequired()).isEqualTo(arg.required());
            List<String> choices = arg.type().choices();
            if (!arg.multiple() && !choices.isEmpty() && choices.size() <= 25 && o.getType() == OptionType.STRING) {
                assertThat(o.getChoices()).extracting(c -> c.getAsString()).containsExactlyElementsOf(choices);
            }
        }
    }

    @Test
    void option_boundedInteger_isIntegerWithBounds() {
        OptionData top = option("cost", "top");
        assertThat(top.getType()).isEqualTo(OptionType.INTEGER);
        assertThat(top.getMinValue()).isEqualTo(1L);
        assertThat(top.getMaxValue()).isEqualTo(50L);
    }

    @Test
    void option_flag_isBoolean() {
        assertThat(option("import", "lenient").getType()).isEqualTo(OptionType.BOOLEAN);
    }

    @Test
    void option_enum_hasChoices() {
        assertThat(option("cost", "metric").getChoices()).extracting(c -> c.getAsString())
                .contains("billed", "effective");
    }

    @Test
    void option_repeatable_textSaysCommaSeparated() {
        OptionData files = option("import", "file");
        assertThat(files.getType()).isEqualTo(OptionType.STRING);
        assertThat(files.getDescription()).endsWith(DiscordCommandData.SEVERAL);
    }

    @Test
    void option_knownValues_autocomplete() {
        assertThat(option("trend", "account").isAutoComplete()).isTrue();
        assertThat(option("trend", "where").isAutoComplete()).isFalse();
    }

    @Test
    void toData_shapeDiscordDocuments() {
        var json = purser.toData();
        assertThat(json.getInt("type")).isEqualTo(1);
        var first = json.getArray("options").getObject(0);
        // SUB_COMMAND is option type 1 in Discord's application command option types
        assertThat(first.getInt("type")).isEqualTo(1);
        assertThat(first.getString("name")).isEqualTo(registry.all().get(0).name());
    }

    private SubcommandData subcommand(String name) {
        return purser.getSubcommands().stream().filter(s -> s.getName().equals(name)).findFirst().orElseThrow();
    }

    private OptionData option(String command, String name) {
        return subcommand(command).getOptions().stream().filter(o -> o.getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError(command + " has no option " + name));
    }
}
