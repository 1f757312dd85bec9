package dev.purser.bot.discord;

import dev.purser.bot.chat.Buttons;
import dev.purser.commands.ArgumentSpec;
import dev.purser.commands.CommandContext;
import dev.purser.commands.CommandDispatcher;
import dev.purser.commands.CommandSpec;
import dev.purser.commands.Principal;
import dev.purser.commands.reply.ConversationRef;
import dev.purser.commands.reply.FollowUp;
import dev.purser.commands.reply.Reply;
import dev.purser.core.error.ErrorCode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What Purser does with each Discord interaction.
 *
 * <p>Timing: Discord wants an answer within 3 seconds, and a command may take longer (a cost
 * query, a right-sizing). So the handler decides on the gateway thread only what is cheap (which
 * command, may this user run it) and then defers; the command runs on the bounded executor and its
 * answer goes through the interaction hook, whose token lasts 15 minutes. A refusal or an unknown
 * button is answered at once and ephemerally, without running anything. When the executor is
 * full the user is told so ephemerally rather than left waiting.
 *
 * <p>Errors are shown only to the user who caused them: the public placeholder is removed and an
 * ephemeral message takes its place. A failure while rendering or sending is logged with a
 * reference id, and the user gets that id.
 *
 * <p>Buttons: a click runs the follow-up for the clicker, with the clicker's roles (their configured
 * identity and the guild roles they hold when they click); the answer is
 * a new message (the clicked one stays as it was). A follow-up marked {@code confirm} (approve,
 * reject) does not run on the first click: the clicker gets an ephemeral "are you sure" with one
 * Confirm button, which runs it; ignoring that message is cancelling. The role check comes before
 * the question, so a click that would be refused is refused at once.
 *
 * <p>Live replies: an answer marked live (a plan) is recorded with the message id Discord gives
 * it, so a later change to its subject updates it in place ({@link dev.purser.bot.chat.LiveMessages}).
 */
