package dev.purser.core.alerts;

/**
 * Posts a message in the thread of a message Purser posted (a plan's live message): Slack
 * {@code chat.postMessage} with {@code thread_ts}, a Discord reply. Implemented by the chat faces
 * (bot module).
 */
public interface ThreadSender {

    /**
     * Posts the message in the thread, retrying what the platform says to retry (rate limits,
     * server errors) within its own bound.
     *
     * @return the id of the posted reply (Slack's {@code ts}, Discord's message id)
     * @throws dev.purser.core.error.PurserException EXTERNAL_API_ERROR when the platform refused or
     *         kept failing, BAD_ARGUMENT when the platform's token is not set; nothing was posted then
     */
    String reply(PlanThread thread, AlertMessage message);
}
