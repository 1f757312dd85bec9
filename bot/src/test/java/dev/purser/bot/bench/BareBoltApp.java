package dev.purser.bot.bench;

import com.slack.api.Slack;
import com.slack.api.bolt.App;
import com.slack.api.bolt.AppConfig;
import com.slack.api.bolt.jakarta_servlet.SlackAppServlet;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * The baseline of the Slack ack benchmark: Bolt's jakarta servlet on Jetty 12, the same stack
 * and the same Bolt settings as {@code purser serve}, with a {@code /purser} handler that only
 * acks. Argument: the Web API base URL (a stand-in answering {@code auth.test}); the signing
 * secret and bot token come from the environment as for Purser. Prints {@code listening on <url>}.
 */
public final class BareBoltApp {

    private BareBoltApp() {
    }

    public static void main(String[] args) throws Exception {
        com.slack.api.SlackConfig slackConfig = new com.slack.api.SlackConfig();
        slackConfig.setMethodsEndpointUrlPrefix(args[0]);
        App app = new App(AppConfig.builder()
                .slack(Slack.getInstance(slackConfig))
                .signingSecret(System.getenv("SLACK_SIGNING_SECRET"))
                .singleTeamBotToken(System.getenv("SLACK_BOT_TOKEN"))
                .authTestCacheExpirationMillis(-1L)
                .build());
        app.command("/purser", (req, ctx) -> ctx.ack());
        app.start();
        Server jetty = new Server();
        ServerConnector connector = new ServerConnector(jetty);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        jetty.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/");
        context.addServlet(new ServletHolder(new SlackAppServlet(app)), "/slack/events");
        jetty.setHandler(context);
        jetty.start();
        System.err.println("bare bolt: listening on http://127.0.0.1:" + connector.getLocalPort());
        jetty.join();
    }
}