public final class DiscordInteractionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(DiscordInteractionHandler.class);
    static final String FACE = "discord";

    private final CommandDispatcher dispatcher;
    private final DiscordIdentities identities;
    private final DiscordReplyRenderer renderer;
    private final Buttons buttons;
    private final LivePosts live;
    private final DiscordCompletions completions;
    private final Executor executor;

    /** Where a live answer was posted: told once Discord has the message. */
    @FunctionalInterface
    public interface LivePosts {
        LivePosts NONE = (live, channel, messageId) -> { };

        void posted(Reply.Live live, String channel, String messageId);
    }

    /** @param executor runs commands; bounded, so a flood of commands cannot exhaust memory */
    public DiscordInteractionHandler(CommandDispatcher dispatcher, DiscordIdentities identities,
            DiscordReplyRenderer renderer, Buttons buttons, DiscordCompletions completions, Executor executor) {
        this(dispatcher, identities, renderer, buttons, completions, executor, LivePosts.NONE);
    }

    /** @param live told where each live answer was posted */
    public DiscordInteractionHandler(CommandDispatcher dispatcher, DiscordIdentities identities,
            DiscordReplyRenderer renderer, Buttons buttons, DiscordCompletions completions, Executor executor,
            LivePosts live) {
        this.dispatcher = Objects.requireNonNull(dispatcher, "dispatcher");
        this.identities = Objects.requireNonNull(identities, "identities");
        this.renderer = Objects.requireNonNull(renderer, "renderer");
        this.buttons = Objects.requireNonNull(buttons, "buttons");
        this.completions = Objects.requireNonNull(completions, "completions");
        this.executor = Objects.requireNonNull(executor, "executor");
        this.live = Objects.requireNonNull(live, "live");
    }

    public void onSlash(DiscordInteraction.Slash interaction) {
        Principal principal = identities.principal(interaction.userId(), interaction.userName(),
                interaction.guildRoleIds());
        Optional<CommandSpec> spec = dispatcher.registry().find(interaction.subcommand());
        if (spec.isPresent() && !principal.has(spec.get().requiredRole())) {
            interaction.replyEphemeral(render(refusal(spec.get(), principal)));
            return;
        }
        String command = interaction.subcommand();
        // An unknown subcommand (registered by an older Purser) goes to the dispatcher, which names the known ones.
        run(interaction, () -> spec.isPresent()
                ? dispatcher.runNamed(context(interaction, principal), command,
                        DiscordOptions.arguments(spec.get(), interaction.options()))
                : dispatcher.run(context(interaction, principal), List.of(command)));
    }

    public void onButton(DiscordInteraction.ButtonClick click) {
        Optional<FollowUp> followUp = buttons.recall(click.customId());
        if (followUp.isEmpty()) {
            click.replyEphemeral(render(Reply.error("purser", ErrorCode.NOT_FOUND, "This button has expired (Purser keeps"
                    + " buttons for a day): run the command again with /purser.", null)));
            return;
        }
        Principal principal = identities.principal(click.userId(), click.userName(), click.guildRoleIds());
        Optional<CommandSpec> spec = dispatcher.registry().find(followUp.get().command());
        if (spec.isPresent() && !principal.has(spec.get().requiredRole())) {
            click.replyEphemeral(render(refusal(spec.get(), principal)));
            return;
        }
        if (followUp.get().confirm()) {
            click.replyEphemeral(confirmation(followUp.get(), principal));
            return;
        }
        // the command sees which message the click was given on (a sign-off records it)
        CommandContext context = click.channelId().isPresent() && click.messageId().isPresent()
                ? context(click, principal).withConversation(new ConversationRef(FACE, click.channelId().get(),
                        click.messageId()))
                : context(click, principal);
        run(click, () -> dispatcher.run(context, followUp.get()));
    }

    public void onAutocomplete(DiscordInteraction.Autocomplete request) {
        Optional<CommandSpec> spec = dispatcher.registry().find(request.subcommand());
        Optional<ArgumentSpec<?>> arg = spec.flatMap(s -> s.argument(request.option()));
        Principal principal = identities.principal(request.userId(), request.userName(), request.guildRoleIds());
        if (arg.isEmpty() || !principal.has(spec.get().requiredRole())) {
            request.suggest(List.of());
            return;
        }
        List<String> known = completions.offers(spec.get(), arg.get())
                ? completions.values(spec.get(), arg.get()) : arg.get().type().choices();
        request.suggest(matching(known, request.typed()));
    }

    /** Up to 25 values: those starting with what was typed, then those containing it. */
    static List<String> matching(List<String> known, String typed) {
        String t = typed == null ? "" : typed.strip().toLowerCase(Locale.ROOT);
        List<String> starts = new ArrayList<>();
        List<String> contains = new ArrayList<>();
        for (String v : known) {
            if (v.isEmpty() || v.length() > DiscordLimits.CHOICE_TEXT) {
                continue;
            }
            String lower = v.toLowerCase(Locale.ROOT);
            if (lower.startsWith(t)) {
                starts.add(v);
            } else if (lower.contains(t)) {
                contains.add(v);
            }
        }
        starts.addAll(contains);
        return starts.size() > DiscordLimits.CHOICES ? List.copyOf(starts.subList(0, DiscordLimits.CHOICES))
                : List.copyOf(starts);
    }

    /**
     * The "are you sure" for a follow-up marked confirm: what it will run and as whom, and one
     * button that runs it (the same follow-up, without the question).
     */
    private DiscordMessage confirmation(FollowUp followUp, Principal principal) {
        FollowUp confirmed = new FollowUp(followUp.label(), followUp.command(), followUp.arguments(), false);
        String label = followUp.label().isBlank() ? followUp.command() : followUp.label();
        net.dv8tion.jda.api.entities.MessageEmbed embed = new net.dv8tion.jda.api.EmbedBuilder()
                .setColor(DiscordReplyRenderer.COLOR)
                .setTitle(DiscordReplyRenderer.clip(label + "?", DiscordLimits.TITLE))
                .setDescription(DiscordReplyRenderer.clip("This runs `/purser " + followUp.commandLine() + "` as "
                        + principal.displayName() + ". Press Confirm to go ahead, or dismiss this message to cancel.",
                        DiscordLimits.DESCRIPTION_TEXT))
                .build();
        return new DiscordMessage(List.of(embed), List.of(new DiscordMessage.ButtonSpec(buttons.remember(confirmed),
                DiscordReplyRenderer.clip("Confirm: " + label, DiscordLimits.BUTTON_LABEL))), List.of());
    }

    private void run(DiscordInteraction interaction, Supplier<Reply> command) {
        interaction.deferReply();
        try {
            executor.execute(() -> answer(interaction, command));
        } catch (RejectedExecutionException full) {
            LOG.warn("discord interaction {} refused: the command executor is full", interaction.id());
            interaction.replaceWithEphemeral(render(Reply.error("purser", ErrorCode.INTERNAL_ERROR,
                    "Purser is busy with other commands; try again in a minute.", null)));
        }
    }

    private void answer(DiscordInteraction interaction, Supplier<Reply> command) {
        try {
            Reply reply = command.get();
            DiscordMessage message = render(reply);
            if (reply.isError()) {
                interaction.replaceWithEphemeral(message);
            } else if (reply.live().isPresent() && interaction.channelId().isPresent()) {
                String channel = interaction.channelId().get();
                interaction.editReply(message, id -> {
                    try {
                        live.posted(reply.live().get(), channel, id);
                    } catch (RuntimeException e) {
                        LOG.warn("discord message {} of {} will not be kept current", id, reply.live().get().subject(), e);
                    }
                });
            } else {
                interaction.editReply(message);
            }
        } catch (RuntimeException e) {
            String ref = UUID.randomUUID().toString().substring(0, 8);
            LOG.error("discord interaction {} by {} failed (ref {})", interaction.id(), interaction.userId(), ref, e);
            try {
                interaction.replaceWithEphemeral(render(Reply.error("purser", ErrorCode.INTERNAL_ERROR,
                        "Something went wrong on our side (ref " + ref + ")", ref)));
            } catch (RuntimeException again) {
                LOG.error("discord interaction {}: could not tell the user about ref {}", interaction.id(), ref, again);
            }
        }
    }

    private DiscordMessage render(Reply reply) {
        return renderer.render(reply, buttons::remember);
    }

    private static CommandContext context(DiscordInteraction interaction, Principal principal) {
        CommandContext context = new CommandContext(principal, FACE).withRequestId(interaction.id());
        return interaction.channelId().map(c -> context.withConversation(new ConversationRef(FACE, c, Optional.empty())))
                .orElse(context);
    }

    // The dispatcher's own wording, so a refusal reads the same on every face.
    private static Reply refusal(CommandSpec spec, Principal principal) {
        return Reply.error(spec.name(), ErrorCode.FORBIDDEN, spec.name() + " needs the "
                + spec.requiredRole().name().toLowerCase(Locale.ROOT) + " role, which "
                + principal.displayName() + " does not have", null);
    }
}
