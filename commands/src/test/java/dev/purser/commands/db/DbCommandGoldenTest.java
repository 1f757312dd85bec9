package dev.purser.commands.db;

import dev.purser.commands.reply.Reply;
import dev.purser.commands.testing.Renderings;
import dev.purser.core.analysis.dbadvice.AdviceRequest;
import dev.purser.core.analysis.dbadvice.DatabaseAdvice;
import dev.purser.core.analysis.dbadvice.DatabaseAdvisor;
import dev.purser.core.analysis.dbadvice.TargetSize;
import dev.purser.core.analysis.dbadvice.DatabaseStat;
import dev.purser.core.analysis.dbadvice.IndexStat;
import dev.purser.core.analysis.dbadvice.PgSetting;
import dev.purser.core.analysis.dbadvice.PostgresStats;
import dev.purser.core.analysis.dbadvice.SessionStat;
import dev.purser.core.analysis.dbadvice.StatementStat;
import dev.purser.core.analysis.dbadvice.TableStat;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/**
 * {@code db}'s renderings pinned on a hand-built reading, where every figure is known: a live
 * server's timings change from run to run, so {@link DbCommandTest} checks those by rule instead.
 */
class DbCommandGoldenTest {

    private static final Instant AT = Instant.parse("2026-11-16T09:00:00Z");

    private static PostgresStats reading() {
        List<StatementStat> statements = List.of(
                new StatementStat(11, "SELECT customer, sum(total) FROM orders WHERE total > $1 GROUP BY customer", 40,
                        5_200, 130, 20_000, 90_000, 4_000),
                new StatementStat(12, "SELECT total FROM orders WHERE id = $1", 30_000, 1_500, 0.05, 30_000, 60_000, 10),
                new StatementStat(13, "VACUUM ANALYZE orders", 1, 800, 800, 0, 0, 0));
        List<SessionStat> sessions = List.of(
                new SessionStat(101, "shop", "app", "api", "active", Duration.ofSeconds(1), Optional.of(Duration.ofSeconds(1)),
                        OptionalLong.of(12), ""),
                new SessionStat(102, "shop", "app", "worker", "idle in transaction", Duration.ofMinutes(12),
                        Optional.of(Duration.ofMinutes(12)), OptionalLong.empty(), "Client"),
                new SessionStat(103, "shop", "app", "api", "idle", Duration.ofMinutes(3), Optional.empty(),
                        OptionalLong.empty(), "Client"));
        List<IndexStat> indexes = List.of(
                index("orders_pkey", "id", 30_000, true, 1_400_000),
                index("orders_customer", "customer", 800, false, 1_400_000),
                index("orders_customer_again", "customer", 0, false, 1_400_000),
                index("orders_note", "note", 0, false, 3_200_000));
        List<TableStat> tables = List.of(
                new TableStat("public", "orders", 400, 24_000_000, 30_800, 60_000, 0, 6L << 20),
                new TableStat("public", "countries", 9_000, 2_250_000, 0, 250, 0, 65_536));
        Map<String, PgSetting> settings = Map.of(
                "max_connections", setting("max_connections", "100", ""),
                "superuser_reserved_connections", setting("superuser_reserved_connections", "3", ""),
                "shared_buffers", setting("shared_buffers", "16384", "8kB"),
                "effective_cache_size", setting("effective_cache_size", "524288", "8kB"),
                "work_mem", setting("work_mem", "4096", "kB"),
                "maintenance_work_mem", setting("maintenance_work_mem", "65536", "kB"),
                "idle_in_transaction_session_timeout", setting("idle_in_transaction_session_timeout", "0", "ms"));
        double total = statements.stream().mapToDouble(StatementStat::totalExecMillis).sum();
        return new PostgresStats(AT, 170_011, new DatabaseStat("shop", sessions.size(), 52_000, 12, 9_400, 940_000, 0,
                0, 0, 50L << 20, Optional.empty()), statements, true, total, sessions, indexes, tables, settings,
                List.of());
    }

    private static PgSetting setting(String name, String value, String unit) {
        return new PgSetting(name, value, unit, "default", false);
    }

    private static IndexStat index(String name, String keys, long scans, boolean primary, long bytes) {
        return new IndexStat("public", "orders", name, scans, primary, primary, true, primary, bytes, "btree", keys,
                "1978 0 0", "", "CREATE " + (primary ? "UNIQUE " : "") + "INDEX " + name
                        + " ON public.orders USING btree (" + keys + ")");
    }

    @Test
    void db_renderings_matchGoldenFiles() {
        DatabaseAdvisor advisor = new DatabaseAdvisor();
        DatabaseAdvice today = advisor.advise(reading(), AdviceRequest.none());
        Reply reply = DbCommand.reply("shop", "shop", null, today);
        Renderings.assertMatchGolden("db", reply);

        // db-s-1vcpu-2gb: 2 GiB, 1 vCPU, 50 connections a GiB
        DatabaseAdvice smaller = advisor.advise(reading(), AdviceRequest.none()
                .withProposedSize(new TargetSize(2L << 30, 1, 50)));
        Renderings.assertMatchGolden("db-size", DbCommand.reply("shop", "shop", "db-s-1vcpu-2gb", smaller));
    }
}
