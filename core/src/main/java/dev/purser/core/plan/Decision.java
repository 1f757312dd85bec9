package dev.purser.core.plan;

import java.util.Locale;

/** What a sign-off says. */
public enum Decision {
    APPROVE,
    REJECT;

    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }
}
