package dev.purser.commands.db;

import static org.assertj.core.api.Assertions.assertThat;

import dev.purser.commands.CommandDispatcher;
import dev.purser.commands.CommandRegistry;
import dev.purser.commands.render.JsonRenderer;
import dev.purser.commands.render.TextRenderer;
import dev.purser.commands.reply.Reply;
import dev.purser.commands.reply.Table;
import dev.purser.commands.testing.Fixtures;
import dev.purser.core.analysis.catalog.PriceCatalogs;
import dev.purser.core.cloud.postgres.PostgresStatsSource;
import dev.purser.core.cloud.postgres.StatsTestServer;
import dev.purser.core.error.ErrorCode;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code db} against a real PostgreSQL with pg_stat_statements and a workload run here. */
class DbCommandTest {

    static final String SECRET = "hunter2-never-shown";
    static final Map<String, String> ENV = Map.of("PGUSER", "postgres", "PGPASSWORD", SECRET);
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-15T10:00:00Z"), ZoneOffset.UTC);
    static final AtomicInteger COUNTER = new AtomicInteger();

    static String shop;
    static String bare;
    static CommandDispatcher dispatcher;

    @BeforeAll
    static void setUp() throws SQLException {
        shop = createDatabase("dbcmd_shop");
        bare = createDatabase("dbcmd_bare");
        try (Connection c = DriverManager.getConnection(url(shop), "postgres", null); Statement s = c.createStatement()) {
            s.execute("CREATE EXTENSION pg_stat_statements");
            s.execute("CREATE TABLE orders (id bigserial PRIMARY KEY, customer int NOT NULL, total numeric NOT NULL,"
                    + " note text)");
            s.execute("INSERT INTO orders (customer, total, note) SELECT g % 500, (g % 97) * 1.5, 'n' || g"
                    + " FROM generate_series(1, 60000) g");
            s.execute("CREATE INDEX orders_customer ON orders (customer)");
            s.execute("CREATE INDEX orders_customer_again ON orders (customer)");
            s.execute("CREATE INDEX orders_note ON orders (note)");
            s.execute("ANALYZE orders");
            s.execute("SELECT pg_stat_statements_reset()");
            // the heavy query: a grouped scan of every row, run often
            try (PreparedStatement heavy = c.prepareStatement(
                    "SELECT customer, sum(total) FROM orders WHERE total > ? GROUP BY customer ORDER BY 2 DESC")) {
                for (int i = 0; i < 40; i++) {
                    heavy.setInt(1, i % 5);
                    heavy.executeQuery().close();
                }
            }
            try (PreparedStatement light = c.prepareStatement("SELECT total FROM orders WHERE id = ?")) {
                for (int i = 1; i <= 300; i++) {
                    light.setLong(1, i);
                    light.executeQuery().close();
                }
            }
        }
        Map<String, DbTarget> targets = DbCommand.byName(List.of(
                DbTarget.of("shop", url(shop)),
                DbTarget.of("bare", url(bare)),
                DbTarget.of("gone", "jdbc:postgresql://localhost:1/nothing")));
        PostgresStatsSource.Options options = new PostgresStatsSource.Options(java.time.Duration.ofSeconds(5), 50);
        dispatcher = new CommandDispatcher(CommandRegistry.of(DbCommand.create(targets, Set.of("localhost"), ENV::get,
                PriceCatalogs.bundledDigitalOcean(), new dev.purser.core.analysis.dbadvice.DatabaseAdvisor(), options,
                CLOCK)));
    }

    static String createDatabase(String prefix) throws SQLException {
        String name = prefix + "_" + COUNTER.incrementAndGet();
        try (Connection c = StatsTestServer.server().getPostgresDatabase().getConnection();
             Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        }
        return name;
    }

    static String url(String database) {
        return "jdbc:postgresql://localhost:" + StatsTestServer.server().getPort() + "/" + database;
    }

    static Reply run(String line) {
        Reply reply = dispatcher.run(Fixtures.viewer(), "cli", line);
        String text = new TextRenderer().render(reply) + new JsonRenderer().render(reply);
        assertThat(text).doesNotContain(SECRET);
        return reply;
    }

    static Table table(Reply reply, String key) {
        return reply.tables().stream().filter(t -> t.key().equals(key)).findFirst().orElseThrow();
    }

    @Test
    void db_configuredTarget_namesTheHeaviestQueryFirst() {
        Reply reply = run("db shop");
        assertThat(reply.error()).isNull();
        Table top = table(reply, "top_by_total_time");
        assertThat(top.rows().get(0).get(1).asText()).contains("GROUP BY customer");
        assertThat(table(reply, "duplicate_indexes").rows()).singleElement()
                .satisfies(r -> assertThat(r.get(3).asText()).containsAnyOf("orders_customer", "orders_customer_again"));
        assertThat(table(reply, "unused_indexes").rows()).extracting(r -> r.get(1).asText()).contains("orders_note");
        assertThat(reply.figures()).anySatisfy(f -> assertThat(f.key()).isEqualTo("cache_hit_ratio"));
        assertThat(reply.followUps()).anySatisfy(f -> assertThat(f.commandLine()).isEqualTo("db shop --size db-s-1vcpu-2gb"));
    }

