package dev.purser.core.analysis.dbadvice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.purser.core.cloud.postgres.PostgresStatsSource;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The advisor's rules on hand-built readings, where every figure is known. */
class DatabaseAdvisorTest {

    private static final Instant AT = Instant.parse("2026-02-01T09:00:00Z");
    private static final DatabaseAdvisor ADVISOR = new DatabaseAdvisor();

    /** A reading with sensible defaults that each test overrides in part. */
    private static final class Reading {
        List<StatementStat> statements = List.of();
        boolean statementsAvailable = true;
        List<SessionStat> sessions = List.of();
        List<IndexStat> indexes = List.of();
        List<TableStat> tables = List.of();
        long blocksHit = 990_000;
        long blocksRead = 1_000;
        Map<String, PgSetting> settings = Map.of(
                "max_connections", setting("max_connections", "100", ""),
                "superuser_reserved_connections", setting("superuser_reserved_connections", "3", ""),
                "shared_buffers", setting("shared_buffers", "16384", "8kB"),
                "effective_cache_size", setting("effective_cache_size", "524288", "8kB"),
                "work_mem", setting("work_mem", "4096", "kB"),
                "maintenance_work_mem", setting("maintenance_work_mem", "65536", "kB"),
                "idle_in_transaction_session_timeout", setting("idle_in_transaction_session_timeout", "0", "ms"));
        List<String> gaps = List.of();

        PostgresStats build() {
            double total = statements.stream().mapToDouble(StatementStat::totalExecMillis).sum();
            return new PostgresStats(AT, 170_011, new DatabaseStat("mandible", sessions.size(), 1_000, 3, blocksRead,
                    blocksHit, 0, 0, 0, 50L << 20, Optional.empty()), statements, statementsAvailable, total,
                    sessions, indexes, tables, settings, gaps);
        }
    }

    private static PgSetting setting(String name, String value, String unit) {
        return new PgSetting(name, value, unit, "default", false);
    }

    private static SessionStat session(int pid, String state, Duration inState) {
        return new SessionStat(pid, "mandible", "app", "api", state, inState, Optional.of(inState), OptionalLong.empty(), "");
    }

    private static IndexStat index(String name, String keys, long scans, boolean primary, long bytes) {
        return new IndexStat("public", "orders", name, scans, primary, primary, true, primary, bytes, "btree", keys,
                "1978 0 0", "", "CREATE INDEX " + name + " ON public.orders USING btree (" + keys + ")");
    }

    @Test
    void advise_topQueries_orderedByTotalAndByMeanWithShares() {
        Reading r = new Reading();
        r.statements = List.of(
                new StatementStat(1, "SELECT * FROM orders WHERE id = $1", 100_000, 2_000, 0.02, 100_000, 0, 0),
                new StatementStat(2, "SELECT sum(total)\n   FROM orders\tWHERE created_at > $1", 10, 6_000, 600, 10, 0, 0),
                new StatementStat(3, "VACUUM ANALYZE orders", 1, 1_000, 1_000, 0, 0, 0));

        DatabaseAdvice advice = ADVISOR.advise(r.build(), AdviceRequest.none());

        assertThat(advice.topByTotalTime()).extracting(TopQuery::queryId).containsExactly(2L, 1L, 3L);
        assertThat(advice.topByMeanTime()).extracting(TopQuery::queryId).containsExactly(3L, 2L, 1L);
        assertThat(advice.topByTotalTime().get(0).query()).isEqualTo("SELECT sum(total) FROM orders WHERE created_at > $1");
        assertThat(advice.topByTotalTime().get(0).shareOfTotalTime()).isEqualTo(6_000.0 / 9_000.0);
    }

    @Test
    void normaliseQuery_longText_collapsedAndCutTo200() {
        String longQuery = "SELECT " + IntStream.range(0, 100).mapToObj(i -> "col" + i).collect(Collectors.joining(",\n  "))
                + " FROM wide";

        String normalised = DatabaseAdvisor.normaliseQuery(longQuery);

        assertThat(normalised).hasSize(DatabaseAdvisor.MAX_QUERY_LENGTH).endsWith("…").doesNotContain("\n", "  ");
    }

