package dev.purser.core.analysis.dbadvice;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Everything the advisor concluded about one database, with its evidence; {@code findings} is
 * the readable summary, most severe first; {@code gaps} says what could not be looked at.
 */
public record DatabaseAdvice(String database, Instant capturedAt, List<TopQuery> topByTotalTime,
                             List<TopQuery> topByMeanTime, CacheHit cacheHit, List<UnusedIndex> unusedIndexes,
                             List<DuplicateIndexGroup> duplicateIndexes, List<SeqScanTable> missingIndexCandidates,
                             ConnectionUse connections, List<IdleTransaction> idleInTransaction,
                             List<SettingAdvice> configuration, List<Finding> findings, List<String> gaps) {

    public DatabaseAdvice {
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(capturedAt, "capturedAt");
        Objects.requireNonNull(cacheHit, "cacheHit");
        Objects.requireNonNull(connections, "connections");
        topByTotalTime = List.copyOf(topByTotalTime);
        topByMeanTime = List.copyOf(topByMeanTime);
        unusedIndexes = List.copyOf(unusedIndexes);
        duplicateIndexes = List.copyOf(duplicateIndexes);
        missingIndexCandidates = List.copyOf(missingIndexCandidates);
        idleInTransaction = List.copyOf(idleInTransaction);
        configuration = List.copyOf(configuration);
        findings = List.copyOf(findings);
        gaps = List.copyOf(gaps);
    }
}
