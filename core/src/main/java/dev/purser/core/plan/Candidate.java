package dev.purser.core.plan;

import dev.purser.core.analysis.rightsizing.Recommendation;
import dev.purser.core.model.Resource;
import java.util.Objects;
import java.util.Optional;

/**
 * A recommendation to plan, with the resource it is about and how busy that resource is.
 *
 * @param resource the stored resource, when the inventory has it (a compose service from files has none)
 * @param traffic  its measured traffic over the settings' window, when measured
 */
public record Candidate(Recommendation recommendation, Optional<Resource> resource, Optional<Traffic> traffic) {

    public Candidate {
        Objects.requireNonNull(recommendation, "recommendation");
        Objects.requireNonNull(resource, "resource");
        Objects.requireNonNull(traffic, "traffic");
    }
}
