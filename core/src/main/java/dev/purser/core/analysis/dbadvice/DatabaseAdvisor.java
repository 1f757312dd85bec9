package dev.purser.core.analysis.dbadvice;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.LongUnaryOperator;

/**
 * Turns one {@link PostgresStats} reading into {@link DatabaseAdvice}. Pure: no I/O, no clock.
 *
 * <p>Judgement calls, all tunable through {@link AdvisorThresholds}:
 * <ul>
 *   <li>An index is <em>unused</em> with {@code idx_scan = 0} unless it enforces a constraint
 *       (primary key, unique, exclusion) — those work on every write even when never scanned.
 *       Statistics are per server: an index used only on a read replica looks unused here, so
 *       the advice says to check replicas.</li>
 *   <li>Indexes are <em>duplicates</em> when table, access method, keys (including expressions
 *       and INCLUDE columns), operator classes, collations, sort options and predicate are all
 *       equal; invalid indexes (a failed {@code CREATE INDEX CONCURRENTLY}) are left out.</li>
 *   <li>Configuration for a proposed size follows the common rules of thumb: shared_buffers 25 %
 *       of RAM, effective_cache_size 75 %, work_mem (RAM − shared_buffers) / (max_connections × 3)
 *       within 1MB..256MB (a sort or hash may use work_mem several times per query, hence ×3),
 *       maintenance_work_mem 5 % within 64MB..2GB, parallel workers from the vCPUs.</li>
 * </ul>
 */
public final class DatabaseAdvisor {

    /** Longest query text kept, in characters. */
    public static final int MAX_QUERY_LENGTH = 200;

    private static final long WORK_MEM_MIN = PgUnits.MB;
    private static final long WORK_MEM_MAX = 256 * PgUnits.MB;
    private static final long MAINTENANCE_MIN = 64 * PgUnits.MB;
    private static final long MAINTENANCE_MAX = 2 * PgUnits.GB;

    private final AdvisorThresholds thresholds;

    public DatabaseAdvisor() {
        this(AdvisorThresholds.defaults());
    }

    public DatabaseAdvisor(AdvisorThresholds thresholds) {
        this.thresholds = Objects.requireNonNull(thresholds, "thresholds");
    }

    /** Advice for one reading. */
    public DatabaseAdvice advise(PostgresStats stats, AdviceRequest request) {
        Objects.requireNonNull(stats, "stats");
        Objects.requireNonNull(request, "request");
        List<Finding> findings = new ArrayList<>();
        List<String> gaps = new ArrayList<>(stats.gaps());

        List<TopQuery> byTotal = topQueries(stats, Comparator.comparingDouble(StatementStat::totalExecMillis));
        List<TopQuery> byMean = topQueries(stats, Comparator.comparingDouble(StatementStat::meanExecMillis));
        topQueryFindings(byTotal, findings);

        CacheHit cacheHit = cacheHit(stats, findings);
        List<DuplicateIndexGroup> duplicates = duplicateIndexes(stats, findings);
        List<UnusedIndex> unused = unusedIndexes(stats, duplicates, findings);
        List<SeqScanTable> seqScans = seqScanTables(stats, findings);
        ConnectionUse connections = connections(stats, request, findings, gaps);
        List<IdleTransaction> idle = idleTransactions(stats, findings);
        List<SettingAdvice> configuration = request.proposedSize()
                .map(size -> configuration(stats, size, findings))
                .orElse(List.of());

        List<Finding> ordered = new ArrayList<>(findings);
        ordered.sort(Comparator.comparing(Finding::severity));
        return new DatabaseAdvice(stats.database().name(), stats.capturedAt(), byTotal, byMean, cacheHit, unused,
                duplicates, seqScans, connections, idle, configuration, ordered, gaps);
    }

    /** Whitespace collapsed to single spaces and cut to {@value #MAX_QUERY_LENGTH} characters. */
    public static String normaliseQuery(String query) {
        String oneLine = query.strip().replaceAll("\\s+", " ");
        return oneLine.length() <= MAX_QUERY_LENGTH ? oneLine : oneLine.substring(0, MAX_QUERY_LENGTH - 1) + "…";
    }

