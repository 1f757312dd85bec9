package dev.purser.commands;

/**
 * What running a command does to state; faces show it (MCP tool annotations, confirmation
 * prompts) and must tell the truth.
 *
 * @param readOnly    changes nothing
 * @param destructive may remove or overwrite existing data or infrastructure
 * @param idempotent  running it twice with the same arguments has the effect of running it once
 * @param fromStore   its answer depends only on Purser's store, its arguments, the asker's roles
 *                    and the day, so the answer cache may repeat it while the store is unchanged
 */
public record Effect(boolean readOnly, boolean destructive, boolean idempotent, boolean fromStore) {
    /** Reads Purser's store and nothing else. */
    public static final Effect READ_ONLY = new Effect(true, false, true, true);
    /** Reads something besides the store (a target database, the command list): never cached. */
    public static final Effect READS_LIVE = new Effect(true, false, true, false);
    /** Writes that replace what the same arguments wrote before (imports, setting a budget). */
    public static final Effect REPLACES = new Effect(false, true, true, false);
    /** Writes that add something new each time (proposing a plan). */
    public static final Effect ADDS = new Effect(false, false, false, false);

    public Effect {
        if (readOnly && destructive) {
            throw new IllegalArgumentException("a read-only command cannot be destructive");
        }
        if (fromStore && !readOnly) {
            throw new IllegalArgumentException("only a read-only command's answer can be repeated from the cache");
        }
    }

    public Effect(boolean readOnly, boolean destructive, boolean idempotent) {
        this(readOnly, destructive, idempotent, false);
    }
}
