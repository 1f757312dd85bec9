package dev.purser.commands;

/**
 * What running a command does to state; faces show it (MCP tool annotations, confirmation
 * prompts) and must tell the truth.
 *
 * @param readOnly    changes nothing
 * @param destructive may remove or overwrite existing data or infrastructure
 * @param idempotent  running it twice with the same arguments has the effect of running it once
 */
public record Effect(boolean readOnly, boolean destructive, boolean idempotent) {
    public static final Effect READ_ONLY = new Effect(true, false, true);
    /** Writes that replace what the same arguments wrote before (imports, setting a budget). */
    public static final Effect REPLACES = new Effect(false, true, true);
    /** Writes that add something new each time (proposing a plan). */
    public static final Effect ADDS = new Effect(false, false, false);

    public Effect {
        if (readOnly && destructive) {
            throw new IllegalArgumentException("a read-only command cannot be destructive");
        }
    }
}