    private List<TopQuery> topQueries(PostgresStats stats, Comparator<StatementStat> order) {
        double all = stats.statementsTotalMillis();
        return stats.statements().stream()
                .sorted(order.reversed().thenComparingLong(StatementStat::queryId))
                .limit(thresholds.topQueries())
                .map(s -> new TopQuery(s.queryId(), normaliseQuery(s.query()), s.calls(), s.totalExecMillis(),
                        s.meanExecMillis(), all > 0 ? s.totalExecMillis() / all : 0, s.rows()))
                .toList();
    }

    private static void topQueryFindings(List<TopQuery> byTotal, List<Finding> findings) {
        for (TopQuery q : byTotal.subList(0, Math.min(3, byTotal.size()))) {
            findings.add(new Finding(q.shareOfTotalTime() >= 0.5 ? Severity.WARNING : Severity.INFO, "TOP_QUERY",
                    Long.toString(q.queryId()), "`" + q.query() + "` takes " + PgUnits.percent(q.shareOfTotalTime())
                    + " of statement time: " + PgUnits.count(q.calls()) + " calls, " + PgUnits.millis(q.totalMillis())
                    + " total, " + PgUnits.millis(q.meanMillis()) + " mean"));
        }
    }

    private CacheHit cacheHit(PostgresStats stats, List<Finding> findings) {
        long hit = stats.database().blocksHit();
        long read = stats.database().blocksRead();
        OptionalDouble ratio = hit + read == 0 ? OptionalDouble.empty() : OptionalDouble.of(hit / (double) (hit + read));
        CacheHit result = new CacheHit(hit, read, ratio, thresholds.cacheHitTarget());
        if (ratio.isPresent()) {
            String figures = "cache hit ratio " + PgUnits.percent(ratio.getAsDouble()) + " (" + PgUnits.count(hit)
                    + " blocks from memory, " + PgUnits.count(read) + " from disk; rule of thumb "
                    + PgUnits.percent(thresholds.cacheHitTarget()) + ")";
            findings.add(result.belowTarget()
                    ? new Finding(Severity.WARNING, "CACHE_HIT", stats.database().name(), figures
                            + ": the working set does not fit in memory; more shared_buffers/RAM or fewer full scans would help")
                    : new Finding(Severity.INFO, "CACHE_HIT", stats.database().name(), figures));
        }
        return result;
    }

    private static List<UnusedIndex> unusedIndexes(PostgresStats stats, List<DuplicateIndexGroup> duplicates,
                                                   List<Finding> findings) {
        // A redundant duplicate is already advised on; one finding per index is enough.
        Set<String> redundant = new HashSet<>();
        duplicates.forEach(g -> g.redundant().forEach(i -> redundant.add(g.schema() + "." + i)));
        String since = stats.database().statsReset().map(t -> "since " + t).orElse("since statistics began");
        List<UnusedIndex> unused = new ArrayList<>();
        for (IndexStat i : stats.indexes()) {
            if (i.scans() == 0 && !i.unique() && !i.primary() && !i.backsConstraint() && i.valid()) {
                unused.add(new UnusedIndex(i.schema(), i.table(), i.index(), i.sizeBytes(), i.definition()));
            }
        }
        unused.sort(Comparator.comparingLong(UnusedIndex::sizeBytes).reversed().thenComparing(UnusedIndex::index));
        for (UnusedIndex u : unused) {
            if (redundant.contains(u.schema() + "." + u.index())) {
                continue;
            }
            findings.add(new Finding(Severity.WARNING, "UNUSED_INDEX", u.schema() + "." + u.index(),
                    "index " + u.schema() + "." + u.index() + " on " + u.table() + " has not been scanned " + since
                            + " and takes " + PgUnits.human(u.sizeBytes()) + "; if replicas do not use it either, "
                            + "DROP INDEX CONCURRENTLY " + u.schema() + "." + u.index()));
        }
        return unused;
    }

