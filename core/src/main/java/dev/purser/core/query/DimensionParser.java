package dev.purser.core.query;

import dev.purser.core.error.PurserException;
import dev.purser.core.model.Dimension;
import java.util.Locale;

/** Reads the dimension words people type ({@code service}, {@code tag:env}) into {@link Dimension}s. */
public final class DimensionParser {

    private DimensionParser() {
    }

    /**
     * Parses {@code service}, {@code region}, {@code tag:env}, and the aliases {@code project}
     * (sub-account) and {@code category} (service category).
     *
     * @throws PurserException BAD_ARGUMENT naming the text and the accepted words
     */
    public static Dimension parse(String text) {
        String t = text == null ? "" : text.trim();
        if (t.regionMatches(true, 0, "tag:", 0, 4)) {
            String key = t.substring(4).trim();
            if (key.isEmpty()) {
                throw PurserException.badArgument("'" + text + "' names no tag key; write tag:<key>, for example tag:env");
            }
            return Dimension.tag(key);
        }
        String lower = t.toLowerCase(Locale.ROOT).replace('_', '-');
        switch (lower) {
            case "project":
            case "subaccount":
                return new Dimension(Dimension.Kind.SUB_ACCOUNT, null);
            case "category":
                return new Dimension(Dimension.Kind.SERVICE_CATEGORY, null);
            case "env":
            case "team":
                return Dimension.tag(lower);
            default:
                break;
        }
        for (Dimension.Kind k : Dimension.Kind.values()) {
            if (k != Dimension.Kind.TAG && k.word().equals(lower)) {
                return new Dimension(k, null);
            }
        }
        throw PurserException.badArgument("unknown dimension '" + text + "'; expected one of: "
                + String.join(", ", Dimension.words()));
    }
}
