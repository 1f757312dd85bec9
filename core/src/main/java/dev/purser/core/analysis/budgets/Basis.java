package dev.purser.core.analysis.budgets;

import java.util.Locale;

/** What a crossing was measured on: spend so far, or the month-end forecast. */
public enum Basis {
    ACTUAL,
    FORECAST;

    /** The word stored and shown: {@code actual}, {@code forecast}. */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }
}
