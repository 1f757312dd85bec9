package dev.purser.core.cloud.prometheus;

/**
 * The usage measures Purser asks Prometheus for. Each names the {@code metric} and {@code unit}
 * that the resulting {@link dev.purser.core.model.UsageSeries} carry.
 */
public enum PrometheusMetric {
    /** CPU in use, in cores (a 4-core machine at 50 % is 2.0). */
    CPU_CORES("cpu_cores", "cores"),
    /** CPU in use as a fraction of the machine's cores, 0..1. */
    CPU_UTILISATION("cpu_utilisation", "ratio"),
    /** Memory in use (node: total − available; container: working set), in bytes. */
    MEMORY_BYTES("memory_bytes", "bytes"),
    /** Open database connections. */
    CONNECTIONS("connections", "count"),
    /** Committed database transactions per second. */
    TRANSACTIONS_PER_SECOND("transactions_per_second", "per_second");

    private final String metricName;
    private final String unit;

    PrometheusMetric(String metricName, String unit) {
        this.metricName = metricName;
        this.unit = unit;
    }

    /** The {@code UsageSeries.metric} value, e.g. {@code cpu_cores}. */
    public String metricName() {
        return metricName;
    }

    /** The {@code UsageSeries.unit} value, e.g. {@code cores}. */
    public String unit() {
        return unit;
    }
}
