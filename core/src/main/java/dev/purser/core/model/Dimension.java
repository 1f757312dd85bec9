package dev.purser.core.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A FOCUS column (or one tag key) that costs can be grouped or filtered by.
 *
 * @param kind   which column
 * @param tagKey the tag key when {@code kind} is {@link Kind#TAG}, otherwise null
 */
public record Dimension(Kind kind, String tagKey) {

    /** The groupable FOCUS columns, with the word users type for each. */
    public enum Kind {
        SERVICE("service", "ServiceName"),
        SERVICE_CATEGORY("service-category", "ServiceCategory"),
        PROVIDER("provider", "ProviderName"),
        BILLING_ACCOUNT("account", "BillingAccountId"),
        SUB_ACCOUNT("sub-account", "SubAccountId"),
        REGION("region", "RegionId"),
        RESOURCE("resource", "ResourceId"),
        CHARGE_CATEGORY("charge-category", "ChargeCategory"),
        TAG("tag:<key>", "Tags");

        private final String word;
        private final String focusColumn;

        Kind(String word, String focusColumn) {
            this.word = word;
            this.focusColumn = focusColumn;
        }

        public String word() {
            return word;
        }

        public String focusColumn() {
            return focusColumn;
        }
    }

    public static final Dimension SERVICE = new Dimension(Kind.SERVICE, null);

    public Dimension {
        Objects.requireNonNull(kind, "kind");
        if (kind == Kind.TAG) {
            if (tagKey == null || tagKey.isBlank()) {
                throw new IllegalArgumentException("tag dimension needs a key, as in tag:env");
            }
        } else if (tagKey != null) {
            throw new IllegalArgumentException("only a tag dimension has a key: " + kind);
        }
    }

    public static Dimension tag(String key) {
        return new Dimension(Kind.TAG, key);
    }

    /** The words users may type: {@code service, service-category, ..., tag:<key>}. */
    public static List<String> words() {
        List<String> words = new ArrayList<>();
        for (Kind k : Kind.values()) {
            words.add(k.word());
        }
        return words;
    }

    /** The word a user would type for this dimension. */
    public String word() {
        return kind == Kind.TAG ? "tag:" + tagKey : kind.word();
    }

    @Override
    public String toString() {
        return word();
    }
}
