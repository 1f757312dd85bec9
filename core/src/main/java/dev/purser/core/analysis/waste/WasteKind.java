package dev.purser.core.analysis.waste;

/** Why a resource is waste. */
public enum WasteKind {
    /** A block volume attached to nothing. */
    UNATTACHED_VOLUME,
    /** A reserved, floating or Elastic IP address assigned to nothing. */
    UNASSIGNED_IP,
    /** A snapshot older than the retention setting. */
    OLD_SNAPSHOT,
    /** A droplet or instance whose p95 CPU stayed under the idle threshold for the window. */
    IDLE_MACHINE,
    /** A database with no client connections over the idle window. */
    IDLE_DATABASE
}
