package dev.purser.core.analysis.rightsizing;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Rewrites the {@code cpus:} and {@code memory:} values of a docker-compose file in place, line by
 * line, and nothing else: comments, quoting, key order, blank lines and every untouched line stay
 * byte for byte. A YAML library would re-emit the whole document and lose all of that, so the
 * patcher tracks only the indentation path of block-style keys ({@code services → name → deploy →
 * resources → limits|reservations → cpus|memory}, and the service-level {@code cpus},
 * {@code mem_limit}, {@code mem_reservation}); block scalars ({@code |}, {@code >}) are skipped.
 * Settings with no such line (flow style, or not set at all) are returned as not found, for the
 * caller to report rather than invent.
 */
public final class ComposePatcher {

    /** Which value to rewrite. */
    public enum Setting {
        LIMIT_CPUS,
        LIMIT_MEMORY,
        RESERVATION_CPUS,
        RESERVATION_MEMORY
    }

    /** One value to write; {@code newValue} is the bare value, without quotes (the line's quoting is kept). */
    public record Change(String service, Setting setting, String newValue) {
        public Change {
            Objects.requireNonNull(service, "service");
            Objects.requireNonNull(setting, "setting");
            Objects.requireNonNull(newValue, "newValue");
        }
    }

    /**
     * @param text     the patched file
     * @param applied  changes written
     * @param notFound changes with no line to rewrite
     * @param unifiedDiff the change as a unified diff; empty when nothing changed
     */
    public record Result(String text, List<Change> applied, List<Change> notFound, String unifiedDiff) {
        public Result {
            Objects.requireNonNull(text, "text");
            applied = List.copyOf(applied);
            notFound = List.copyOf(notFound);
            Objects.requireNonNull(unifiedDiff, "unifiedDiff");
        }
    }

    private ComposePatcher() {
    }

    /** Applies the changes; {@code fileName} labels the diff ({@code a/fileName}, {@code b/fileName}). */
    public static Result patch(String yaml, List<Change> changes, String fileName) {
        String[] lines = BlockYaml.lines(yaml);
        String[] out = lines.clone();
        List<Change> applied = new ArrayList<>();
        List<Change> pending = new ArrayList<>(changes);
        for (BlockYaml.KeyLine k : BlockYaml.scan(lines, 0, lines.length)) {
            if (k.value().isEmpty() || k.value().startsWith("|") || k.value().startsWith(">")) {
                continue;
            }
            Change change = match(k.path(), pending);
            if (change == null) {
                continue;
            }
            out[k.line()] = BlockYaml.rewrite(lines[k.line()], k, change.newValue());
            pending.remove(change);
            applied.add(change);
        }
        String text = String.join("\n", out);
        return new Result(text, applied, pending, UnifiedDiff.of(fileName, lines, out));
    }

    private static Change match(List<String> path, List<Change> pending) {
        if (path.size() < 3 || !path.get(0).equals("services")) {
            return null;
        }
        String service = path.get(1);
        Setting setting = null;
        if (path.size() == 6 && path.get(2).equals("deploy") && path.get(3).equals("resources")) {
            boolean limits = path.get(4).equals("limits");
            boolean reservations = path.get(4).equals("reservations");
            if (path.get(5).equals("cpus")) {
                setting = limits ? Setting.LIMIT_CPUS : reservations ? Setting.RESERVATION_CPUS : null;
            } else if (path.get(5).equals("memory")) {
                setting = limits ? Setting.LIMIT_MEMORY : reservations ? Setting.RESERVATION_MEMORY : null;
            }
        } else if (path.size() == 3) {
            setting = switch (path.get(2)) {
                case "cpus" -> Setting.LIMIT_CPUS;
                case "mem_limit" -> Setting.LIMIT_MEMORY;
                case "mem_reservation" -> Setting.RESERVATION_MEMORY;
                default -> null;
            };
        }
        if (setting == null) {
            return null;
        }
        for (Change c : pending) {
            if (c.service().equals(service) && c.setting() == setting) {
                return c;
            }
        }
        return null;
    }
}
