package dev.purser.bot.slack;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.slack.api.Slack;
import com.slack.api.app_backend.interactive_components.payload.BlockActionPayload;
import com.slack.api.app_backend.slash_commands.payload.SlashCommandPayload;
import com.slack.api.bolt.App;
import com.slack.api.bolt.AppConfig;
import com.slack.api.bolt.socket_mode.SocketModeApp;
import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.request.files.FilesCompleteUploadExternalRequest;
import com.slack.api.methods.response.files.FilesGetUploadURLExternalResponse;
import com.slack.api.model.event.AppHomeOpenedEvent;
import com.slack.api.socket_mode.SocketModeClient;
import dev.purser.bot.chat.LiveMessages;
import dev.purser.bot.metrics.PurserMetrics;
import dev.purser.bot.slack.SlackReplyRenderer.SlackMessage;
import dev.purser.commands.CommandContext;
import dev.purser.commands.CommandDispatcher;
import dev.purser.commands.Principal;
import dev.purser.commands.charts.ChartRasterizer;
import dev.purser.commands.render.TextRenderer;
import dev.purser.commands.reply.Chart;
import dev.purser.commands.reply.ConversationRef;
import dev.purser.commands.reply.Reply;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Purser in Slack: the {@code /purser} slash command, its follow-up buttons and the App Home,
 * on Bolt.
 *
 * <p>Acknowledging: Slack gives a request three seconds. Every handler only records the request
 * and acks; the command runs on a bounded pool of workers and its answer goes to the request's
 * {@code response_url} (wherever Slack's request says), falling back to {@code chat.postMessage}
 * when that fails. A full pool is answered "busy" in the ack itself rather than queued past the
 * point where the answer would be useful.
 *
 * <p>Once only: Slack retries a delivery it thinks was lost ({@code X-Slack-Retry-Num}) and
 * sometimes delivers one twice anyway. Every request is keyed (the trigger id of a command or a
 * click, the event id of an event) and a key seen in the last ten minutes is acked without
 * running anything. A retry whose first delivery never arrived still runs, once.
 *
 * <p>Start-up: Bolt calls {@code auth.test} when the app starts and, with the cache set to never
 * expire, never again, so no request waits on Slack's API (or fails when it is unreachable).
 * Request signatures are Bolt's own check: forged or more than five minutes old is 401 and
 * nothing runs.
 */
public final class SlackFace implements AutoCloseable {

    /** The face's name in command contexts, metrics and conversations. */
    public static final String FACE = "slack";
    /** The one slash command. */
    public static final String COMMAND = "/purser";

    private static final Logger LOG = LoggerFactory.getLogger(SlackFace.class);
    private static final Duration DEDUP_WINDOW = Duration.ofMinutes(10);
    private static final int DEDUP_CAPACITY = 50_000;
    private static final String BUSY = "Purser is busy right now; try again in a minute.";
    private static final SecureRandom REFS = new SecureRandom();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final List<String> HOME_COMMANDS = List.of("budget", "cost mtd --top 5", "savings");

    private final SlackSettings settings;
    private final CommandDispatcher dispatcher;
    private final PurserMetrics metrics;
    private final SlackReplyRenderer renderer = new SlackReplyRenderer();
    private final TextRenderer text = new TextRenderer();
    private final RecentKeys recent;
    private final SlackCalls calls;
    private final ThreadPoolExecutor workers;
    private final App app;
    private final LiveMessages live;
    private SocketModeApp socketMode;

    private SlackFace(SlackSettings settings, CommandDispatcher dispatcher, SlackIdentities identities,
            PurserMetrics metrics, Clock clock, SlackCalls.Sleeper sleeper, LiveMessages live) {
        this.settings = settings;
        this.live = live;
        this.dispatcher = dispatcher;
        this.metrics = metrics;
        this.recent = new RecentKeys(clock, DEDUP_WINDOW, DEDUP_CAPACITY);
        this.calls = new SlackCalls(HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build(), sleeper, 3);
        AtomicInteger threads = new AtomicInteger();
        this.workers = new ThreadPoolExecutor(settings.workers(), settings.workers(), 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(settings.queue()), r -> {
                    Thread t = new Thread(r, "purser-slack-" + threads.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        com.slack.api.SlackConfig slackConfig = new com.slack.api.SlackConfig();
        slackConfig.setMethodsEndpointUrlPrefix(settings.apiBaseUrl().toString());
        slackConfig.setPrettyResponseLoggingEnabled(false);
        Slack slack = Slack.getInstance(slackConfig);
        AppConfig config = AppConfig.builder()
                .slack(slack)
                .signingSecret(settings.signingSecret().revealOrNull())
                .singleTeamBotToken(settings.botToken().reveal())
                .authTestCacheExpirationMillis(-1L)
                .build();
        this.app = new App(config);
        app.command(COMMAND, (req, ctx) -> {
            SlashCommandPayload p = req.getPayload();
            if (!firstDelivery("command", p.getTriggerId())) {
                return ctx.ack();
            }
            Principal principal = identities.principal(p.getTeamId(), p.getUserId(), p.getUserName());
            CommandContext context = context(principal, p.getChannelId());
            String line = p.getText() == null ? "" : p.getText();
            if (!submit(() -> answer(context, line, p.getResponseUrl(), p.getChannelId(), null, p.getUserId()))) {
                return ctx.ack(BUSY);
            }
            return ctx.ack();
        });
        app.blockAction(Pattern.compile(Pattern.quote(SlackReplyRenderer.FOLLOW_UP_ACTION) + "\\d+"), (req, ctx) -> {
            BlockActionPayload p = req.getPayload();
            BlockActionPayload.Action action = p.getActions().get(0);
            if (!firstDelivery("action", p.getTriggerId() + "/" + action.getActionTs())) {
                return ctx.ack();
            }
            String team = p.getUser().getTeamId() != null ? p.getUser().getTeamId() : p.getTeam().getId();
            Principal clicker = identities.principal(team, p.getUser().getId(), p.getUser().getUsername());
            String channel = p.getChannel() == null ? p.getContainer().getChannelId() : p.getChannel().getId();
            // A fallback post goes in the thread of the message whose button was clicked; an
            // ephemeral message has no thread to post in.
            BlockActionPayload.Container container = p.getContainer();
            String thread = container == null || container.isEphemeral() ? null
                    : container.getThreadTs() != null ? container.getThreadTs() : container.getMessageTs();
            // The command sees where the click was given (a sign-off records it): the clicked
            // message's thread.
            CommandContext context = thread == null || channel == null ? context(clicker, channel)
                    : context(clicker, channel).withConversation(new ConversationRef(FACE, channel, Optional.of(thread)));
            submit(() -> answer(context, action.getValue(), p.getResponseUrl(), channel, thread, p.getUser().getId()));
            return ctx.ack();
        });
        app.event(AppHomeOpenedEvent.class, (req, ctx) -> {
            AppHomeOpenedEvent event = req.getEvent();
            if ("home".equals(event.getTab()) && firstDelivery("event", req.getEventId())) {
                Principal viewer = identities.principal(req.getTeamId(), event.getUser(), null);
                submit(() -> publishHome(viewer, event.getUser()));
            }
            return ctx.ack();
        });
    }

    /**
     * Builds the app and starts it (one {@code auth.test}); with an app token, also connects
     * Socket Mode.
     *
     * @throws IllegalStateException when Slack refuses the bot token or cannot be reached
     */
    static SlackFace start(SlackSettings settings, CommandDispatcher dispatcher, SlackIdentities identities,
            PurserMetrics metrics, Clock clock, SlackCalls.Sleeper sleeper, LiveMessages live) {
        SlackFace face = new SlackFace(settings, dispatcher, identities, metrics, clock, sleeper, live);
        try {
            face.app.start();
        } catch (RuntimeException e) {
            face.workers.shutdownNow();
            throw new IllegalStateException("Slack did not accept the bot token (auth.test): " + e.getMessage(), e);
        }
        if (settings.socketMode()) {
            try {
                face.socketMode = new SocketModeApp(settings.appToken().reveal(), face.app,
                        SocketModeClient.Backend.JavaWebSocket);
                face.socketMode.startAsync();
            } catch (Exception e) {
                face.close();
                throw new IllegalStateException("Slack Socket Mode did not connect: " + e.getMessage(), e);
            }
        }
        if (live != null) {
            live.register(face.new Updates());
        }
        return face;
    }

    /** Starts with real waits between retries. */
    public static SlackFace start(SlackSettings settings, CommandDispatcher dispatcher, SlackIdentities identities,
            PurserMetrics metrics, Clock clock) {
        return start(settings, dispatcher, identities, metrics, clock, SlackCalls.Sleeper.REAL, null);
    }

    /**
     * Starts with real waits between retries, recording live answers in {@code live} and updating
     * them when it asks.
     */
    public static SlackFace start(SlackSettings settings, CommandDispatcher dispatcher, SlackIdentities identities,
            PurserMetrics metrics, Clock clock, LiveMessages live) {
        return start(settings, dispatcher, identities, metrics, clock, SlackCalls.Sleeper.REAL, live);
    }

    /** {@code chat.update} of the messages {@link LiveMessages} recorded for this face. */
    private final class Updates implements LiveMessages.Face {
        @Override
        public String platform() {
            return FACE;
        }

        @Override
        public LiveMessages.Outcome update(String channel, String ts, Reply reply) {
            SlackMessage message = renderer.message(reply);
            String ref = newRef();
            Optional<com.slack.api.methods.response.chat.ChatUpdateResponse> response = calls.call("chat.update", ref,
                    () -> client().chatUpdate(r -> r.channel(channel).ts(ts).text(message.text())
                            .blocksAsString(message.blocksJson())));
            if (response.isPresent() && response.get().isOk()) {
                return LiveMessages.Outcome.UPDATED;
            }
            String error = response.map(com.slack.api.methods.response.chat.ChatUpdateResponse::getError).orElse("");
            return GONE.contains(error) ? LiveMessages.Outcome.GONE : LiveMessages.Outcome.FAILED;
        }
    }

    /** chat.update errors that mean the message will never be updated again. */
    private static final java.util.Set<String> GONE = java.util.Set.of("message_not_found", "channel_not_found",
            "is_archived");

    /** The Bolt app, for the HTTP servlet. */
    public App app() {
        return app;
    }

    private boolean firstDelivery(String kind, String key) {
        // A request without a key (none that Slack signs) cannot be matched with a repeat; run it.
        if (key == null || recent.firstTime(kind + ":" + key)) {
            return true;
        }
        metrics.slackDuplicate();
        LOG.debug("ignored a repeated Slack {} delivery", kind);
        return false;
    }

    private static CommandContext context(Principal principal, String channel) {
        CommandContext context = new CommandContext(principal, FACE).withRequestId(newRef());
        return channel == null || channel.isBlank() ? context
                : context.withConversation(new ConversationRef(FACE, channel, Optional.empty()));
    }

    private static String newRef() {
        byte[] bytes = new byte[4];
        REFS.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    private boolean submit(Runnable task) {
        try {
            workers.execute(() -> {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    LOG.error("answering a Slack request failed", e);
                }
            });
            return true;
        } catch (RejectedExecutionException e) {
            LOG.warn("Slack request turned away: {} commands queued", workers.getQueue().size());
            return false;
        }
    }

    /**
     * Runs a command line for whoever asked and answers it; runs on a worker.
     *
     * @param thread where a {@code chat.postMessage} fallback goes, null for the channel itself
     */
    private void answer(CommandContext context, String line, String responseUrl, String channel, String thread,
            String user) {
        Reply reply = dispatcher.run(context, line);
        String ref = context.requestId().orElseThrow();
        SlackMessage message = renderer.message(reply);
        // Errors and refusals concern only the asker; answers are for the channel to see.
        String type = reply.isError() ? "ephemeral" : "in_channel";
        boolean posted = live != null && reply.live().isPresent() && !reply.isError() && channel != null
                && postLive(reply.live().get(), message, channel, thread, ref);
        posted = posted || responseUrl != null && calls.respond(responseUrl, message.payload(type).toString(), ref);
        if (!posted && reply.isError() && channel != null && user != null) {
            // response_url used up or expired: still only the asker sees why
            posted = calls.call("chat.postEphemeral", ref, () -> client().chatPostEphemeral(r -> r.channel(channel)
                    .user(user).threadTs(thread).text(message.text()).blocksAsString(message.blocksJson())))
                    .map(r -> r.isOk()).orElse(false);
        }
        if (!posted && !reply.isError() && channel != null) {
            posted = calls.call("chat.postMessage", ref, () -> client().chatPostMessage(r -> r.channel(channel)
                    .threadTs(thread).text(message.text()).blocksAsString(message.blocksJson())))
                    .map(r -> r.isOk()).orElse(false);
        }
        if (!posted) {
            LOG.warn("the answer to {} (ref {}) reached nobody", reply.command(), ref);
            return;
        }
        if (!reply.isError() && channel != null) {
            if (message.summarised()) {
                uploadFile(channel, thread, ref, "purser-" + reply.command() + ".txt", reply.title(),
                        text.render(reply).getBytes(StandardCharsets.UTF_8), "The full answer");
            }
            for (Chart chart : reply.charts()) {
                uploadFile(channel, thread, ref, "purser-" + chart.key() + ".png", chart.title(), ChartRasterizer.png(chart),
                        chart.altText());
            }
        }
    }

    /** Posts a live answer as the bot and records where; false when Slack did not take it. */
    private boolean postLive(Reply.Live subject, SlackMessage message, String channel, String thread, String ref) {
        Optional<com.slack.api.methods.response.chat.ChatPostMessageResponse> sent = calls.call("chat.postMessage", ref,
                () -> client().chatPostMessage(r -> r.channel(channel).threadTs(thread).text(message.text())
                        .blocksAsString(message.blocksJson())));
        if (sent.isEmpty() || !sent.get().isOk()) {
            return false;
        }
        String where = sent.get().getChannel() == null ? channel : sent.get().getChannel();
        try {
            live.posted(subject, FACE, where, sent.get().getTs());
        } catch (RuntimeException e) {
            LOG.warn("Slack message {} of {} (ref {}) will not be kept current", sent.get().getTs(), subject.subject(),
                    ref, e);
        }
        return true;
    }

    /**
     * Slack's external upload: ask for an upload URL, send the bytes there, then complete the
     * upload into the channel, which shows the file (a chart as an image) beside the answer.
     */
    private void uploadFile(String channel, String thread, String ref, String filename, String title, byte[] content,
            String altText) {
        Optional<FilesGetUploadURLExternalResponse> slot = calls.call("files.getUploadURLExternal", ref,
                () -> client().filesGetUploadURLExternal(r -> r.filename(filename).length(content.length)
                        .altTxt(altText.length() > 1000 ? altText.substring(0, 1000) : altText)));
        if (slot.isEmpty() || !slot.get().isOk() || !calls.upload(slot.get().getUploadUrl(), content, ref)) {
            return;
        }
        String fileId = slot.get().getFileId();
        calls.call("files.completeUploadExternal", ref, () -> client().filesCompleteUploadExternal(r -> r
                .files(List.of(FilesCompleteUploadExternalRequest.FileDetails.builder().id(fileId).title(title).build()))
                .channelId(channel).threadTs(thread)));
    }

    /** The App Home: the viewer's budgets, month-to-date cost with its forecast, and top savings. */
    private void publishHome(Principal viewer, String userId) {
        String ref = newRef();
        ArrayNode blocks = NODES.arrayNode();
        for (String line : HOME_COMMANDS) {
            Reply reply = dispatcher.run(new CommandContext(viewer, FACE).withRequestId(ref), line);
            ArrayNode part = renderer.message(reply).blocks();
            // The home tab shows each answer's head (header, summary, figures): a glance, not a report.
            for (int i = 0; i < part.size() && blocks.size() < SlackReplyRenderer.MAX_BLOCKS - 2; i++) {
                String type = part.get(i).path("type").asText();
                if (i > 0 && type.equals("header")) {
                    break;
                }
                if (type.equals("header") || type.equals("section") && !part.get(i).path("text").path("text")
                        .asText().contains("```")) {
                    blocks.add(part.get(i));
                }
            }
            blocks.addObject().put("type", "divider");
        }
        ObjectNode view = NODES.objectNode();
        view.put("type", "home");
        view.set("blocks", blocks);
        calls.call("views.publish", ref, () -> client().viewsPublish(r -> r.userId(userId).viewAsString(view.toString())));
    }

    private MethodsClient client() {
        return app.slack().methods(settings.botToken().reveal());
    }

    /**
     * Stops taking requests from Socket Mode, then waits up to the drain bound for commands
     * already running to answer; what is still running after it is interrupted.
     */
    @Override
    public void close() {
        if (socketMode != null) {
            try {
                socketMode.close();
            } catch (Exception e) {
                LOG.warn("Slack Socket Mode did not close cleanly", e);
            }
        }
        workers.shutdown();
        try {
            if (!workers.awaitTermination(settings.drain().toMillis(), TimeUnit.MILLISECONDS)) {
                List<Runnable> dropped = workers.shutdownNow();
                LOG.warn("Slack face stopped with commands still running; {} queued were dropped", dropped.size());
            }
        } catch (InterruptedException e) {
            workers.shutdownNow();
            Thread.currentThread().interrupt();
        }
        app.stop();
    }
}
