package dev.purser.core.alerts;

import java.util.Locale;

/** What an alert is about; the words are the {@code kind} of an {@code alert_routes} entry. */
public enum AlertKind {
    BUDGET,
    ANOMALY,
    /** Waste found and the weekly savings digest. */
    WASTE,
    /** Plan and phase events. */
    MIGRATION,
    /** Failed imports and pulls. */
    INGESTION,
    REPORT;

    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @throws IllegalArgumentException for a word that is no kind */
    public static AlertKind of(String word) {
        return valueOf(word.toUpperCase(Locale.ROOT));
    }
}
