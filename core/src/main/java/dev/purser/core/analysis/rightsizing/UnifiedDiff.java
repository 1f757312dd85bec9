package dev.purser.core.analysis.rightsizing;

/**
 * A unified diff of two versions of a file with the same number of lines (the patchers only
 * rewrite values in place), with three lines of context.
 */
final class UnifiedDiff {

    private static final int CONTEXT = 3;

    private UnifiedDiff() {
    }

    static String of(String fileName, String[] before, String[] after) {
        if (before.length != after.length) {
            throw new IllegalArgumentException("line counts differ: " + before.length + " vs " + after.length);
        }
        int n = before.length;
        // A trailing newline leaves one empty last element that is not a line of the file.
        int lines = n > 0 && before[n - 1].isEmpty() && after[n - 1].isEmpty() ? n - 1 : n;
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < lines) {
            if (before[i].equals(after[i])) {
                i++;
                continue;
            }
            int start = Math.max(0, i - CONTEXT);
            int end = i;
            int lastChange = i;
            while (end < lines && end <= lastChange + 2 * CONTEXT) {
                if (!before[end].equals(after[end])) {
                    lastChange = end;
                }
                end++;
            }
            end = Math.min(lines, lastChange + CONTEXT + 1);
            if (out.length() == 0) {
                out.append("--- a/").append(fileName).append('\n').append("+++ b/").append(fileName).append('\n');
            }
            int count = end - start;
            out.append("@@ -").append(start + 1).append(',').append(count).append(" +").append(start + 1)
                    .append(',').append(count).append(" @@\n");
            // Keep the conventional order: all removals of a run before its additions.
            StringBuilder hunk = new StringBuilder();
            int k = start;
            while (k < end) {
                if (before[k].equals(after[k])) {
                    hunk.append(' ').append(before[k]).append('\n');
                    k++;
                } else {
                    int runEnd = k;
                    while (runEnd < end && !before[runEnd].equals(after[runEnd])) {
                        runEnd++;
                    }
                    for (int r = k; r < runEnd; r++) {
                        hunk.append('-').append(before[r]).append('\n');
                    }
                    for (int r = k; r < runEnd; r++) {
                        hunk.append('+').append(after[r]).append('\n');
                    }
                    k = runEnd;
                }
            }
            out.append(hunk);
            i = end;
        }
        return out.toString();
    }
}