    private static List<DuplicateIndexGroup> duplicateIndexes(PostgresStats stats, List<Finding> findings) {
        Map<String, List<IndexStat>> bySignature = new LinkedHashMap<>();
        for (IndexStat i : stats.indexes()) {
            if (!i.valid()) {
                continue;
            }
            String signature = String.join("\u0000", i.schema(), i.table(), i.accessMethod(), i.keys(),
                    i.operatorClasses(), i.predicate());
            bySignature.computeIfAbsent(signature, k -> new ArrayList<>()).add(i);
        }
        List<DuplicateIndexGroup> groups = new ArrayList<>();
        for (List<IndexStat> same : bySignature.values()) {
            if (same.size() < 2) {
                continue;
            }
            IndexStat keep = same.stream()
                    .max(Comparator.comparing(IndexStat::backsConstraint)
                            .thenComparing(IndexStat::unique)
                            .thenComparingLong(IndexStat::scans)
                            .thenComparing(IndexStat::index, Comparator.reverseOrder()))
                    .orElseThrow();
            List<IndexStat> redundant = same.stream().filter(i -> i != keep && !i.backsConstraint()).toList();
            if (redundant.isEmpty()) {
                continue;
            }
            long bytes = redundant.stream().mapToLong(IndexStat::sizeBytes).sum();
            DuplicateIndexGroup g = new DuplicateIndexGroup(keep.schema(), keep.table(), keep.keys(), keep.index(),
                    redundant.stream().map(IndexStat::index).toList(), bytes);
            groups.add(g);
            findings.add(new Finding(Severity.WARNING, "DUPLICATE_INDEX", g.schema() + "." + g.table(),
                    "indexes " + String.join(", ", g.redundant()) + " on " + g.schema() + "." + g.table() + " ("
                            + g.keys() + ") duplicate " + g.keep() + "; dropping them frees "
                            + PgUnits.human(bytes) + " and speeds up every write"));
        }
        return groups;
    }

    private List<SeqScanTable> seqScanTables(PostgresStats stats, List<Finding> findings) {
        List<SeqScanTable> candidates = new ArrayList<>();
        for (TableStat t : stats.tables()) {
            if (t.seqScans() < thresholds.minSeqScans() || t.liveTuples() < thresholds.minLiveTuples()) {
                continue;
            }
            long avg = t.seqTuplesRead() / t.seqScans();
            if (avg >= thresholds.minRowsPerSeqScan()) {
                candidates.add(new SeqScanTable(t.schema(), t.table(), t.seqScans(), t.seqTuplesRead(), avg,
                        t.liveTuples(), t.indexScans(), t.totalBytes()));
            }
        }
        candidates.sort(Comparator.comparingLong(SeqScanTable::seqTuplesRead).reversed());
        for (SeqScanTable t : candidates) {
            findings.add(new Finding(Severity.WARNING, "MISSING_INDEX", t.schema() + "." + t.table(),
                    "table " + t.schema() + "." + t.table() + " (" + PgUnits.count(t.liveTuples()) + " rows, "
                            + PgUnits.human(t.totalBytes()) + ") was read by " + PgUnits.count(t.seqScans())
                            + " sequential scans of " + PgUnits.count(t.avgRowsPerScan()) + " rows on average ("
                            + PgUnits.count(t.indexScans()) + " index scans): a frequent filter on it probably lacks an index"));
        }
        return candidates;
    }

