package dev.purser.core.schedule;

import java.time.Instant;
import java.util.Map;
import org.slf4j.LoggerFactory;

/**
 * Work scheduled once at an instant through {@link PurserScheduler#scheduleOnce}, registered
 * under a handler name on every Purser instance with {@link PurserScheduler#register}. Runs once
 * across instances; must still be idempotent about its outside effects (carry an idempotency key
 * to the provider), since an instance can die after the effect and before recording it.
 */
public interface OneOffTask {

    /**
     * @throws RuntimeException to record the run as failed (it is not retried)
     */
    void run(Firing firing);

    /**
     * Called instead of {@link #run} when the fire time passed while no instance was running and
     * the task was scheduled with {@link MisfirePolicy#SKIP}. By default it only logs.
     */
    default void missed(Firing firing) {
        LoggerFactory.getLogger(OneOffTask.class).warn("one-off {}/{} missed its time {} (fired {}); skipped",
                firing.handler(), firing.id(), firing.scheduledFor(), firing.firedAt());
    }

    /**
     * One firing.
     *
     * @param scheduledFor the instant it was scheduled at
     * @param firedAt      when it actually fired
     * @param data         the data given to {@link PurserScheduler#scheduleOnce}
     * @param recovering   true when re-fired because the instance running it died
     */
    record Firing(String handler, String id, Instant scheduledFor, Instant firedAt, Map<String, String> data,
            boolean recovering) {
        public Firing {
            data = Map.copyOf(data);
        }
    }
}
