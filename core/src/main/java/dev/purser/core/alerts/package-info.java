/**
 * Alerts: what to tell which channel, and when not to. {@link dev.purser.core.alerts.AlertService}
 * routes an {@link dev.purser.core.alerts.Alert} by kind and scope to the configured routes,
 * decides per route with {@link dev.purser.core.alerts.AlertPolicy} (once-only subjects, quiet
 * period, increases only) against what the {@link dev.purser.core.alerts.AlertLedger} says was sent,
 * and hands the message to an {@link dev.purser.core.alerts.AlertSender}, or queues it for the
 * route's daily digest. {@link dev.purser.core.alerts.PlanThreadNotes} tells each chat copy of a
 * plan's message how its phases move ({@link dev.purser.core.alerts.PhaseMoveNotes} renders the
 * figures of the move's audit entry), once per move and thread. Delivery to Slack and Discord
 * lives in the bot module; core only knows the ports.
 */
package dev.purser.core.alerts;
