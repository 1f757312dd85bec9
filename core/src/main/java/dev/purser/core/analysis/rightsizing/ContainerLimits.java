package dev.purser.core.analysis.rightsizing;

import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * A container's CPU and memory settings: compose {@code limits}/{@code reservations} or
 * Kubernetes {@code limits}/{@code requests}. Each may be absent.
 *
 * @param cpusLimit          cores
 * @param memoryLimit        bytes
 * @param cpusReservation    cores (Kubernetes: request)
 * @param memoryReservation  bytes (Kubernetes: request)
 */
public record ContainerLimits(OptionalDouble cpusLimit, OptionalLong memoryLimit, OptionalDouble cpusReservation,
        OptionalLong memoryReservation) {

    public static final ContainerLimits NONE = new ContainerLimits(OptionalDouble.empty(), OptionalLong.empty(),
            OptionalDouble.empty(), OptionalLong.empty());

    public ContainerLimits {
        java.util.Objects.requireNonNull(cpusLimit, "cpusLimit");
        java.util.Objects.requireNonNull(memoryLimit, "memoryLimit");
        java.util.Objects.requireNonNull(cpusReservation, "cpusReservation");
        java.util.Objects.requireNonNull(memoryReservation, "memoryReservation");
    }
}
