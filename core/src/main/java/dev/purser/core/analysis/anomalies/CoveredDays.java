package dev.purser.core.analysis.anomalies;

import java.time.LocalDate;
import java.util.Objects;

/** The first and last UTC day (inclusive) the cost store holds data for. */
public record CoveredDays(LocalDate first, LocalDate last) {

    public CoveredDays {
        Objects.requireNonNull(first, "first");
        Objects.requireNonNull(last, "last");
        if (last.isBefore(first)) {
            throw new IllegalArgumentException("covered days end before they start: " + first + ".." + last);
        }
    }
}
