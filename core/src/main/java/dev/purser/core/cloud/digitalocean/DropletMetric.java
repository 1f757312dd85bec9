package dev.purser.core.cloud.digitalocean;

/**
 * The droplet metrics Purser reads from {@code /v2/monitoring/metrics/droplet/<path>}.
 */
public enum DropletMetric {
    /** Cumulative CPU seconds per mode (idle, user, system, ...): rate them to get usage. */
    CPU("cpu"),
    /** Total memory, bytes. */
    MEMORY_TOTAL("memory_total"),
    /** Memory available to new work, bytes. */
    MEMORY_AVAILABLE("memory_available"),
    /** Unused memory, bytes. */
    MEMORY_FREE("memory_free"),
    /** Page cache, bytes. */
    MEMORY_CACHED("memory_cached");

    private final String path;

    DropletMetric(String path) {
        this.path = path;
    }

    /** The last segment of the endpoint path. */
    public String path() {
        return path;
    }
}
