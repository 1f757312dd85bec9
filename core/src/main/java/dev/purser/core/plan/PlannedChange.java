package dev.purser.core.plan;

import dev.purser.core.analysis.rightsizing.Configuration;
import dev.purser.core.analysis.rightsizing.RightsizingChange;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A typed change and the executor that makes it: {@code digitalocean.database.resize} from
 * {@code db-s-1vcpu-2gb x 2 nodes} to {@code db-s-1vcpu-2gb x 1 node}.
 *
 * @param executor which executor applies it ({@code digitalocean.database.resize},
 *                 {@code digitalocean.database.rehearsal}, {@code digitalocean.droplet.resize},
 *                 {@code gitops.compose}, {@code gitops.kubernetes}, {@code manual})
 * @param change   from the current configuration to the target one
 */
public record PlannedChange(String executor, RightsizingChange change) {

    public PlannedChange {
        Objects.requireNonNull(executor, "executor");
        Objects.requireNonNull(change, "change");
        if (!executor.matches("[a-z][a-z0-9_.-]*")) {
            throw new IllegalArgumentException("executor must be lower-case dotted words: " + executor);
        }
    }

    /** The change that undoes this one, through the same executor. */
    public PlannedChange inverse() {
        return new PlannedChange(executor, new RightsizingChange(change.to(), change.from()));
    }

    /**
     * What the executor is asked to set, by name ({@code size}, {@code nodes}; {@code cpus_limit},
     * {@code memory_limit}, ...): the target configuration's settings, unknown figures left out.
     */
    public Map<String, String> parameters() {
        Map<String, String> out = new LinkedHashMap<>();
        Configuration to = change.to();
        to.values().forEach((k, v) -> {
            if (!v.equals("unknown")) {
                out.put(k, v);
            }
        });
        return out;
    }

    /** {@code executor=...;from{...} -> to{...}}. */
    public String canonical() {
        return "executor=" + executor + ";" + change.canonical();
    }

    /** {@code db-s-1vcpu-2gb x 2 nodes → db-s-1vcpu-2gb x 1 node}. */
    public String label() {
        return change.label();
    }
}
