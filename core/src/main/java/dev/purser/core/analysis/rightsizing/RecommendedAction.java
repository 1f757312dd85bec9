package dev.purser.core.analysis.rightsizing;

/** What a recommendation proposes. */
public enum RecommendedAction {
    /** Move to a smaller (cheaper) size. */
    DOWNSIZE,
    /** Move to a larger size: usage exceeds the rules' headroom now. */
    UPSIZE,
    /** Remove standby nodes of a database cluster. */
    REDUCE_NODES,
    /** A smaller node size and fewer nodes. */
    DOWNSIZE_AND_REDUCE_NODES,
    /** Change container limits and reservations (or requests and limits). */
    SET_LIMITS,
    /** Nothing to change; the reasons say why. */
    KEEP,
    /** Barely used: remove it or confirm it is needed. */
    FLAG_IDLE,
    /** Not enough usage data to decide; the evidence says what is missing. */
    INSUFFICIENT_DATA
}
