package dev.purser.core.analysis.dbadvice;

import java.util.Objects;

/**
 * One setting: what the target has now and what the proposed size wants, both in
 * {@code postgresql.conf} notation ({@code 1GB}, {@code 64MB}, {@code 100}).
 *
 * @param current {@code unknown} if {@code pg_settings} did not report it
 * @param reason  how the proposal was computed, with its inputs
 */
public record SettingAdvice(String name, String current, String proposed, boolean changes, String reason) {

    public SettingAdvice {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(current, "current");
        Objects.requireNonNull(proposed, "proposed");
        Objects.requireNonNull(reason, "reason");
    }
}
