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

    private DiscordCommandData() {
    }

    /**
     * @param autocomplete which (command, argument) pairs offer suggestions as the user types;
     *                     arguments with a closed set of more than 25 values always do
     */
    public static SlashCommandData of(CommandRegistry registry, BiPredicate<CommandSpec, ArgumentSpec<?>> autocomplete) {
        SlashCommandData root = Commands.slash(ROOT, ROOT_DESCRIPTION);
        for (CommandSpec spec : registry.all()) {
            root.addSubcommands(subcommand(spec, autocomplete));
        }
        return root;
    }

    static SubcommandData subcommand(CommandSpec spec, BiPredicate<CommandSpec, ArgumentSpec<?>> autocomplete) {
        SubcommandData sub = new SubcommandData(spec.name(), clip(spec.summary(), DiscordLimits.DESCRIPTION));
        List<ArgumentSpec<?>> ordered = new ArrayList<>(spec.arguments());
        ordered.sort(Comparator.comparing(a -> !a.required()));
        for (ArgumentSpec<?> arg : ordered) {
            sub.addOptions(option(arg, autocomplete.test(spec, arg)));
        }
        return sub;
    }

    static OptionData option(ArgumentSpec<?> arg, boolean autocomplete) {
        ArgumentType<?> type = arg.type();
        OptionData option = new OptionData(optionType(arg), arg.name(), description(arg), arg.required());
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
        String d = arg.description().isBlank() ? arg.type().expected() : arg.description().strip();
        if (arg.multiple()) {
            // without the hint nobody would guess how to give several values, so the description yields room
            return clip(d, DiscordLimits.DESCRIPTION - SEVERAL.length()) + SEVERAL;
        }
        return clip(d, DiscordLimits.DESCRIPTION);
    }

    static String clip(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
