package dev.purser.bot.discord;

import dev.purser.bot.chat.Buttons;
import dev.purser.bot.chat.LiveMessages;
import dev.purser.commands.CommandDispatcher;
import dev.purser.commands.charts.ChartRasterizer;
import dev.purser.core.config.DiscordConfig;
import dev.purser.core.config.IdentityConfig;
import dev.purser.core.config.PurserConfig;
import dev.purser.core.config.Secret;
import dev.purser.core.analysis.savings.SavingsItem;
import dev.purser.core.engine.PurserEngine;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.JDABuilder;
import net.dv8tion.jda.api.requests.GatewayIntent;
import net.dv8tion.jda.api.requests.RestConfig;
import net.dv8tion.jda.api.utils.SessionControllerAdapter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Discord bot as one unit that {@code purser serve} starts and stops: a JDA gateway session
 * without privileged intents (slash commands and buttons arrive as interactions, which need none),
 * the {@code /purser} registration, and the executor that runs commands.
 *
 * <p>Lifecycle: {@link #start()} logs in, waits for the session, registers the command and only
 * then returns, so a bad token or a wrong guild id fails start-up with the reason. {@link #close()}
 * stops taking interactions, lets running commands finish (up to {@link #DRAIN}) and ends the
 * session. The token is read from the {@link Secret} only to log in and never logged.
 */
public final class DiscordFace implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DiscordFace.class);

    /** Commands run at once at most; more wait in a queue of {@link #QUEUE}, beyond that users are told to retry. */
    static final int THREADS = 4;
    static final int QUEUE = 64;
    /** How long a button works after its message was sent. */
    public static final Duration BUTTON_TTL = Duration.ofHours(24);
    static final int BUTTONS = 10_000;
    static final Duration DRAIN = Duration.ofSeconds(30);

    private final CommandDispatcher dispatcher;
    private final DiscordConfig config;
    private final Secret token;
    private final DiscordInteractionHandler handler;
    private final ThreadPoolExecutor executor;
    private final DiscordCompletions completions;
    private final Buttons buttons;
    private final LiveMessages live;
    private final DiscordReplyRenderer renderer = new DiscordReplyRenderer(ChartRasterizer::png);
    private JDA jda;
    /** Where the gateway is, when not Discord's: set only by tests (a stand-in gateway). */
    private String gatewayUrl;

    /**
     * @param token the bot token, from the variable {@code config.tokenEnv()} names
     */
    public DiscordFace(PurserEngine engine, CommandDispatcher dispatcher, DiscordConfig config, Secret token,
            List<IdentityConfig> identities, Clock clock) {
        this(engine, dispatcher, config, token, identities, clock, new FollowUpButtons(clock, BUTTON_TTL, BUTTONS), null);
    }

    /**
     * @param buttons where button follow-ups are kept ({@link dev.purser.bot.chat.JdbcButtons} to share them
     *                with other instances)
     * @param live    records live answers and updates them; null for none
     */
    public DiscordFace(PurserEngine engine, CommandDispatcher dispatcher, DiscordConfig config, Secret token,
            List<IdentityConfig> identities, Clock clock, Buttons buttons, LiveMessages live) {
        this.buttons = Objects.requireNonNull(buttons, "buttons");
        this.live = live;
        this.dispatcher = Objects.requireNonNull(dispatcher, "dispatcher");
        this.config = Objects.requireNonNull(config, "config");
        this.token = Objects.requireNonNull(token, "token");
        if (!token.isPresent()) {
            throw new IllegalArgumentException(token.variable() + " is not set: the Discord face needs a bot token");
        }
        this.completions = new KnownValues(engine.costs(), engine.databaseTargets().targets().keySet(), clock,
                engine.plans().isEmpty() ? null : () -> engine.savings().map(s -> s.plan(null).items().stream()
                        .map(SavingsItem::id).filter(id -> id.startsWith("rs-")).toList()).orElse(List.of()));
        AtomicInteger n = new AtomicInteger();
        this.executor = new ThreadPoolExecutor(THREADS, THREADS, 60, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(QUEUE), r -> {
                    Thread t = new Thread(r, "purser-discord-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                }, new ThreadPoolExecutor.AbortPolicy());
        this.handler = new DiscordInteractionHandler(dispatcher, new DiscordIdentities(identities, config.roleGrants()),
                renderer, buttons, completions, executor, live == null ? DiscordInteractionHandler.LivePosts.NONE
                        : (l, channel, id) -> live.posted(l, DiscordInteractionHandler.FACE, channel, id));
    }

    /**
     * Logs in, waits until the session is ready and registers {@code /purser}.
     *
     * @throws IllegalStateException when Discord refuses the token or the registration
     * @throws InterruptedException  when interrupted while waiting for the session
     */
    public synchronized void start() throws InterruptedException {
        if (jda != null) {
            throw new IllegalStateException("the Discord face is already started");
        }
        JDABuilder builder = builder(token, config);
        if (gatewayUrl != null) {
            String url = gatewayUrl;
            builder.setSessionController(new SessionControllerAdapter() {
                @Override
                public String getGateway() {
                    return url;
                }
            });
        }
        jda = builder.addEventListeners(new JdaInteractions(handler)).build();
        try {
            jda.awaitReady();
            DiscordRegistration.register(new JdaCommandScopes(jda),
                    DiscordCommandData.of(dispatcher.registry(), completions::offers), config.devGuildId());
        } catch (RuntimeException | InterruptedException e) {
            jda.shutdownNow();
            jda = null;
            throw e;
        }
        if (live != null) {
            live.register(new JdaMessageEdits(jda, renderer, buttons));
        }
        LOG.info("discord: ready as {} ({} commands under /{})", jda.getSelfUser().getName(),
                dispatcher.registry().all().size(), DiscordCommandData.ROOT);
    }

    /**
     * Starts the face when the configured token variable is set. Otherwise, or when Discord
     * refuses the token or the registration, tells {@code report} in one line why Discord is off
     * and returns empty, so the other faces still start.
     *
     * @param report receives one line: where the face serves, or why it was skipped
     * @throws InterruptedException when interrupted while waiting for the session
     */
    public static Optional<DiscordFace> startIfConfigured(PurserEngine engine, CommandDispatcher dispatcher,
            PurserConfig config, Clock clock, Consumer<String> report) throws InterruptedException {
        return startIfConfigured(engine, dispatcher, config, clock, report,
                new FollowUpButtons(clock, BUTTON_TTL, BUTTONS), null);
    }

    /**
     * As {@link #startIfConfigured(PurserEngine, CommandDispatcher, PurserConfig, Clock, Consumer)},
     * with buttons kept in {@code buttons} and live answers recorded in {@code live} (null for none).
     */
    public static Optional<DiscordFace> startIfConfigured(PurserEngine engine, CommandDispatcher dispatcher,
            PurserConfig config, Clock clock, Consumer<String> report, Buttons buttons, LiveMessages live)
            throws InterruptedException {
        DiscordConfig discord = config.discord();
        Secret token = engine.secrets().secret(discord.tokenEnv());
        if (!token.isPresent()) {
            String line = "Discord skipped: " + discord.tokenEnv() + " is not set";
            LOG.info(line);
            report.accept(line);
            return Optional.empty();
        }
        DiscordFace face = new DiscordFace(engine, dispatcher, discord, token, config.identities(), clock, buttons, live);
        try {
            face.start();
        } catch (RuntimeException e) {
            face.close();
            // JDA's messages name the failure (an invalid token, a missing guild), never the token itself
            String line = "Discord skipped: " + e.getMessage();
            LOG.warn(line, e);
            report.accept(line);
            return Optional.empty();
        }
        report.accept("Discord as /" + DiscordCommandData.ROOT + " ("
                + (discord.devGuildId() == null ? "global commands" : "guild " + discord.devGuildId())
                + ", REST " + discord.apiBaseUrl() + ")");
        return Optional.of(face);
    }

    /**
     * Connects the gateway session to {@code url} instead of Discord's. JDA does not take the
     * gateway from the REST base ({@code discord.api_base_url}): its session controller names
     * {@code wss://gateway.discord.gg/}; this is the seam a stand-in gateway needs.
     */
    synchronized void gateway(String url) {
        gatewayUrl = url;
    }

    /**
     * The session's builder: no intents (interactions need none, and privileged ones would need
     * approval in the developer portal), REST calls to the configured base URL so the bot can run
     * behind a proxy or against a stand-in.
     */
    static JDABuilder builder(Secret token, DiscordConfig config) {
        return JDABuilder.createLight(token.reveal(), EnumSet.noneOf(GatewayIntent.class))
                .setRestConfig(new RestConfig().setBaseUrl(baseUrl(config)));
    }

    /** JDA appends routes such as {@code users/@me} to the base as text, so it must end in a slash. */
    static String baseUrl(DiscordConfig config) {
        String base = config.apiBaseUrl().toString();
        return base.endsWith("/") ? base : base + "/";
    }

    @Override
    public synchronized void close() {
        if (jda != null) {
            // stop taking interactions first, so nothing new is deferred that could not be answered
            jda.removeEventListener(jda.getRegisteredListeners().toArray());
        }
        executor.shutdown();
        try {
            if (!executor.awaitTermination(DRAIN.toSeconds(), TimeUnit.SECONDS)) {
                LOG.warn("discord: commands still running after {} s; stopping them", DRAIN.toSeconds());
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
        if (jda != null) {
            jda.shutdown();
            jda = null;
        }
    }
}
