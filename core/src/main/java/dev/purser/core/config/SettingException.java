package dev.purser.core.config;

import java.util.Objects;

/**
 * A setting with a bad value, thrown by the settings records' compact constructors. It names the
 * key as written in {@code purser.yaml}, so the loader can add the section's path and the line.
 */
public final class SettingException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String key;

    /**
     * @param key     the key in {@code purser.yaml} spelling ({@code token_env}), relative to its section
     * @param problem what is wrong, never the value of a secret
     */
    public SettingException(String key, String problem) {
        super(Objects.requireNonNull(key, "key") + ": " + Objects.requireNonNull(problem, "problem"));
        this.key = key;
    }

    public String key() {
        return key;
    }

    /** What is wrong, without the key. */
    public String problem() {
        return getMessage().substring(key.length() + 2);
    }
}
