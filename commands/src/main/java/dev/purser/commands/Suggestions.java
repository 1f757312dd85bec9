package dev.purser.commands;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/** "Did you mean" for mistyped words: close by edit distance, or a unique prefix. */
public final class Suggestions {

    private Suggestions() {
    }

    /** The candidates close to {@code typed}, best first; empty when none is close. */
    public static List<String> closeTo(String typed, Collection<String> candidates) {
        String t = typed.toLowerCase(Locale.ROOT);
        List<String> close = new ArrayList<>();
        int best = Integer.MAX_VALUE;
        for (String c : candidates) {
            int d = distance(t, c.toLowerCase(Locale.ROOT));
            boolean prefix = t.length() >= 2 && c.toLowerCase(Locale.ROOT).startsWith(t);
            int score = prefix ? 0 : d;
            // Short words tolerate one typo, longer ones two: "cots" → cost, but "db" ↛ "cost".
            int allowed = t.length() <= 4 ? 1 : 2;
            if (score <= allowed) {
                if (score < best) {
                    close.clear();
                    best = score;
                }
                if (score == best) {
                    close.add(c);
                }
            }
        }
        return close;
    }

    /** {@code " (did you mean cost?)"} or the empty string. */
    public static String didYouMean(String typed, Collection<String> candidates) {
        List<String> close = closeTo(typed, candidates);
        return close.isEmpty() ? "" : " (did you mean " + String.join(" or ", close) + "?)";
    }

    /** Edit distance counting a swap of two neighbouring letters as one edit ("cots" → "cost"). */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
