package dev.purser.bot.discord;

/**
 * Discord's documented limits on application commands and messages
 * (discord-api-docs: application-commands, receiving-and-responding, components reference).
 * One place, so the command builder, the renderer and the tests agree.
 */
public final class DiscordLimits {

    /** Command, subcommand and option names: 1–32 characters, lower case. */
    public static final int NAME = 32;
    /** Command, subcommand and option descriptions. */
    public static final int DESCRIPTION = 100;
    /** Options of one subcommand, subcommands of one command, choices of one option. */
    public static final int OPTIONS = 25;
    public static final int SUBCOMMANDS = 25;
    public static final int CHOICES = 25;
    /** A choice's name and value, and the autocomplete suggestions of one request. */
    public static final int CHOICE_TEXT = 100;
    /** Names, descriptions and choices of one command together. */
    public static final int COMMAND_TOTAL = 8000;

    /** Characters across all embeds of one message. */
    public static final int EMBEDS_TOTAL = 6000;
    public static final int EMBEDS = 10;
    public static final int TITLE = 256;
    public static final int DESCRIPTION_TEXT = 4096;
    public static final int FIELDS = 25;
    public static final int FIELD_NAME = 256;
    public static final int FIELD_VALUE = 1024;
    public static final int FOOTER = 2048;
    /** Attachments of one message. */
    public static final int ATTACHMENTS = 10;
    public static final int ROWS = 5;
    public static final int BUTTONS_PER_ROW = 5;
    public static final int BUTTON_LABEL = 80;
    public static final int CUSTOM_ID = 100;
    /** Plain message content. */
    public static final int CONTENT = 2000;

    private DiscordLimits() {
    }
}
