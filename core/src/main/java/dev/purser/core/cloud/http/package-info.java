/**
 * HTTP plumbing shared by the cloud clients, on the JDK's {@link java.net.http.HttpClient}:
 * {@link dev.purser.core.cloud.http.ApiHttpClient} sends one GET with bounded retries
 * (exponential backoff with jitter on 5xx, timeouts and connection errors; a wait until the
 * provider's reset on 429), records rate-limit headers in a
 * {@link dev.purser.core.cloud.http.RateLimitRecorder}, and turns a final failure into a
 * {@link dev.purser.core.error.PurserException} through the provider's
 * {@link dev.purser.core.cloud.http.ProviderProfile}. Time and sleeping are injected so tests
 * never really wait.
 */
package dev.purser.core.cloud.http;