    @Test
    void advise_cacheHitBelowRuleOfThumb_isAWarningWithTheFigures() {
        Reading r = new Reading();
        r.blocksHit = 930;
        r.blocksRead = 70;

        DatabaseAdvice advice = ADVISOR.advise(r.build(), AdviceRequest.none());

        assertThat(advice.cacheHit().ratio()).hasValue(0.93);
        assertThat(advice.cacheHit().belowTarget()).isTrue();
        assertThat(advice.findings()).filteredOn(f -> f.code().equals("CACHE_HIT")).singleElement()
                .satisfies(f -> {
                    assertThat(f.severity()).isEqualTo(Severity.WARNING);
                    assertThat(f.message()).contains("93.0 %").contains("99.0 %");
                });
    }

    @Test
    void advise_noBlocksReadYet_hasNoRatio() {
        Reading r = new Reading();
        r.blocksHit = 0;
        r.blocksRead = 0;

        assertThat(ADVISOR.advise(r.build(), AdviceRequest.none()).cacheHit().ratio()).isEmpty();
    }

    @Test
    void advise_primaryKeyNeverScanned_isNotUnused() {
        Reading r = new Reading();
        r.indexes = List.of(index("orders_pkey", "id", 0, true, 8192), index("orders_note_idx", "note", 0, false, 65536));

        DatabaseAdvice advice = ADVISOR.advise(r.build(), AdviceRequest.none());

        assertThat(advice.unusedIndexes()).extracting(UnusedIndex::index).containsExactly("orders_note_idx");
    }

    @Test
    void advise_duplicateOfPrimaryKey_keepsTheConstraintIndex() {
        Reading r = new Reading();
        r.indexes = List.of(index("orders_pkey", "id", 5, true, 8192), index("orders_id_idx", "id", 900, false, 16384),
                index("orders_id_desc_idx", "id", 0, false, 16384));
        // same column, other sort order: not a duplicate
        r.indexes = new ArrayList<>(r.indexes);
        r.indexes.set(2, new IndexStat("public", "orders", "orders_id_desc_idx", 0, false, false, true, false, 16384,
                "btree", "id", "1978 0 3", "", "CREATE INDEX orders_id_desc_idx ON public.orders USING btree (id DESC)"));

        DatabaseAdvice advice = ADVISOR.advise(r.build(), AdviceRequest.none());

        assertThat(advice.duplicateIndexes()).singleElement().satisfies(g -> {
            assertThat(g.keep()).isEqualTo("orders_pkey");
            assertThat(g.redundant()).containsExactly("orders_id_idx");
            assertThat(g.redundantBytes()).isEqualTo(16384);
        });
    }

    @Test
    void advise_smallTableScanned_isNoMissingIndexCandidate() {
        Reading r = new Reading();
        r.tables = List.of(
                new TableStat("public", "countries", 10_000, 2_500_000, 0, 250, 0, 65536),
                new TableStat("public", "orders", 400, 40_000_000, 10, 100_000, 0, 64L << 20));

        DatabaseAdvice advice = ADVISOR.advise(r.build(), AdviceRequest.none());

        assertThat(advice.missingIndexCandidates()).extracting(SeqScanTable::table).containsExactly("orders");
        assertThat(advice.missingIndexCandidates().get(0).avgRowsPerScan()).isEqualTo(100_000);
    }

    @Test
    void advise_peakAboveHalfOfMax_recommendsAPooler() {
        Reading r = new Reading();
        r.sessions = List.of(session(1, "active", Duration.ofSeconds(1)));

        DatabaseAdvice advice = ADVISOR.advise(r.build(), AdviceRequest.none().withPeakConnections(60));

        assertThat(advice.connections().usable()).isEqualTo(97);
        assertThat(advice.connections().peak()).isEqualTo(60);
        assertThat(advice.connections().poolerRecommended()).isTrue();
        assertThat(advice.connections().poolerReason()).contains("PgBouncer").contains("transaction mode");
        assertThat(advice.gaps()).noneMatch(g -> g.contains("connection peak"));
    }

    @Test
    void advise_mostConnectionsIdle_recommendsAPooler() {
        Reading r = new Reading();
        List<SessionStat> sessions = new ArrayList<>();
        for (int pid = 1; pid <= 30; pid++) {
            sessions.add(session(pid, pid <= 25 ? "idle" : "active", Duration.ofMinutes(5)));
        }
        r.sessions = sessions;

        DatabaseAdvice advice = ADVISOR.advise(r.build(), AdviceRequest.none().withPeakConnections(30));

        assertThat(advice.connections().idle()).isEqualTo(25);
        assertThat(advice.connections().poolerRecommended()).isTrue();
        assertThat(advice.connections().poolerReason()).startsWith("25 of 30 connections are idle");
    }

