package dev.purser.core.analysis.rightsizing;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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

    private static final Pattern KEY_LINE = Pattern.compile(
            "^(\\s*)(?:-\\s+)?(\"(?:[^\"\\\\]|\\\\.)*\"|'[^']*'|[^\\s#'\"\\-][^:#]*?|-[^\\s:#][^:#]*?)\\s*:(?:(\\s+)(.*?))?\\s*$");

    private ComposePatcher() {
    }

    /** Applies the changes; {@code fileName} labels the diff ({@code a/fileName}, {@code b/fileName}). */
    public static Result patch(String yaml, List<Change> changes, String fileName) {
        String[] lines = yaml.split("\n", -1);
        String[] out = lines.clone();
        List<Change> applied = new ArrayList<>();
        List<Change> pending = new ArrayList<>(changes);
        List<int[]> stackIndent = new ArrayList<>();
        List<String> stackKey = new ArrayList<>();
        int blockIndent = -1;
        for (int i = 0; i < lines.length; i++) {
            String raw = lines[i];
            boolean cr = raw.endsWith("\r");
            String line = cr ? raw.substring(0, raw.length() - 1) : raw;
            int indent = 0;
            while (indent < line.length() && line.charAt(indent) == ' ') {
                indent++;
            }
            String content = line.substring(indent);
            if (blockIndent >= 0) {
                if (content.isEmpty() || indent > blockIndent) {
                    continue;
                }
                blockIndent = -1;
            }
            if (content.isEmpty() || content.startsWith("#")) {
                continue;
            }
            Matcher m = KEY_LINE.matcher(line);
            if (!m.matches()) {
                continue;
            }
            boolean listItem = content.startsWith("- ");
            int keyIndent = listItem ? indent + 2 : indent;
            if (listItem) {
                popTo(stackIndent, stackKey, indent);
                stackIndent.add(new int[] {indent});
                stackKey.add("-");
            }
            popTo(stackIndent, stackKey, keyIndent);
            String key = Quantities.unquote(m.group(2));
            stackIndent.add(new int[] {keyIndent});
            stackKey.add(key);
            String rest = m.group(4) == null ? "" : m.group(4);
            if (rest.startsWith("|") || rest.startsWith(">")) {
                blockIndent = keyIndent;
                continue;
            }
            if (rest.isEmpty()) {
                continue;
            }
            Change change = match(stackKey, pending);
            if (change == null) {
                continue;
            }
            int valueStart = m.start(4);
            String valueAndComment = line.substring(valueStart);
            int commentAt = commentStart(valueAndComment);
            String value = commentAt < 0 ? valueAndComment : valueAndComment.substring(0, commentAt);
            String trailing = commentAt < 0 ? "" : valueAndComment.substring(commentAt);
            String valueTrimmed = value.stripTrailing();
            String spaces = value.substring(valueTrimmed.length());
            String quoted = valueTrimmed.startsWith("\"") ? "\"" + change.newValue() + "\""
                    : valueTrimmed.startsWith("'") ? "'" + change.newValue() + "'" : change.newValue();
            if (!quoted.equals(valueTrimmed)) {
                out[i] = line.substring(0, valueStart) + quoted + spaces + trailing + (cr ? "\r" : "");
            }
            pending.remove(change);
            applied.add(change);
        }
        String text = String.join("\n", out);
        return new Result(text, applied, pending, UnifiedDiff.of(fileName, lines, out));
    }

    private static void popTo(List<int[]> indents, List<String> keys, int indent) {
        while (!indents.isEmpty() && indents.get(indents.size() - 1)[0] >= indent) {
            indents.remove(indents.size() - 1);
            keys.remove(keys.size() - 1);
        }
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

    /** Index of a {@code #} that starts a comment (preceded by whitespace, outside quotes), or -1. */
    private static int commentStart(String s) {
        boolean single = false;
        boolean dbl = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\'' && !dbl) {
                single = !single;
            } else if (c == '"' && !single) {
                dbl = !dbl;
            } else if (c == '#' && !single && !dbl && (i == 0 || Character.isWhitespace(s.charAt(i - 1)))) {
                int start = i;
                while (start > 0 && Character.isWhitespace(s.charAt(start - 1))) {
                    start--;
                }
                return start;
            }
        }
        return -1;
    }
}
