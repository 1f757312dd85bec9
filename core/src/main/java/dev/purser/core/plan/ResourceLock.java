package dev.purser.core.plan;

import java.time.Instant;
import java.util.Objects;

/**
 * A resource held by an approved or running plan, against every other plan.
 *
 * @param resourceId the provider's id
 * @param name       the resource's name, for messages
 * @param planId     the plan that holds it
 * @param since      when the plan took it
 */
public record ResourceLock(String resourceId, String name, long planId, Instant since) {

    public ResourceLock {
        Objects.requireNonNull(resourceId, "resourceId");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(since, "since");
    }
}
