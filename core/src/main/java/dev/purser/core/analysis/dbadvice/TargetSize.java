package dev.purser.core.analysis.dbadvice;

/**
 * The machine a database is proposed to run on.
 *
 * @param memoryBytes    RAM available to PostgreSQL
 * @param maxConnections the connection limit to configure
 */
public record TargetSize(long memoryBytes, int vCpus, int maxConnections) {

    public TargetSize {
        if (memoryBytes < 256L * 1024 * 1024) {
            throw new IllegalArgumentException("memoryBytes must be at least 256 MiB: " + memoryBytes);
        }
        if (vCpus < 1) {
            throw new IllegalArgumentException("vCpus must be at least 1: " + vCpus);
        }
        if (maxConnections < 1) {
            throw new IllegalArgumentException("maxConnections must be at least 1: " + maxConnections);
        }
    }
}
