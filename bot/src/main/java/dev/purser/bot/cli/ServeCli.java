package dev.purser.bot.cli;

import dev.purser.bot.discord.DiscordFace;
import dev.purser.bot.serve.PurserRuntime;
import dev.purser.bot.serve.PurserServer;
import dev.purser.bot.slack.SlackIdentities;
import dev.purser.bot.slack.SlackSettings;
import dev.purser.core.config.PurserConfig;
import dev.purser.core.schedule.PurserScheduler;
import dev.purser.mcp.McpSettings;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code purser serve}: Slack, MCP over HTTP, metrics and health on one port, and the Discord bot
 * when {@code DISCORD_TOKEN} (the configured {@code discord.token_env}) is set, until the process
 * is told to stop (SIGTERM, Ctrl-C), which drains in-flight work before exiting.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Serve Slack (/slack/events), MCP (/mcp), /metrics, /health and /ready on one port,"
                + " and Discord when its token is set.")
final class ServeCli implements Callable<Integer> {

    private final PurserRuntime runtime;
    private final PrintStream err;

    @Option(names = "--port", description = "port (default: mcp.port, PURSER_MCP_PORT or " + McpSettings.DEFAULT_PORT + ")")
    Integer port;

    @Option(names = "--bind", description = "listen address (default: mcp.bind, PURSER_MCP_BIND or 127.0.0.1)")
    String bind;

    @Option(names = "--drain-seconds", defaultValue = "20",
            description = "how long stopping waits for in-flight commands (default: ${DEFAULT-VALUE})")
    int drainSeconds;

    @Option(names = "--no-scheduler", description = "do not run scheduled jobs in this instance")
    boolean noScheduler;

    ServeCli(PurserRuntime runtime, PrintStream err) {
        this.runtime = runtime;
        this.err = err;
    }

    @Override
    public Integer call() throws InterruptedException {
        PurserConfig config = runtime.settings().config();
        Map<String, String> env = runtime.settings().environment();
        McpSettings mcp = McpSettings.from(config.mcp(), env);
        Duration drain = Duration.ofSeconds(Math.max(drainSeconds, 0));
        SlackSettings slack = SlackSettings.from(config.slack(), env).withDrain(drain);
        // Open (and migrate) the database now, so the first request does not pay for it and a
        // database that cannot be reached stops start-up with its own message.
        try (Connection opened = runtime.dataSource().getConnection()) {
            opened.isValid(2);
        } catch (SQLException e) {
            err.println("purser serve: the database cannot be reached: " + e.getMessage());
            return ExitCodes.FAILURE;
        }
        // The one scheduler: configured jobs, and one-off tasks other work schedules. It starts
        // before the faces so its jobs run even when a face fails to come up.
        PurserScheduler scheduler = null;
        if (runtime.engine().jobs().isPresent() && !noScheduler) {
            scheduler = runtime.scheduler();
            scheduler.start();
            err.println("purser serve: scheduler instance " + scheduler.instanceId() + " running "
                    + runtime.engine().jobs().get().jobs().size() + " configured job(s)");
            // plans approved or resumed while no instance could schedule them are armed now
            int followed = runtime.followPlans();
            // and their threads hear what failed to reach them while no instance could tell them
            runtime.catchUpPlanThreads();
            err.println("purser serve: plan phases run " + (config.execution().live() ? "live" : "as dry runs")
                    + " (execution.mode); " + followed + " open plan(s) followed");
        }
        PurserServer server = PurserServer.start(new PurserServer.Options(bind == null ? config.mcp().bind() : bind,
                port == null ? config.mcp().port() : port, drain, runtime.dispatcher(), runtime.metrics(), mcp, slack,
                new SlackIdentities(config.identities()), this::databaseUp, runtime.clock(),
                // live messages and buttons are in the database: a second instance answers and updates them too
                runtime.liveMessages()));
        for (String face : server.faces()) {
            err.println("purser serve: " + face);
        }
        // Discord talks to Discord over its own gateway session, not through this port
        Optional<DiscordFace> discord;
        try {
            discord = DiscordFace.startIfConfigured(runtime.engine(), runtime.dispatcher(), config, runtime.clock(),
                    line -> err.println("purser serve: " + line),
                    runtime.buttons(), runtime.liveMessages());
        } catch (InterruptedException e) {
            server.close();
            if (scheduler != null) {
                scheduler.close();
            }
            throw e;
        }
        err.println("purser serve: listening on " + server.baseUri() + " (/health, /ready, /metrics)");
        CountDownLatch stopped = new CountDownLatch(1);
        // The JVM halts as soon as its shutdown hooks return, whatever the main thread is doing,
        // so the database (an embedded PostgreSQL included) is closed here too, after the
        // server drained; the launcher's own close afterwards finds it closed.
        PurserScheduler jobs = scheduler;
        Thread hook = new Thread(() -> {
            discord.ifPresent(DiscordFace::close);
            server.close();
            // waits for running jobs, so none is cut off half-way through its database work
            if (jobs != null) {
                jobs.close();
            }
            runtime.close();
            stopped.countDown();
        }, "purser-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        stopped.await();
        return ExitCodes.OK;
    }

    private boolean databaseUp() {
        try (Connection c = runtime.dataSource().getConnection()) {
            return c.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }
}
