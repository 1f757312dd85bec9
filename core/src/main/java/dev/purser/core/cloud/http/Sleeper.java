package dev.purser.core.cloud.http;

import java.time.Duration;

/**
 * Waits between attempts. Injected so tests record the waits instead of spending them.
 */
@FunctionalInterface
public interface Sleeper {

    /**
     * Blocks for {@code duration}.
     *
     * @throws InterruptedException if the thread is interrupted while waiting
     */
    void sleep(Duration duration) throws InterruptedException;

    /** Really sleeps, with {@link Thread#sleep(long)}. */
    static Sleeper system() {
        return duration -> Thread.sleep(duration.toMillis());
    }
}
