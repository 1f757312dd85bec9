package dev.purser.commands.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.purser.commands.CommandDispatcher;
import dev.purser.commands.CommandRegistry;
import dev.purser.commands.PathPolicy;
import dev.purser.commands.Principal;
import dev.purser.commands.Role;
import dev.purser.commands.reply.Figure;
import dev.purser.commands.reply.Reply;
import dev.purser.commands.reply.Value;
import dev.purser.commands.testing.Fixtures;
import dev.purser.commands.testing.MutableClock;
import dev.purser.core.audit.AuditChain;
import dev.purser.core.audit.AuditEntry;
import dev.purser.core.audit.AuditEvent;
import dev.purser.core.audit.AuditExport;
import dev.purser.core.audit.AuditJsonLines;
import dev.purser.core.error.ErrorCode;
import dev.purser.core.error.PurserException;
import dev.purser.core.store.JdbcAuditTrail;
import dev.purser.core.store.PurserDatabase;
import dev.purser.core.testing.TestDatabase;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditCommandTest {

    private static final Principal ADMIN = new Principal("slack:U9", "Ada", EnumSet.of(Role.VIEWER, Role.ADMIN), true);

    @TempDir
    Path dir;
    @TempDir
    Path elsewhere;

    PurserDatabase db;
    JdbcAuditTrail trail;
    MutableClock clock;
    CommandDispatcher dispatcher;

    @BeforeEach
    void open() {
        db = TestDatabase.fresh();
        clock = MutableClock.at("2026-12-01T09:00:00Z");
        trail = new JdbcAuditTrail(db.dataSource(), clock);
        dispatcher = new CommandDispatcher(CommandRegistry.of(AuditCommand.create(trail, trail, PathPolicy.of(dir),
                clock)));
        trail.append(AuditEvent.of("plan.created", "plan:7", "slack:U2", Map.of("revision", "1")));
        clock.advance(java.time.Duration.ofHours(1));
        trail.append(AuditEvent.of("approval.given", "plan:7", "slack:U3",
                Map.of("revision", "1", "comment", "ok, after the backup")));
        clock.set(java.time.Instant.parse("2026-12-04T10:00:00Z"));
        trail.append(AuditEvent.of("plan.created", "plan:8", "slack:U2", Map.of("revision", "1")));
        trail.append(AuditEvent.of("approval.given", "plan:8", "slack:U3", Map.of("revision", "1")));
    }

    @AfterEach
    void close() {
        db.close();
    }

    private void sql(String statement) throws SQLException {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute(statement);
        }
    }

    private static Value figure(Reply reply, String key) {
        return reply.figures().stream().filter(f -> f.key().equals(key)).map(Figure::value).findFirst()
                .orElseThrow(() -> new AssertionError("no figure " + key));
    }

    @Test
    void verify_untouchedChain_isIntactForAViewer() {
        Reply reply = dispatcher.run(Fixtures.viewer(), "cli", "audit verify");

        assertThat(reply.error()).isNull();
        assertThat(figure(reply, "intact").asText()).isEqualTo("yes");
        assertThat(figure(reply, "entries_checked").asNumber()).isEqualByComparingTo("4");
        assertThat(figure(reply, "first_mismatch").isEmpty()).isTrue();
    }

    @Test
    void verify_rowChangedWithTriggerDisabled_namesTheEntry() throws SQLException {
        sql("ALTER TABLE audit_entry DISABLE TRIGGER audit_entry_no_update_or_delete");
        sql("UPDATE audit_entry SET actor = 'slack:U666' WHERE sequence = 2");
        sql("ALTER TABLE audit_entry ENABLE TRIGGER audit_entry_no_update_or_delete");

        Reply reply = dispatcher.run(Fixtures.viewer(), "cli", "audit verify");

        assertThat(reply.error()).isNull();
        assertThat(reply.title()).isEqualTo("Audit trail broken at entry 2");
        assertThat(figure(reply, "intact").asText()).isEqualTo("no");
        assertThat(figure(reply, "first_mismatch").asNumber()).isEqualByComparingTo("2");
        assertThat(figure(reply, "entries_checked").asNumber()).isEqualByComparingTo("2");
        assertThat(reply.summary()).contains("hash mismatch: entry 2 (approval.given on plan:7)");
    }

    @Test
    void verify_rowDeletedWithTriggerDisabled_namesTheGap() throws SQLException {
        sql("ALTER TABLE audit_entry DISABLE TRIGGER USER");
        sql("DELETE FROM audit_entry WHERE sequence = 3");
        sql("ALTER TABLE audit_entry ENABLE TRIGGER USER");

        Reply reply = dispatcher.run(Fixtures.viewer(), "cli", "audit verify");

        assertThat(figure(reply, "first_mismatch").asNumber()).isEqualByComparingTo("3");
        assertThat(reply.summary()).contains("gap in sequence: entry 3 is missing");
    }

    @Test
    void show_planId_listsItsEntriesOldestFirst() {
        Reply reply = dispatcher.run(Fixtures.viewer(), "cli", "audit show 7");

        assertThat(reply.error()).isNull();
        assertThat(reply.title()).isEqualTo("Audit trail of plan:7");
        List<List<Value>> rows = reply.tables().get(0).rows();
        assertThat(rows).extracting(r -> r.get(0).asNumber().longValue()).containsExactly(1L, 2L);
        assertThat(rows.get(1).get(2).asText()).isEqualTo("approval.given");
        assertThat(rows.get(1).get(3).asText()).isEqualTo("slack:U3");
        assertThat(rows.get(1).get(4).asText()).isEqualTo("comment=ok, after the backup, revision=1");
        assertThat(rows.get(1).get(1).asText()).isEqualTo("2026-12-01 10:00:00Z");
    }

    @Test
    void show_subjectWithColon_isTakenAsRecorded_andUnknownSaysSo() {
        assertThat(dispatcher.run(Fixtures.viewer(), "cli", "audit show plan:8").tables().get(0).rows()).hasSize(2);
        Reply none = dispatcher.run(Fixtures.viewer(), "cli", "audit show 99");
        assertThat(none.error()).isNull();
        assertThat(none.tables()).isEmpty();
        assertThat(none.summary()).isEqualTo("The audit trail has no entries about plan:99.");
    }

    @Test
    void show_withoutSubject_isABadArgument() {
        Reply reply = dispatcher.run(Fixtures.viewer(), "cli", "audit show");

        assertThat(reply.error().code()).isEqualTo(ErrorCode.BAD_ARGUMENT);
    }

    @Test
    void export_toFile_jsonLinesRoundTripAndRecomputeTheChain() throws IOException {
        Reply reply = dispatcher.run(ADMIN, "cli", "audit export --file audit.jsonl");

        assertThat(reply.error()).isNull();
        assertThat(figure(reply, "entries").asNumber()).isEqualByComparingTo("4");
        List<String> lines = Files.readAllLines(dir.resolve("audit.jsonl"), StandardCharsets.UTF_8);
        assertThat(lines).hasSize(4);
        List<AuditEntry> stored = new ArrayList<>();
        trail.forEach(Optional.empty(), stored::add);
        String previous = AuditChain.GENESIS;
        for (int i = 0; i < lines.size(); i++) {
            AuditEntry back = AuditJsonLines.read(lines.get(i));
            assertThat(back).isEqualTo(stored.get(i));
            assertThat(back.previousHash()).isEqualTo(previous);
            assertThat(AuditChain.expectedHash(back)).isEqualTo(back.hash());
            previous = back.hash();
        }
    }

    @Test
    void export_since_keepsLaterEntries_inTheReplyWithoutFile() {
        Reply reply = dispatcher.run(ADMIN, "cli", "audit export --since 2026-12-02");

        assertThat(reply.error()).isNull();
        assertThat(figure(reply, "entries").asNumber()).isEqualByComparingTo("2");
        String text = reply.codeBlocks().get(0).text();
        assertThat(text.lines().map(AuditJsonLines::read).map(AuditEntry::sequence)).containsExactly(3L, 4L);
        Reply window = dispatcher.run(ADMIN, "cli", "audit export --since 1d");
        assertThat(figure(window, "entries").asNumber()).isEqualByComparingTo("2");
    }

    @Test
    void export_asViewer_isForbidden() {
        Reply reply = dispatcher.run(Fixtures.viewer(), "cli", "audit export --file audit.jsonl");

        assertThat(reply.error().code()).isEqualTo(ErrorCode.FORBIDDEN);
        assertThat(dir.resolve("audit.jsonl")).doesNotExist();
    }

    @Test
    void export_outsideTheDirectories_isRefusedAndNothingWritten() {
        Path outside = elsewhere.resolve("audit.jsonl");

        Reply absolute = dispatcher.run(ADMIN, "cli", "audit export --file " + outside);
        Reply climbing = dispatcher.run(ADMIN, "cli", "audit export --file ../audit.jsonl");

        assertThat(absolute.error().code()).isEqualTo(ErrorCode.PATH_NOT_ALLOWED);
        assertThat(climbing.error().code()).isEqualTo(ErrorCode.PATH_NOT_ALLOWED);
        assertThat(outside).doesNotExist();
    }

    @Test
    void export_existingFileOrPlantedLink_isNeverOverwritten() throws IOException {
        Files.writeString(dir.resolve("bill.csv"), "keep me");
        Files.createSymbolicLink(dir.resolve("link.jsonl"), elsewhere.resolve("target.jsonl"));

        Reply existing = dispatcher.run(ADMIN, "cli", "audit export --file bill.csv");
        Reply link = dispatcher.run(ADMIN, "cli", "audit export --file link.jsonl");

        assertThat(existing.error().code()).isEqualTo(ErrorCode.BAD_ARGUMENT);
        assertThat(Files.readString(dir.resolve("bill.csv"))).isEqualTo("keep me");
        assertThat(link.error().code()).isEqualTo(ErrorCode.BAD_ARGUMENT);
        assertThat(elsewhere.resolve("target.jsonl")).doesNotExist();
    }

    @Test
    void export_failingMidway_leavesNoFile() {
        AuditExport failing = (since, sink) -> {
            trail.forEach(since, e -> {
                sink.accept(e);
                if (e.sequence() == 2) {
                    throw new PurserException(ErrorCode.DATABASE_UNAVAILABLE, "the database went away");
                }
            });
            return 0;
        };
        CommandDispatcher broken = new CommandDispatcher(CommandRegistry.of(AuditCommand.create(trail, failing,
                PathPolicy.of(dir), clock)));

        Reply reply = broken.run(ADMIN, "cli", "audit export --file audit.jsonl");

        assertThat(reply.error().code()).isEqualTo(ErrorCode.DATABASE_UNAVAILABLE);
        assertThat(dir.resolve("audit.jsonl")).doesNotExist();
    }
}
