package dev.purser.core.analysis.waste;

import java.util.Objects;

/**
 * A resource that could be waste but whose state or usage Purser cannot see: reported, never
 * counted as idle.
 *
 * @param check  what could not be judged: {@code idle machine}, {@code idle database}, {@code attachment}, ...
 * @param reason what is missing ("no cpu_percent samples", "CPU data covers 20 % of the 30-day window")
 */
public record UnknownResource(String account, String resourceId, String resourceName, String resourceKind,
                              String check, String reason) {

    public UnknownResource {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(resourceId, "resourceId");
        Objects.requireNonNull(resourceName, "resourceName");
        Objects.requireNonNull(resourceKind, "resourceKind");
        Objects.requireNonNull(check, "check");
        Objects.requireNonNull(reason, "reason");
    }
}
