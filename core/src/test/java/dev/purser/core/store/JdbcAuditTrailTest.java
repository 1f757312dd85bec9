package dev.purser.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.purser.core.audit.AuditChain;
import dev.purser.core.audit.AuditEntry;
import dev.purser.core.audit.AuditEvent;
import dev.purser.core.audit.AuditJsonLines;
import dev.purser.core.audit.AuditVerification;
import dev.purser.core.testing.TestDatabase;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class JdbcAuditTrailTest {

    static final Instant T0 = Instant.parse("2026-12-06T04:10:09.123456789Z");

    PurserDatabase db;
    JdbcAuditTrail trail;

    @BeforeEach
    void open() {
        db = TestDatabase.fresh();
        trail = new JdbcAuditTrail(db.dataSource(), Clock.fixed(T0, ZoneOffset.UTC));
    }

    @AfterEach
    void close() {
        db.close();
    }

    private void appendThree() {
        trail.append(AuditEvent.of("plan.created", "plan:7", "alice", Map.of("revision", "1", "hash", "ab12")));
        trail.append(AuditEvent.of("approval.given", "plan:7", "bob",
                Map.of("platform", "slack", "comment", "fine by me\nkey 3:x")));
        trail.append(AuditEvent.of("plan.created", "plan:8", "carol", Map.of()));
    }

    private void sql(String statement) throws SQLException {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute(statement);
        }
    }

    @Test
    void append_untouchedChain_verifiesAndLinks() {
        appendThree();

        AuditVerification v = trail.verify();

        assertThat(v.intact()).isTrue();
        assertThat(v.entriesChecked()).isEqualTo(3);
        List<AuditEntry> plan7 = trail.entries("plan:7");
        assertThat(plan7).extracting(AuditEntry::sequence).containsExactly(1L, 2L);
        assertThat(plan7.get(0).previousHash()).isEqualTo(AuditChain.GENESIS);
        assertThat(plan7.get(1).previousHash()).isEqualTo(plan7.get(0).hash());
        assertThat(plan7.get(1).event().details()).containsEntry("comment", "fine by me\nkey 3:x");
        assertThat(plan7.get(0).recordedAt()).isEqualTo(Instant.parse("2026-12-06T04:10:09.123456Z"));
        assertThat(plan7.get(0).hash()).isEqualTo(AuditChain.expectedHash(plan7.get(0)));
    }

    @Test
    void verify_emptyTrail_isIntact() {
        AuditVerification v = trail.verify();

        assertThat(v.intact()).isTrue();
        assertThat(v.entriesChecked()).isZero();
    }

    @Test
    void canonicalForm_isExactAndLengthPrefixed() {
        AuditEvent e = AuditEvent.of("approval.given", "plan:7", "bob", Map.of("z", "1", "a", "é\n"));

        assertThat(AuditChain.canonicalForm(2, T0, e)).isEqualTo("purser-audit-v1\n"
                + "sequence 1:2\n"
                + "recorded_at 27:2026-12-06T04:10:09.123456Z\n"
                + "kind 14:approval.given\n"
                + "subject 6:plan:7\n"
                + "actor 3:bob\n"
                + "details 1:2\n"
                + "key 1:a\n"
                + "value 3:é\n\n"
                + "key 1:z\n"
                + "value 1:1\n");
        // a value that spells out another field's line cannot pass for that field
        AuditEvent forged = AuditEvent.of("approval.given", "plan:7", "bob", Map.of("a", "x\nkey 1:b"));
        AuditEvent honest = AuditEvent.of("approval.given", "plan:7", "bob", Map.of("a", "x", "b", ""));
        assertThat(AuditChain.canonicalForm(1, T0, forged)).isNotEqualTo(AuditChain.canonicalForm(1, T0, honest));
    }

    @Test
    void update_refusedByTrigger() {
        appendThree();

        assertThatThrownBy(() -> sql("UPDATE audit_entry SET actor = 'mallory' WHERE sequence = 2"))
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("audit entries are append-only: UPDATE of entry 2 refused");
        assertThat(trail.verify().intact()).isTrue();
    }

    @Test
    void delete_refusedByTrigger() {
        appendThree();

        assertThatThrownBy(() -> sql("DELETE FROM audit_entry WHERE sequence = 2"))
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("audit entries are append-only: DELETE of entry 2 refused");
        assertThat(trail.entries("plan:7")).hasSize(2);
    }

    @Test
    void truncate_refusedByTrigger() {
        appendThree();

        assertThatThrownBy(() -> sql("TRUNCATE audit_entry"))
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("audit entries are append-only: TRUNCATE on audit_entry refused");
        assertThatThrownBy(() -> sql("DELETE FROM audit_chain_head"))
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("append-only");
        assertThatThrownBy(() -> sql("UPDATE audit_chain_head SET sequence = 1"))
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("only moves forward");
        assertThat(trail.verify().entriesChecked()).isEqualTo(3);
    }

    @Test
    void verify_rowChangedWithTriggerDisabled_namesItAsHashMismatch() throws SQLException {
        appendThree();
        sql("ALTER TABLE audit_entry DISABLE TRIGGER audit_entry_no_update_or_delete");
        sql("UPDATE audit_entry SET details = jsonb_set(details, '{comment}', '\"no\"') WHERE sequence = 2");
        sql("ALTER TABLE audit_entry ENABLE TRIGGER audit_entry_no_update_or_delete");

        AuditVerification v = trail.verify();

        assertThat(v.intact()).isFalse();
        assertThat(v.firstMismatch()).contains(2L);
        assertThat(v.reason()).startsWith("hash mismatch: entry 2 (approval.given on plan:7) was changed");
    }

    @Test
    void verify_rowAndItsHashRewritten_namesTheBrokenLinkAfterIt() throws SQLException {
        appendThree();
        AuditEntry second = trail.entries("plan:7").get(1);
        AuditEvent forged = AuditEvent.of("approval.given", "plan:7", "mallory", second.event().details());
        String forgedHash = AuditChain.hash(second.previousHash(),
                AuditChain.canonicalForm(2, second.recordedAt(), forged));
        sql("ALTER TABLE audit_entry DISABLE TRIGGER USER");
        try (Connection c = db.dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement("UPDATE audit_entry SET actor = 'mallory', hash = ? WHERE sequence = 2")) {
            ps.setString(1, forgedHash);
            ps.executeUpdate();
        }
        sql("ALTER TABLE audit_entry ENABLE TRIGGER USER");

        AuditVerification v = trail.verify();

        assertThat(v.firstMismatch()).contains(3L);
        assertThat(v.reason()).startsWith("broken link: entry 3 records previous hash " + second.hash());
    }

    @Test
    void verify_middleRowDeleted_namesTheGap() throws SQLException {
        appendThree();
        trail.append(AuditEvent.of("plan.cancelled", "plan:8", "carol", Map.of()));
        sql("ALTER TABLE audit_entry DISABLE TRIGGER USER");
        sql("DELETE FROM audit_entry WHERE sequence IN (2, 3)");
        sql("ALTER TABLE audit_entry ENABLE TRIGGER USER");

        AuditVerification v = trail.verify();

        assertThat(v.firstMismatch()).contains(2L);
        assertThat(v.entriesChecked()).isEqualTo(1);
        assertThat(v.reason()).isEqualTo("gap in sequence: entry 2..3 is missing (the trail goes from entry 1 to entry 4)");
    }

    @Test
    void verify_newestRowDeleted_namesItAgainstTheHead() throws SQLException {
        appendThree();
        sql("ALTER TABLE audit_entry DISABLE TRIGGER USER");
        sql("DELETE FROM audit_entry WHERE sequence = 3");
        sql("ALTER TABLE audit_entry ENABLE TRIGGER USER");

        AuditVerification v = trail.verify();

        assertThat(v.firstMismatch()).contains(3L);
        assertThat(v.reason()).startsWith("gap in sequence: entry 3 is missing (the chain head records 3 entries");
    }

    @Test
    void verify_rowInsertedBehindTheTrailsBack_isNamed() throws SQLException {
        appendThree();
        AuditEntry third = trail.entries("plan:8").get(0);
        AuditEvent extra = AuditEvent.of("approval.given", "plan:8", "mallory", Map.of());
        String hash = AuditChain.hash(third.hash(), AuditChain.canonicalForm(4, T0, extra));
        try (Connection c = db.dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement("INSERT INTO audit_entry VALUES (4, ?, 'approval.given', "
                     + "'plan:8', 'mallory', '{}', ?, ?)")) {
            ps.setObject(1, java.time.OffsetDateTime.ofInstant(AuditChain.storedTime(T0), ZoneOffset.UTC));
            ps.setString(2, third.hash());
            ps.setString(3, hash);
            ps.executeUpdate();
        }

        AuditVerification v = trail.verify();

        assertThat(v.firstMismatch()).contains(4L);
        assertThat(v.reason()).startsWith("entry 4 was not appended through the trail");
    }

    @Test
    void append_concurrentThreadsOnSeparatePools_chainStaysLinear() throws Exception {
        // two independent connection pools stand in for two processes: the lock is PostgreSQL's
        EmbeddedPostgres server = TestDatabase.server();
        String name;
        try (Connection c = db.dataSource().getConnection()) {
            name = c.getCatalog();
        }
        DataSource otherPool = server.getDatabase("postgres", name);
        JdbcAuditTrail a = new JdbcAuditTrail(db.dataSource(), Clock.systemUTC());
        JdbcAuditTrail b = new JdbcAuditTrail(otherPool, Clock.systemUTC());
        int threads = 8;
        int each = 25;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<List<AuditEntry>>> results = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            JdbcAuditTrail mine = t % 2 == 0 ? a : b;
            String subject = "plan:" + t;
            results.add(pool.submit(() -> {
                start.await();
                List<AuditEntry> out = new ArrayList<>();
                for (int i = 0; i < each; i++) {
                    out.add(mine.append(AuditEvent.of("plan.edited", subject, "worker", Map.of("i", Integer.toString(i)))));
                }
                return out;
            }));
        }
        start.countDown();
        Set<Long> sequences = new HashSet<>();
        for (Future<List<AuditEntry>> f : results) {
            List<AuditEntry> mine = f.get(60, TimeUnit.SECONDS);
            for (int i = 1; i < mine.size(); i++) {
                assertThat(mine.get(i).sequence()).isGreaterThan(mine.get(i - 1).sequence());
            }
            mine.forEach(e -> sequences.add(e.sequence()));
        }
        pool.shutdown();

        assertThat(sequences).hasSize(threads * each);
        assertThat(sequences).allMatch(s -> s >= 1 && s <= threads * each);
        AuditVerification v = trail.verify();
        assertThat(v.intact()).as(v.reason()).isTrue();
        assertThat(v.entriesChecked()).isEqualTo(threads * each);
        List<Instant> times = new ArrayList<>();
        trail.forEach(Optional.empty(), e -> times.add(e.recordedAt()));
        assertThat(times).isSorted();
    }

    @Test
    void export_jsonLines_roundTripAndRecomputeEveryHash() {
        appendThree();
        List<AuditEntry> stored = new ArrayList<>();
        List<String> lines = new ArrayList<>();
        long n = trail.forEach(Optional.empty(), e -> {
            stored.add(e);
            lines.add(AuditJsonLines.write(e));
        });

        assertThat(n).isEqualTo(3);
        assertThat(lines).allMatch(l -> !l.contains("\n"));
        for (int i = 0; i < lines.size(); i++) {
            AuditEntry back = AuditJsonLines.read(lines.get(i));
            assertThat(back).isEqualTo(stored.get(i));
            assertThat(AuditChain.expectedHash(back)).isEqualTo(back.hash());
        }
        assertThat(lines.get(0)).startsWith("{\"sequence\":1,\"recorded_at\":\"2026-12-06T04:10:09.123456Z\","
                + "\"kind\":\"plan.created\",\"subject\":\"plan:7\",\"actor\":\"alice\",\"details\":{\"hash\":\"ab12\","
                + "\"revision\":\"1\"},\"previous_hash\":\"" + AuditChain.GENESIS + "\"");
    }

    @Test
    void export_since_skipsOlderEntries() {
        JdbcAuditTrail early = new JdbcAuditTrail(db.dataSource(), Clock.fixed(T0.minusSeconds(86_400), ZoneOffset.UTC));
        early.append(AuditEvent.of("plan.created", "plan:1", "alice", Map.of()));
        trail.append(AuditEvent.of("plan.created", "plan:2", "alice", Map.of()));
        List<Long> seen = new ArrayList<>();

        trail.forEach(Optional.of(T0.minusSeconds(60)), e -> seen.add(e.sequence()));

        assertThat(seen).containsExactly(2L);
    }

    @Test
    void append_nulCharacter_refusedAndNothingAppended() throws SQLException {
        assertThatThrownBy(() -> trail.append(AuditEvent.of("plan.created", "plan:1", "al\0ice", Map.of())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("actor contains a NUL");
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM audit_entry")) {
            rs.next();
            assertThat(rs.getLong(1)).isZero();
        }
    }
}
