package dev.purser.core.analysis.anomalies;

/** What one scored series is: the daily spend of one service, or of one billing account. */
public enum AnomalyGrouping {
    /** FOCUS ServiceName. */
    SERVICE,
    /** The billing account, by name when it has one, as {@code cost --by account} shows it. */
    ACCOUNT
}
