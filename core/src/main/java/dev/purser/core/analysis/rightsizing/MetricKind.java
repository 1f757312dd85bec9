package dev.purser.core.analysis.rightsizing;

import dev.purser.core.model.UsageSeries;
import java.util.Locale;

/**
 * How a usage series is read. Names are matched loosely so DigitalOcean monitoring, Prometheus,
 * cAdvisor and {@code docker stats} series all fit: a name containing {@code cpu} is CPU, one
 * containing {@code mem} is memory, {@code conn} is connections; a unit of {@code percent} (or a
 * name with {@code percent}/{@code utilization}) is a share of capacity; a name ending in
 * {@code _seconds_total} is a cumulative CPU counter read as a rate.
 */
enum MetricKind {
    /** CPU in cores ({@code cpu_cores}). */
    CPU_CORES,
    /** CPU as 0..100 percent of the resource's vCPUs ({@code cpu_percent}). */
    CPU_PERCENT,
    /** Cumulative CPU seconds ({@code container_cpu_usage_seconds_total}): the rate is cores. */
    CPU_SECONDS_COUNTER,
    /** Memory in bytes ({@code memory_bytes}, {@code container_memory_working_set_bytes}). */
    MEMORY_BYTES,
    /** Memory as 0..100 percent of the resource's memory ({@code memory_percent}). */
    MEMORY_PERCENT,
    /** Open connections. */
    CONNECTIONS,
    /** Anything else: reported, not used for sizing. */
    OTHER;

    static MetricKind of(UsageSeries series) {
        String name = series.metric().toLowerCase(Locale.ROOT);
        String unit = series.unit().toLowerCase(Locale.ROOT);
        boolean percent = unit.equals("percent") || unit.equals("%") || name.contains("percent")
                || name.contains("utilization") || name.contains("utilisation");
        if (name.contains("cpu")) {
            if (percent) {
                return CPU_PERCENT;
            }
            if (name.endsWith("_seconds_total") || unit.equals("seconds")) {
                return CPU_SECONDS_COUNTER;
            }
            return CPU_CORES;
        }
        if (name.contains("mem")) {
            return percent ? MEMORY_PERCENT : MEMORY_BYTES;
        }
        if (name.contains("conn")) {
            return CONNECTIONS;
        }
        return OTHER;
    }

    boolean isCpu() {
        return this == CPU_CORES || this == CPU_PERCENT || this == CPU_SECONDS_COUNTER;
    }

    boolean isMemory() {
        return this == MEMORY_BYTES || this == MEMORY_PERCENT;
    }
}
