package dev.purser.core.execution;

import dev.purser.core.analysis.rightsizing.RightsizingChange;
import java.util.Objects;

/** A typed change to one target: what a plan's phase asks an executor to do. */
public record ChangeRequest(Target target, RightsizingChange change) {

    public ChangeRequest {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(change, "change");
    }

    /** The same target, from and to swapped: what undoes this change. */
    public ChangeRequest inverse() {
        return new ChangeRequest(target, new RightsizingChange(change.to(), change.from()));
    }
}