    @Test
    void advise_fewConnections_needsNoPooler() {
        Reading r = new Reading();
        r.sessions = List.of(session(1, "idle", Duration.ofSeconds(3)), session(2, "active", Duration.ofSeconds(1)));

        DatabaseAdvice advice = ADVISOR.advise(r.build(), AdviceRequest.none().withPeakConnections(12));

        assertThat(advice.connections().poolerRecommended()).isFalse();
    }

    @Test
    void advise_idleInTransactionForHours_isCriticalAndFirst() {
        Reading r = new Reading();
        r.sessions = List.of(session(41, "idle in transaction", Duration.ofHours(3)),
                session(42, "idle in transaction", Duration.ofSeconds(10)),
                session(43, "idle in transaction (aborted)", Duration.ofMinutes(5)));

        DatabaseAdvice advice = ADVISOR.advise(r.build(), AdviceRequest.none());

        assertThat(advice.idleInTransaction()).extracting(IdleTransaction::pid).containsExactly(41, 43);
        assertThat(advice.findings().get(0).severity()).isEqualTo(Severity.CRITICAL);
        assertThat(advice.findings().get(0).message()).contains("pid 41").contains("3 h 0 min")
                .contains("idle_in_transaction_session_timeout (now 0, off)");
    }

    @Test
    void advise_proposedSize_rulesOfThumbWithCurrentValues() {
        DatabaseAdvice advice = ADVISOR.advise(new Reading().build(),
                AdviceRequest.none().withProposedSize(new TargetSize(1L << 30, 1, 25)));

        Map<String, SettingAdvice> byName = advice.configuration().stream()
                .collect(Collectors.toMap(SettingAdvice::name, s -> s));
        assertThat(byName.get("shared_buffers")).extracting(SettingAdvice::current, SettingAdvice::proposed)
                .containsExactly("128MB", "256MB");
        assertThat(byName.get("effective_cache_size").proposed()).isEqualTo("768MB");
        // (1024 - 256) MB / (25 × 3) = 10.24 MB, rounded down to whole MB
        assertThat(byName.get("work_mem").proposed()).isEqualTo("10MB");
        // 5 % of 1 GB is 51 MB, below the 64MB floor
        assertThat(byName.get("maintenance_work_mem")).extracting(SettingAdvice::proposed, SettingAdvice::changes)
                .containsExactly("64MB", false);
        assertThat(byName.get("max_connections")).extracting(SettingAdvice::current, SettingAdvice::proposed)
                .containsExactly("100", "25");
        assertThat(byName.get("max_worker_processes")).extracting(SettingAdvice::current, SettingAdvice::proposed)
                .containsExactly("unknown", "8");
    }

    @Test
    void advise_largeMachine_capsWorkMemAndMaintenance() {
        DatabaseAdvice advice = ADVISOR.advise(new Reading().build(),
                AdviceRequest.none().withProposedSize(new TargetSize(256L << 30, 32, 20)));

        Map<String, String> proposed = advice.configuration().stream()
                .collect(Collectors.toMap(SettingAdvice::name, SettingAdvice::proposed));
        assertThat(proposed).containsEntry("shared_buffers", "64GB").containsEntry("work_mem", "256MB")
                .containsEntry("maintenance_work_mem", "2GB").containsEntry("max_parallel_workers_per_gather", "4");
    }

    @Test
    void advise_withoutStatements_passesTheGapOnAndListsNoQueries() {
        Reading r = new Reading();
        r.statementsAvailable = false;
        r.gaps = List.of(PostgresStatsSource.STATEMENTS_NOT_INSTALLED + " (top queries are missing from this report)");

        DatabaseAdvice advice = ADVISOR.advise(r.build(), AdviceRequest.none());

        assertThat(advice.topByTotalTime()).isEmpty();
        assertThat(advice.gaps()).anyMatch(g -> g.startsWith(PostgresStatsSource.STATEMENTS_NOT_INSTALLED));
    }

    @Test
    void targetSize_tooSmall_rejectedNamingTheField() {
        assertThatThrownBy(() -> new TargetSize(1L << 20, 1, 10)).hasMessageContaining("memoryBytes");
    }
}
