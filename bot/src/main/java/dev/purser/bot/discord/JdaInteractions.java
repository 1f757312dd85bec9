package dev.purser.bot.discord;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import net.dv8tion.jda.api.entities.Member;
import net.dv8tion.jda.api.entities.Role;
import net.dv8tion.jda.api.events.interaction.command.CommandAutoCompleteInteractionEvent;
import net.dv8tion.jda.api.events.interaction.command.SlashCommandInteractionEvent;
import net.dv8tion.jda.api.events.interaction.component.ButtonInteractionEvent;
import net.dv8tion.jda.api.hooks.ListenerAdapter;
import net.dv8tion.jda.api.interactions.callbacks.IReplyCallback;
import net.dv8tion.jda.api.interactions.commands.Command;
import net.dv8tion.jda.api.interactions.commands.OptionMapping;

/**
 * JDA's events, adapted to {@link DiscordInteraction} and handed to the handler. Only
 * {@code /purser} and buttons whose id Purser made are taken; anything else is another bot's
 * business on the same application and left alone.
 *
 * <p>Every JDA call here is queued (asynchronous): the gateway thread never waits on a request,
 * and a failed request is logged by JDA's default failure handler.
 */
final class JdaInteractions extends ListenerAdapter {

    private final Consumer<DiscordInteraction.Slash> slash;
    private final Consumer<DiscordInteraction.ButtonClick> button;
    private final Consumer<DiscordInteraction.Autocomplete> autocomplete;

    JdaInteractions(DiscordInteractionHandler handler) {
        this(handler::onSlash, handler::onButton, handler::onAutocomplete);
    }

    /** Takes each kind of interaction to its own consumer; tests catch them here without a handler. */
    JdaInteractions(Consumer<DiscordInteraction.Slash> slash, Consumer<DiscordInteraction.ButtonClick> button,
            Consumer<DiscordInteraction.Autocomplete> autocomplete) {
        this.slash = Objects.requireNonNull(slash, "slash");
        this.button = Objects.requireNonNull(button, "button");
        this.autocomplete = Objects.requireNonNull(autocomplete, "autocomplete");
    }

    @Override
    public void onSlashCommandInteraction(SlashCommandInteractionEvent event) {
        if (DiscordCommandData.ROOT.equals(event.getName()) && event.getSubcommandName() != null) {
            slash.accept(new Slash(event));
        }
    }

    @Override
    public void onButtonInteraction(ButtonInteractionEvent event) {
        if (event.getComponentId().startsWith(FollowUpButtons.PREFIX)) {
            button.accept(new Click(event));
        }
    }

    @Override
    public void onCommandAutoCompleteInteraction(CommandAutoCompleteInteractionEvent event) {
        if (DiscordCommandData.ROOT.equals(event.getName()) && event.getSubcommandName() != null) {
            autocomplete.accept(new Suggest(event));
        }
    }

    // Discord sends the member (with its role ids) with every interaction from a guild; none in a DM.
    private static List<String> roleIds(Member member) {
        return member == null ? List.of() : member.getRoles().stream().map(Role::getId).toList();
    }

    /** What every replyable interaction shares: identity, and the four ways to answer. */
    private abstract static class Replyable implements DiscordInteraction {
        private final IReplyCallback event;

        Replyable(IReplyCallback event) {
            this.event = event;
        }

        @Override
        public String id() {
            return event.getId();
        }

        @Override
        public String userId() {
            return event.getUser().getId();
        }

        @Override
        public String userName() {
            return event.getUser().getEffectiveName();
        }

        @Override
        public Optional<String> channelId() {
            return Optional.ofNullable(event.getChannelId());
        }

        @Override
        public List<String> guildRoleIds() {
            return roleIds(event.getMember());
        }

        @Override
        public void deferReply() {
            event.deferReply().queue();
        }

        @Override
        public void replyEphemeral(DiscordMessage message) {
            event.reply(message.toCreateData()).setEphemeral(true).queue();
        }

        @Override
        public void editReply(DiscordMessage message) {
            event.getHook().editOriginal(message.toEditData()).queue();
        }

        @Override
        public void editReply(DiscordMessage message, Consumer<String> posted) {
            event.getHook().editOriginal(message.toEditData()).queue(sent -> posted.accept(sent.getId()));
        }

        @Override
        public void replaceWithEphemeral(DiscordMessage message) {
            event.getHook().deleteOriginal().queue();
            event.getHook().sendMessage(message.toCreateData()).setEphemeral(true).queue();
        }
    }

    private static final class Slash extends Replyable implements DiscordInteraction.Slash {
        private final SlashCommandInteractionEvent event;

        Slash(SlashCommandInteractionEvent event) {
            super(event);
            this.event = event;
        }

        @Override
        public String subcommand() {
            return event.getSubcommandName();
        }

        @Override
        public Map<String, Object> options() {
            Map<String, Object> options = new LinkedHashMap<>();
            for (OptionMapping o : event.getOptions()) {
                options.put(o.getName(), switch (o.getType()) {
                    case INTEGER -> o.getAsLong();
                    case NUMBER -> o.getAsDouble();
                    case BOOLEAN -> o.getAsBoolean();
                    default -> o.getAsString();
                });
            }
            return options;
        }
    }

    private static final class Click extends Replyable implements DiscordInteraction.ButtonClick {
        private final ButtonInteractionEvent event;

        Click(ButtonInteractionEvent event) {
            super(event);
            this.event = event;
        }

        @Override
        public String customId() {
            return event.getComponentId();
        }

        @Override
        public Optional<String> messageId() {
            return Optional.of(event.getMessageId());
        }
    }

    private static final class Suggest implements DiscordInteraction.Autocomplete {
        private final CommandAutoCompleteInteractionEvent event;

        Suggest(CommandAutoCompleteInteractionEvent event) {
            this.event = event;
        }

        @Override
        public String userId() {
            return event.getUser().getId();
        }

        @Override
        public String userName() {
            return event.getUser().getEffectiveName();
        }

        @Override
        public List<String> guildRoleIds() {
            return roleIds(event.getMember());
        }

        @Override
        public String subcommand() {
            return event.getSubcommandName();
        }

        @Override
        public String option() {
            return event.getFocusedOption().getName();
        }

        @Override
        public String typed() {
            return event.getFocusedOption().getValue();
        }

        @Override
        public void suggest(List<String> values) {
            event.replyChoices(values.stream().map(v -> new Command.Choice(v, v)).toList()).queue();
        }
    }
}
