package dev.purser.core.analysis.rightsizing;

import java.util.List;
import java.util.Objects;

/** A level with the reasons that set it, e.g. risk MEDIUM because "bursty: p99 is 4.1x p50". */
public record Assessment(Level level, List<String> reasons) {

    public Assessment {
        Objects.requireNonNull(level, "level");
        reasons = List.copyOf(reasons);
    }
}