    private ConnectionUse connections(PostgresStats stats, AdviceRequest request, List<Finding> findings,
                                      List<String> gaps) {
        int max = (int) stats.setting("max_connections").flatMap(s -> boxed(s.number())).orElse(0L).longValue();
        int reserved = (int) stats.setting("superuser_reserved_connections").flatMap(s -> boxed(s.number()))
                .orElse(0L).longValue();
        int usable = Math.max(1, max - reserved);
        int current = 0;
        int active = 0;
        int idle = 0;
        int idleInTx = 0;
        for (SessionStat s : stats.sessions()) {
            current++;
            if (s.state().equals("active")) {
                active++;
            } else if (s.state().equals("idle")) {
                idle++;
            } else if (s.idleInTransaction()) {
                idleInTx++;
            }
        }
        long peak = Math.max(current, request.peakConnections().orElse(0));
        double share = max == 0 ? 0 : peak / (double) usable;
        if (max == 0) {
            gaps.add("max_connections was not reported, so connection headroom is unknown");
        }
        if (request.peakConnections().isEmpty()) {
            gaps.add("connection peak is from this moment only; pass a peak (e.g. from pg_stat_activity_count"
                    + " in Prometheus) for a fair judgement");
        }
        boolean manyIdle = idle >= thresholds.poolerMinIdle() && idle * 2 > current;
        boolean nearLimit = max > 0 && share > thresholds.poolerPeakShare();
        boolean pooler = nearLimit || manyIdle;
        String reason;
        if (nearLimit) {
            reason = "peak of " + peak + " connections is " + PgUnits.percent(share) + " of the " + usable
                    + " usable (max_connections " + max + "): a pooler such as PgBouncer in transaction mode"
                    + " lets many clients share few server connections";
        } else if (manyIdle) {
            reason = idle + " of " + current + " connections are idle: a pooler such as PgBouncer in transaction mode"
                    + " would close that gap and free their memory";
        } else {
            reason = "peak of " + peak + " connections is " + PgUnits.percent(share) + " of the " + usable
                    + " usable, with " + idle + " idle: no pooler needed for connection count";
        }
        if (max > 0) {
            findings.add(new Finding(pooler ? Severity.WARNING : Severity.INFO, "POOLER", "connections", reason));
        }
        return new ConnectionUse(max, usable, current, active, idle, idleInTx, request.peakConnections(), peak, share,
                pooler, reason);
    }

    private List<IdleTransaction> idleTransactions(PostgresStats stats, List<Finding> findings) {
        Map<Long, String> textById = new HashMap<>();
        for (StatementStat s : stats.statements()) {
            textById.putIfAbsent(s.queryId(), normaliseQuery(s.query()));
        }
        List<IdleTransaction> idle = new ArrayList<>();
        for (SessionStat s : stats.sessions()) {
            if (s.idleInTransaction() && s.inState().compareTo(thresholds.idleInTransactionAfter()) >= 0) {
                Optional<String> text = s.queryId().isPresent()
                        ? Optional.ofNullable(textById.get(s.queryId().getAsLong()))
                        : Optional.empty();
                idle.add(new IdleTransaction(s.pid(), s.database(), s.user(), s.application(), s.inState(),
                        s.transactionAge(), s.queryId(), text));
            }
        }
        idle.sort(Comparator.comparing(IdleTransaction::idleFor).reversed());
        String timeout = stats.setting("idle_in_transaction_session_timeout")
                .map(t -> t.setting().equals("0") ? "0, off" : t.setting() + t.unit()).orElse("unknown");
        for (IdleTransaction t : idle) {
            findings.add(new Finding(t.idleFor().compareTo(Duration.ofHours(1)) >= 0 ? Severity.CRITICAL : Severity.WARNING,
                    "IDLE_IN_TRANSACTION", "pid " + t.pid(),
                    "session pid " + t.pid() + " (user " + t.user() + ", application '" + t.application() + "', database "
                            + t.database() + ") has been idle in a transaction for " + human(t.idleFor())
                            + t.lastQuery().map(q -> " after `" + q + "`").orElse("")
                            + ": it holds locks and keeps vacuum from cleaning up; fix the client, or set"
                            + " idle_in_transaction_session_timeout (now " + timeout + ")"));
        }
        return idle;
    }

