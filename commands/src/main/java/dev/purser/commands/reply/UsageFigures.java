package dev.purser.commands.reply;

import java.math.BigDecimal;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The usage a container's sizing rests on: CPU p95 and p99 in cores and the memory maximum in
 * bytes, each absent when there was no data for it. People see {@code 0.29/0.30 cores, 356 MiB}.
 */
public record UsageFigures(Optional<BigDecimal> cpuP95Cores, Optional<BigDecimal> cpuP99Cores,
        OptionalLong memoryMaxBytes) {
    public UsageFigures {
        Objects.requireNonNull(cpuP95Cores, "cpuP95Cores");
        Objects.requireNonNull(cpuP99Cores, "cpuP99Cores");
        Objects.requireNonNull(memoryMaxBytes, "memoryMaxBytes");
        if (cpuP95Cores.isPresent() != cpuP99Cores.isPresent()) {
            throw new IllegalArgumentException("CPU p95 and p99 come together: " + cpuP95Cores + ", " + cpuP99Cores);
        }
    }
}