    @Test
    void db_withSize_proposesSettingsForThatNode() {
        Reply reply = run("db shop --size db-s-1vcpu-2gb");
        assertThat(reply.error()).isNull();
        Table settings = table(reply, "configuration");
        assertThat(settings.rows()).anySatisfy(r -> {
            assertThat(r.get(0).asText()).isEqualTo("max_connections");
            assertThat(r.get(2).asText()).isEqualTo("50");
        });
        assertThat(settings.rows()).extracting(r -> r.get(0).asText())
                .contains("shared_buffers", "effective_cache_size", "work_mem", "maintenance_work_mem");
    }

    @Test
    void db_urlOnAllowedHost_isRead() {
        Reply reply = run("db jdbc:postgresql://localhost:" + StatsTestServer.server().getPort() + "/" + shop
                + "?sslmode=disable");
        assertThat(reply.error()).isNull();
        assertThat(reply.title()).contains("localhost:").doesNotContain("sslmode");
    }

    @Test
    void db_urlHostNotAllowed_isRefusedBeforeConnecting() {
        Reply reply = run("db jdbc:postgresql://10.0.0.7:5432/prod");
        assertThat(reply.error().code()).isEqualTo(ErrorCode.FORBIDDEN);
        assertThat(reply.error().message()).contains("10.0.0.7");
    }

    @Test
    void db_urlWithCredentials_isRefusedWithoutRepeatingThem() {
        for (String line : List.of("db jdbc:postgresql://localhost:5432/x?user=a&password=s3cr3t-typed",
                "db postgresql://admin:s3cr3t-typed@localhost/x")) {
            Reply reply = run(line);
            assertThat(reply.error().code()).isEqualTo(ErrorCode.BAD_ARGUMENT);
            assertThat(reply.error().message()).contains("PGPASSWORD").doesNotContain("s3cr3t-typed");
        }
    }

    @Test
    void db_urlWithDriverClassParameter_isRefused() {
        Reply reply = run("db jdbc:postgresql://localhost:5432/x?socketFactory=org.example.Evil");
        assertThat(reply.error().code()).isEqualTo(ErrorCode.BAD_ARGUMENT);
        assertThat(reply.error().message()).doesNotContain("org.example.Evil");
    }

    @Test
    void db_unreachable_saysSoClearly() {
        Reply reply = run("db gone");
        assertThat(reply.error().code()).isEqualTo(ErrorCode.DATABASE_UNAVAILABLE);
        assertThat(reply.error().message()).startsWith("could not reach the database gone");
    }

    @Test
    void db_withoutPgStatStatements_answersTheRestWithANote() {
        Reply reply = run("db bare");
        assertThat(reply.error()).isNull();
        assertThat(reply.notes()).anyMatch(n -> n.startsWith(PostgresStatsSource.STATEMENTS_NOT_INSTALLED));
        assertThat(table(reply, "top_by_total_time").rows()).isEmpty();
    }

    @Test
    void db_unknownTargetOrSize_isAUserError() {
        assertThat(run("db nowhere").error().code()).isEqualTo(ErrorCode.NOT_FOUND);
        assertThat(run("db shop --size db-s-99vcpu").error().code()).isEqualTo(ErrorCode.BAD_ARGUMENT);
    }

    @Test
    void targetUrl_wildcardHost_matchesSubdomainsOnly() {
        assertThat(TargetUrl.allowed("a.db.example.com", Set.of("*.db.example.com"))).isTrue();
        assertThat(TargetUrl.allowed("db.example.com.evil.net", Set.of("*.db.example.com"))).isFalse();
        assertThat(TargetUrl.allowed("evildb.example.com", Set.of("*.db.example.com"))).isFalse();
    }

    @Test
    void specs_withinEveryFacesLimits() {
        for (dev.purser.commands.CommandSpec spec : dispatcher.registry().all()) {
            assertThat(spec.description()).hasSizeGreaterThanOrEqualTo(40);
            assertThat(spec.summary()).isNotBlank().hasSizeLessThanOrEqualTo(100);
            assertThat(dev.purser.commands.UsageText.help(spec)).hasSizeLessThanOrEqualTo(2000);
            for (dev.purser.commands.ArgumentSpec<?> arg : spec.arguments()) {
                assertThat(arg.description()).as(spec.name() + " " + arg.name()).isNotBlank().hasSizeLessThanOrEqualTo(100);
            }
        }
    }
}
