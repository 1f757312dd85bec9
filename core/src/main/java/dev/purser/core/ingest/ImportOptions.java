package dev.purser.core.ingest;

/**
 * @param lenient skip malformed rows (listing them) instead of failing the whole file
 */
public record ImportOptions(boolean lenient) {
    public static final ImportOptions STRICT = new ImportOptions(false);
}
