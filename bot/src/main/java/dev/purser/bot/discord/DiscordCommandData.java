package dev.purser.bot.discord;

import dev.purser.commands.ArgumentSpec;
import dev.purser.commands.ArgumentType;
import dev.purser.commands.CommandRegistry;
import dev.purser.commands.CommandSpec;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.BiPredicate;
import net.dv8tion.jda.api.interactions.commands.OptionType;
import net.dv8tion.jda.api.interactions.commands.build.Commands;
import net.dv8tion.jda.api.interactions.commands.build.OptionData;
import net.dv8tion.jda.api.interactions.commands.build.SlashCommandData;
import net.dv8tion.jda.api.interactions.commands.build.SubcommandData;

/**
 * The {@code /purser} slash command, generated from the command registry: one subcommand per
 * {@link CommandSpec}, one option per {@link ArgumentSpec}. Nothing here is written by hand per
 * command, so Discord accepts exactly what the parser accepts.
 *
 * <p>Mapping: the argument type's JSON kind chooses the option type (integers and numbers stay
 * numbers, with the type's bounds; flags are booleans); a closed set of at most
 * {@value DiscordLimits#CHOICES} values becomes choices, a larger one autocomplete; a repeatable
 * argument is one text option whose values are separated by commas ({@link DiscordOptions}
 * splits them), because Discord has no list options. Discord wants required options before
 * optional ones, so they are moved first; the dispatcher takes them by name, so order is free.
 */
public final class DiscordCommandData {

    /** The one root command; every Purser command is a subcommand of it. */
    public static final String ROOT = "purser";
    static final String ROOT_DESCRIPTION = "Cloud costs: what we pay for, what we could stop paying for";
    static final String SEVERAL = " (several: comma-separated)";
    /** Below this an option's description says too little to be worth shortening further. */
    static final int MIN_OPTION_DESCRIPTION = 40;

    private DiscordCommandData() {
    }

    /**
     * @param autocomplete which (command, argument) pairs offer suggestions as the user types;
     *                     arguments with a closed set of more than 25 values always do
     */
    public static SlashCommandData of(CommandRegistry registry, BiPredicate<CommandSpec, ArgumentSpec<?>> autocomplete) {
        // Discord counts every name, description and choice of the whole command against one
        // total; when all of Purser's commands do not fit, option descriptions get shorter (the
        // full text stays in /purser help) until they do.
        SlashCommandData root = null;
        for (int max = DiscordLimits.DESCRIPTION; max >= MIN_OPTION_DESCRIPTION; max -= 10) {
            root = Commands.slash(ROOT, ROOT_DESCRIPTION);
            for (CommandSpec spec : registry.all()) {
                root.addSubcommands(subcommand(spec, autocomplete, max));
            }
            if (total(root) <= DiscordLimits.COMMAND_TOTAL) {
                return root;
            }
        }
        return root;
    }

    /** The characters Discord counts against {@link DiscordLimits#COMMAND_TOTAL}. */
    static int total(SlashCommandData command) {
        int total = command.getName().length() + command.getDescription().length();
        for (SubcommandData sub : command.getSubcommands()) {
            total += sub.getName().length() + sub.getDescription().length();
            for (OptionData o : sub.getOptions()) {
                total += o.getName().length() + o.getDescription().length();
                for (var c : o.getChoices()) {
                    total += c.getName().length() + c.getAsString().length();
                }
            }
        }
        return total;
    }

    static SubcommandData subcommand(CommandSpec spec, BiPredicate<CommandSpec, ArgumentSpec<?>> autocomplete) {
        return subcommand(spec, autocomplete, DiscordLimits.DESCRIPTION);
    }

    private static SubcommandData subcommand(CommandSpec spec, BiPredicate<CommandSpec, ArgumentSpec<?>> autocomplete,
            int optionDescription) {
        SubcommandData sub = new SubcommandData(spec.name(), clip(spec.summary(), DiscordLimits.DESCRIPTION));
        List<ArgumentSpec<?>> ordered = new ArrayList<>(spec.arguments());
        ordered.sort(Comparator.comparing(a -> !a.required()));
        for (ArgumentSpec<?> arg : ordered) {
            sub.addOptions(option(arg, autocomplete.test(spec, arg), optionDescription));
        }
        return sub;
    }

    static OptionData option(ArgumentSpec<?> arg, boolean autocomplete) {
        return option(arg, autocomplete, DiscordLimits.DESCRIPTION);
    }

    private static OptionData option(ArgumentSpec<?> arg, boolean autocomplete, int maxDescription) {
        ArgumentType<?> type = arg.type();
        OptionData option = new OptionData(optionType(arg), arg.name(), description(arg, maxDescription),
                arg.required());
        if (arg.multiple()) {
            // one suggestion would replace the whole comma-separated list, so none is offered
            return option;
        }
        List<String> choices = type.choices();
        if (!choices.isEmpty() && choices.size() <= DiscordLimits.CHOICES && option.getType() == OptionType.STRING) {
            for (String c : choices) {
                option.addChoice(c, c);
            }
            return option;
        }
        if (option.getType() == OptionType.INTEGER || option.getType() == OptionType.NUMBER) {
            if (type.minimum() != null) {
                option.setMinValue(type.minimum());
            }
            if (type.maximum() != null) {
                option.setMaxValue(type.maximum());
            }
        }
        // suggestions are sent as text, so only text options take them
        boolean canSuggest = option.getType() == OptionType.STRING;
        return option.setAutoComplete(canSuggest && (autocomplete || choices.size() > DiscordLimits.CHOICES));
    }

    static OptionType optionType(ArgumentSpec<?> arg) {
        if (arg.multiple()) {
            return OptionType.STRING;
        }
        return switch (arg.type().jsonKind()) {
            case STRING -> OptionType.STRING;
            case INTEGER -> OptionType.INTEGER;
            case NUMBER -> OptionType.NUMBER;
            case BOOLEAN -> OptionType.BOOLEAN;
        };
    }

    static String description(ArgumentSpec<?> arg) {
        return description(arg, DiscordLimits.DESCRIPTION);
    }

    private static String description(ArgumentSpec<?> arg, int max) {
        String d = arg.description().isBlank() ? arg.type().expected() : arg.description().strip();
        if (arg.multiple()) {
            // without the hint nobody would guess how to give several values, so the description yields room
            return clip(d, max - SEVERAL.length()) + SEVERAL;
        }
        return clip(d, max);
    }

    static String clip(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