    private static List<SettingAdvice> configuration(PostgresStats stats, TargetSize size, List<Finding> findings) {
        long ram = size.memoryBytes();
        long sharedBuffers = PgUnits.floorTo(ram / 4, PgUnits.MB);
        long effectiveCache = PgUnits.floorTo(ram * 3 / 4, PgUnits.MB);
        long workMem = clamp((ram - sharedBuffers) / (size.maxConnections() * 3L), WORK_MEM_MIN, WORK_MEM_MAX,
                v -> PgUnits.floorTo(v, PgUnits.MB));
        long maintenance = clamp(ram / 20, MAINTENANCE_MIN, MAINTENANCE_MAX, v -> PgUnits.floorTo(v, PgUnits.MB));
        String ramText = PgUnits.human(ram) + " RAM";
        List<SettingAdvice> advice = new ArrayList<>();
        advice.add(bytesSetting(stats, "shared_buffers", sharedBuffers, "25 % of " + ramText));
        advice.add(bytesSetting(stats, "effective_cache_size", effectiveCache,
                "75 % of " + ramText + ": what shared_buffers and the OS page cache can hold together"));
        advice.add(bytesSetting(stats, "work_mem", workMem, "(RAM − shared_buffers) / (max_connections "
                + size.maxConnections() + " × 3), within 1MB..256MB"));
        advice.add(bytesSetting(stats, "maintenance_work_mem", maintenance, "5 % of " + ramText + ", within 64MB..2GB"));
        advice.add(countSetting(stats, "max_connections", size.maxConnections(), "the proposed connection limit"));
        advice.add(countSetting(stats, "max_worker_processes", Math.max(8, size.vCpus()),
                "at least the default 8, and one per vCPU (" + size.vCpus() + ")"));
        advice.add(countSetting(stats, "max_parallel_workers", size.vCpus(), "one per vCPU (" + size.vCpus() + ")"));
        advice.add(countSetting(stats, "max_parallel_workers_per_gather", Math.max(1, Math.min(4, size.vCpus() / 2)),
                "half the vCPUs, 1..4, so one query cannot take every core"));
        for (SettingAdvice a : advice) {
            if (a.changes()) {
                findings.add(new Finding(Severity.INFO, "SETTING", a.name(), a.name() + ": " + a.current()
                        + " now, " + a.proposed() + " proposed for " + PgUnits.human(ram) + " RAM / " + size.vCpus()
                        + " vCPU (" + a.reason() + ")"));
            }
        }
        return advice;
    }

    private static SettingAdvice bytesSetting(PostgresStats stats, String name, long proposed, String reason) {
        OptionalLong current = stats.setting(name).map(PgSetting::bytes).orElse(OptionalLong.empty());
        String currentText = current.isPresent() ? PgUnits.conf(current.getAsLong()) : "unknown";
        boolean changes = current.isEmpty() || current.getAsLong() != proposed;
        return new SettingAdvice(name, currentText, PgUnits.conf(proposed), changes, reason);
    }

    private static SettingAdvice countSetting(PostgresStats stats, String name, long proposed, String reason) {
        OptionalLong current = stats.setting(name).map(PgSetting::number).orElse(OptionalLong.empty());
        String currentText = current.isPresent() ? Long.toString(current.getAsLong()) : "unknown";
        boolean changes = current.isEmpty() || current.getAsLong() != proposed;
        return new SettingAdvice(name, currentText, Long.toString(proposed), changes, reason);
    }

    private static long clamp(long value, long min, long max, LongUnaryOperator round) {
        return Math.max(min, Math.min(max, round.applyAsLong(value)));
    }

    private static Optional<Long> boxed(OptionalLong v) {
        return v.isPresent() ? Optional.of(v.getAsLong()) : Optional.empty();
    }

    private static String human(Duration d) {
        long s = d.getSeconds();
        if (s >= 3600) {
            return s / 3600 + " h " + (s % 3600) / 60 + " min";
        }
        if (s >= 60) {
            return s / 60 + " min " + s % 60 + " s";
        }
        return d.toMillis() >= 1000 ? s + " s" : d.toMillis() + " ms";
    }
}
