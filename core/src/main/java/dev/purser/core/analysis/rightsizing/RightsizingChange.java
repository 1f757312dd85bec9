package dev.purser.core.analysis.rightsizing;

import java.util.Objects;

/**
 * A right-sizing change: from one configuration to another. Equal changes are equal values, and
 * {@link #canonical()} is their one text form, for a plan to hash and an executor to read.
 */
public record RightsizingChange(Configuration from, Configuration to) {

    public RightsizingChange {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
    }

    /** True when nothing would change. */
    public boolean none() {
        return from.setting().equals(to.setting());
    }

    /** {@code from{...} -> to{...}} with each side in {@link Configuration#canonical()} form. */
    public String canonical() {
        return "from{" + from.canonical() + "} -> to{" + to.canonical() + "}";
    }

    /** As text output shows it: the label, or {@code label → label} when it changes. */
    public String label() {
        return from.label().equals(to.label()) ? from.label() : from.label() + " → " + to.label();
    }
}
