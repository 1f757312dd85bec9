package dev.purser.core.alerts;

import dev.purser.core.config.AlertRouteConfig;

/** Delivers a message to a route's channel. Implemented by the chat faces (bot module). */
public interface AlertSender {

    /**
     * Posts the message, retrying what the platform says to retry (rate limits, server errors)
     * within its own bound.
     *
     * @throws dev.purser.core.error.PurserException EXTERNAL_API_ERROR when the platform refused or
     *         kept failing, BAD_ARGUMENT when the platform's token is not set; nothing was posted then
     */
    void send(AlertRouteConfig route, AlertMessage message);

    /** A sender for a deployment without chat faces: every send fails, saying so. */
    AlertSender NONE = (route, message) -> {
        throw dev.purser.core.error.PurserException.badArgument("alerts to " + route.platform()
                + " cannot be sent: this Purser has no chat delivery configured");
    };
}
