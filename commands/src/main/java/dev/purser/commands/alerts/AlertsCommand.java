package dev.purser.commands.alerts;

import dev.purser.commands.ArgumentSpec;
import dev.purser.commands.ArgumentTypes;
import dev.purser.commands.CommandContext;
import dev.purser.commands.CommandSpec;
import dev.purser.commands.Effect;
import dev.purser.commands.Invocation;
import dev.purser.commands.Role;
import dev.purser.commands.reply.Column;
import dev.purser.commands.reply.Reply;
import dev.purser.commands.reply.Table;
import dev.purser.commands.reply.Value;
import dev.purser.commands.reply.ValueType;
import dev.purser.core.alerts.AlertService;
import dev.purser.core.config.AlertRouteConfig;
import dev.purser.core.error.ErrorCode;
import dev.purser.core.error.PurserException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * {@code alerts [list|test] [<route>]}: the alert routes.
 *
 * <ul>
 * <li>{@code alerts} or {@code alerts list} (viewer): each route's name, kind, scope, platform,
 *     channel, whether it sends a daily digest, its quiet period and whether decreases repeat.</li>
 * <li>{@code alerts test <route>} (admin): posts a real sample message to the route's channel,
 *     outside de-duplication, to check the channel id and the bot token.</li>
 * </ul>
 */
public final class AlertsCommand {

    public static final String NAME = "alerts";
    static final String LIST = "list";
    static final String TEST = "test";

    private final AlertService alerts;
    private final ArgumentSpec<String> action;
    private final ArgumentSpec<String> route;
    private final CommandSpec spec;

    private AlertsCommand(AlertService alerts) {
        this.alerts = Objects.requireNonNull(alerts, "alerts");
        this.action = ArgumentSpec.builder("action", ArgumentTypes.choice(LIST, TEST))
                .description("list (default) shows the routes; test sends a sample message to one (admin)")
                .defaultValue(LIST).positional().build();
        this.route = ArgumentSpec.builder("route", ArgumentTypes.text())
                .description("The route's name, for test (alerts list shows them)").positional().build();
        this.spec = new CommandSpec(NAME, "Alert routes",
                "Alert routes: where budget, anomaly, ingestion, plan and report alerts go; send a test message",
                "Lists the alert routes configured under alert_routes in purser.yaml: which kind and scope each "
                        + "takes, the Slack or Discord channel, whether it collects a daily digest, its quiet period "
                        + "and whether decreases are alerted too. Admins can send a real sample message to a route "
                        + "with alerts test <route>.",
                List.of(action, route), Role.VIEWER, Effect.ADDS, this::handle);
    }

    public static CommandSpec create(AlertService alerts) {
        return new AlertsCommand(alerts).spec;
    }

    private Reply handle(Invocation invocation, CommandContext context) {
        String a = invocation.get(action);
        return switch (a) {
            case LIST -> list();
            case TEST -> test(invocation, context);
            default -> throw new IllegalStateException("the action choice let through '" + a + "'");
        };
    }

    private Reply list() {
        Reply.Builder reply = Reply.builder(NAME, "Alert routes");
        if (alerts.routes().isEmpty()) {
            return reply.summary("No alert routes are configured. Add them under alert_routes: in purser.yaml "
                    + "(kind, scope, platform, channel).").build();
        }
        List<List<Value>> rows = new ArrayList<>();
        for (AlertRouteConfig r : alerts.routes()) {
            rows.add(List.of(Value.text(r.name()), Value.text(r.kind()), Value.text(r.scope()), Value.text(r.platform()),
                    Value.text(r.channel()), Value.text(r.digest() ? "daily digest" : "at once"),
                    Value.text(r.quietPeriod().toHours() + " h"), Value.text(r.includeDecreases() ? "yes" : "no")));
        }
        reply.summary(alerts.routes().size() + " route(s). Budget crossings go out once per budget, threshold, month "
                + "and basis; other alerts repeat only after the quiet period, and only when they grew.");
        reply.table(new Table("routes", "Routes", List.of(
                new Column("name", "route", ValueType.TEXT),
                new Column("kind", "kind", ValueType.TEXT),
                new Column("scope", "scope", ValueType.TEXT),
                new Column("platform", "platform", ValueType.TEXT),
                new Column("channel", "channel", ValueType.TEXT),
                new Column("delivery", "delivery", ValueType.TEXT),
                new Column("quiet", "quiet period", ValueType.TEXT),
                new Column("decreases", "decreases", ValueType.TEXT)), rows, List.of()));
        return reply.build();
    }

    private Reply test(Invocation invocation, CommandContext context) {
        if (!context.principal().has(Role.ADMIN)) {
            throw new PurserException(ErrorCode.FORBIDDEN, "alerts test needs the admin role, which "
                    + context.principal().displayName() + " does not have");
        }
        String name = invocation.get(route);
        if (name == null) {
            throw PurserException.badArgument("alerts test needs a route: alerts test <route>"
                    + (alerts.routes().isEmpty() ? "" : " (one of: " + String.join(", ",
                    alerts.routes().stream().map(AlertRouteConfig::name).toList()) + ")"));
        }
        AlertService.Delivery d = alerts.test(name);
        AlertRouteConfig r = alerts.route(d.route()).orElseThrow();
        return Reply.builder(NAME, "Test alert sent")
                .summary("Sent a sample " + r.kind() + " alert to " + r.platform() + " channel " + r.channel()
                        + " (route " + r.name() + ").")
                .figure("route", "Route", Value.text(r.name()))
                .figure("channel", "Channel", Value.text(r.platform() + " " + r.channel()))
                .build();
    }
}
