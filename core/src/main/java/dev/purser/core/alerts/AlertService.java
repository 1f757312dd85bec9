package dev.purser.core.alerts;

import dev.purser.core.config.AlertRouteConfig;
import dev.purser.core.error.ErrorCode;
import dev.purser.core.error.PurserException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes alerts to the configured channels, once.
 *
 * <p>Routing: an alert goes to every route of its kind whose scope is {@code *} or names the
 * alert's account ({@code account:}), budget ({@code budget:}) or tier ({@code tier:}).
 *
 * <p>Exactly once per subject and route: each route's delivery is first claimed in the
 * {@link AlertLedger} (the decision of {@link AlertPolicy}, recorded in the same transaction), then
 * sent; a send that fails releases the claim, so the next run of the job tries again instead of
 * the alert being lost, and a restart finds what was sent and does not repeat it. A digest route
 * queues the alert instead, and {@link #flushDigests()} sends each route's queue as one message.
 */
public final class AlertService {

    private static final Logger LOG = LoggerFactory.getLogger(AlertService.class);

    /** Lines a digest lists before saying how many more there are. */
    static final int DIGEST_LINES = 40;

    /** What happened to one alert on one route. */
    public enum Outcome {
        SENT,
        QUEUED,
        DUPLICATE,
        QUIET,
        NOT_INCREASED,
        FAILED
    }

    /**
     * @param detail why it failed (with a reference id), or empty
     */
    public record Delivery(String route, String key, Outcome outcome, String detail) {
    }

    private final List<AlertRouteConfig> routes;
    private final AlertLedger ledger;
    private final AlertSender sender;
    private final Clock clock;

    public AlertService(List<AlertRouteConfig> routes, AlertLedger ledger, AlertSender sender, Clock clock) {
        this.routes = List.copyOf(routes);
        this.ledger = Objects.requireNonNull(ledger, "ledger");
        this.sender = Objects.requireNonNull(sender, "sender");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public List<AlertRouteConfig> routes() {
        return routes;
    }

    /** The routes an alert goes to. */
    public List<AlertRouteConfig> routesFor(Alert alert) {
        List<AlertRouteConfig> out = new ArrayList<>();
        for (AlertRouteConfig r : routes) {
            if (r.kind().equals(alert.kind().word()) && inScope(r.scope(), alert)) {
                out.add(r);
            }
        }
        return out;
    }

    private static boolean inScope(String scope, Alert alert) {
        if (scope.equals("*")) {
            return true;
        }
        int colon = scope.indexOf(':');
        String what = scope.substring(0, colon);
        String name = scope.substring(colon + 1);
        return switch (what) {
            case "account" -> name.equals(alert.account());
            case "budget" -> name.equals(alert.budget());
            case "tier" -> name.equals(alert.tier());
            default -> false;
        };
    }

    /** Sends (or queues) one alert to each of its routes; see the class comment. */
    public List<Delivery> publish(Alert alert) {
        List<Delivery> out = new ArrayList<>();
        for (AlertRouteConfig route : routesFor(alert)) {
            out.add(deliver(alert, route));
        }
        return out;
    }

    public List<Delivery> publishAll(List<Alert> alerts) {
        List<Delivery> out = new ArrayList<>();
        for (Alert a : alerts) {
            out.addAll(publish(a));
        }
        return out;
    }

    /**
     * The entry point for plan and phase events (the plans and executors call it): one
     * once-only {@link AlertKind#MIGRATION} alert per plan, phase and event, routed by tier.
     *
     * @param plan    the plan's id
     * @param phase   the phase's name, or null for the plan as a whole
     * @param event   what happened, one word (approved, started, rolled-back, failed, done)
     * @param tier    the phase's environment tier, for {@code tier:} scopes; may be null
     * @param title   one line for people
     * @param lines   the figures that decided it
     */
    public List<Delivery> planEvent(String plan, String phase, String event, String tier, String title,
            List<String> lines) {
        String key = "plan:" + plan + ":" + (phase == null ? "-" : phase) + ":" + event;
        return publish(new Alert(AlertKind.MIGRATION, key, null, null, tier, title, lines, null, true,
                "purser migration status " + plan));
    }

    private Delivery deliver(Alert alert, AlertRouteConfig route) {
        Instant now = clock.instant();
        AlertLedger.Claim claim = ledger.claim(alert, route, now);
        switch (claim.decision()) {
            case DUPLICATE:
                return new Delivery(route.name(), alert.key(), Outcome.DUPLICATE, "");
            case QUIET:
                return new Delivery(route.name(), alert.key(), Outcome.QUIET, "");
            case NOT_INCREASED:
                return new Delivery(route.name(), alert.key(), Outcome.NOT_INCREASED, "");
            case SEND:
                break;
        }
        if (route.digest()) {
            ledger.enqueue(alert, route, now);
            return new Delivery(route.name(), alert.key(), Outcome.QUEUED, "");
        }
        try {
            sender.send(route, alert.message());
            LOG.info("alert {} sent to route {}", alert.key(), route.name());
            return new Delivery(route.name(), alert.key(), Outcome.SENT, "");
        } catch (PurserException e) {
            ledger.release(claim);
            LOG.warn("alert {} to route {} failed [ref {}]: {}", alert.key(), route.name(), e.referenceId(), e.getMessage());
            return new Delivery(route.name(), alert.key(), Outcome.FAILED, e.getMessage() + " (ref " + e.referenceId() + ")");
        }
    }

    /**
     * Sends each digest route's waiting alerts as one message, and marks them sent; a route whose
     * send fails keeps its queue for the next run.
     *
     * @return alerts sent in digests
     */
    public int flushDigests() {
        int sent = 0;
        List<String> failures = new ArrayList<>();
        for (AlertRouteConfig route : routes) {
            if (!route.digest()) {
                continue;
            }
            List<AlertLedger.DigestItem> items = ledger.waiting(route.name());
            if (items.isEmpty()) {
                continue;
            }
            try {
                sender.send(route, digest(route, items));
                ledger.markSent(items, clock.instant());
                sent += items.size();
            } catch (PurserException e) {
                LOG.warn("digest to route {} failed [ref {}]: {}", route.name(), e.referenceId(), e.getMessage());
                failures.add(route.name() + ": " + e.getMessage() + " (ref " + e.referenceId() + ")");
            }
        }
        if (!failures.isEmpty()) {
            throw new PurserException(ErrorCode.EXTERNAL_API_ERROR, "digest not sent to " + String.join("; ", failures));
        }
        return sent;
    }

    static AlertMessage digest(AlertRouteConfig route, List<AlertLedger.DigestItem> items) {
        List<String> lines = new ArrayList<>();
        for (AlertLedger.DigestItem i : items) {
            if (lines.size() == DIGEST_LINES) {
                lines.add("... and " + (items.size() - DIGEST_LINES) + " more");
                break;
            }
            lines.add("• " + i.title() + " (" + i.explain() + ")");
        }
        AlertKind kind = AlertKind.of(route.kind());
        return new AlertMessage(kind, "Purser daily digest: " + items.size() + " " + kind.word() + " alert"
                + (items.size() == 1 ? "" : "s"), lines, "purser jobs history alert-digest");
    }

    /**
     * Sends a sample message to a route, outside de-duplication, to check the channel and token.
     *
     * @throws PurserException NOT_FOUND for an unknown route; EXTERNAL_API_ERROR or BAD_ARGUMENT
     *         from the sender when it cannot post
     */
    public Delivery test(String routeName) {
        AlertRouteConfig route = route(routeName).orElseThrow(() -> new PurserException(ErrorCode.NOT_FOUND,
                "there is no alert route named '" + routeName + "'" + (routes.isEmpty() ? " (none are configured)"
                        : "; routes: " + String.join(", ", routes.stream().map(AlertRouteConfig::name).toList()))));
        AlertKind kind = AlertKind.of(route.kind());
        sender.send(route, new AlertMessage(kind, "Purser test alert for route " + route.name(),
                List.of("This is a sample " + kind.word() + " alert (scope " + route.scope() + ") sent by `alerts test`.",
                        route.digest() ? "This route collects its alerts into a daily digest."
                                : "Alerts on this route are sent one by one; repeats wait "
                                + route.quietPeriod().toHours() + " h."),
                "purser alerts test " + route.name()));
        return new Delivery(route.name(), "test", Outcome.SENT, "");
    }

    public Optional<AlertRouteConfig> route(String name) {
        return routes.stream().filter(r -> r.name().equals(name)).findFirst();
    }
}
