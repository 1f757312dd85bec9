package dev.purser.core.analysis.forecast;

import java.time.LocalDate;
import java.util.Objects;

/** The first and last day (inclusive) the cost store has data for. */
public record DataSpan(LocalDate first, LocalDate last) {

    public DataSpan {
        Objects.requireNonNull(first, "first");
        Objects.requireNonNull(last, "last");
        if (last.isBefore(first)) {
            throw new IllegalArgumentException("data span ends before it starts: " + first + ".." + last);
        }
    }

    public boolean contains(LocalDate day) {
        return !day.isBefore(first) && !day.isAfter(last);
    }
}
