package dev.purser.core.error;

/** Who has to act on an error: the user, an outside system's owner, or us. */
public enum ErrorType {
    /** The request was wrong: a bad argument, a malformed file, a missing permission. */
    USER,
    /** Something outside Purser failed: a cloud API, a database, the network. */
    EXTERNAL,
    /** A bug in Purser. */
    INTERNAL
}
