package dev.purser.bot.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.purser.core.testing.TestDatabase;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The mandible story of {@code purser demo}, as a newcomer runs it without a terminal on a fresh
 * home: the plan from the recommendations, the requester's own approval refused, two approvers'
 * sign-offs, the rehearsal and sso-prod done, mandible-prod's trigger firing with its numbers and
 * the rollback, the audit trail intact; then, in new processes on the same home, the plan, its
 * sign-offs and its audit trail as {@code plan show} and {@code audit show} read them; and the
 * demo again on the same home, which tells the story again with a new plan.
 */
class DemoStoryCliTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-06T12:00:00Z"), ZoneOffset.UTC);
    /** The rolled-back line, with whatever figures the simulator's wobble gives. */
    private static final String ROLLED_BACK = "Phase 3 mandible-prod rolled back: query_p95_ms above 1\\.5x baseline for"
            + " 10m fired \\(baseline [34][0-9]\\.[0-9] ms, limit [56][0-9]\\.[0-9] ms, peak 9[0-9]\\.[0-9] ms over [0-9]+"
            + " samples\\); back to db-s-2vcpu-4gb x 2 nodes";

    @TempDir
    Path home;

    record Result(int code, String out, String err) {
    }

    private Result run(Map<String, String> env, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = PurserMain.run(args, env, CLOCK, new ByteArrayInputStream(new byte[0]),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void demo_noConsole_freshHome_tellsTheStory_andLeavesPlanSignOffsAndAuditForLaterProcesses() {
        Map<String, String> env = new HashMap<>();
        env.put("PURSER_HOME", home.toString());
        env.put("PURSER_DATABASE_URL", TestDatabase.freshJdbcUrl());
        env.put("PURSER_DATABASE_USER", "postgres");
        env.put("COLUMNS", "1000");

        Result demo = run(env, "demo", "--no-console");

        assertThat(demo.code()).as(demo.err()).isZero();
        String out = demo.out();
        assertThat(out).containsPattern("\\$ purser plan create rs-[0-9a-f]+ rs-[0-9a-f]+ --window \"daily 02:00-04:00 UTC\""
                + " +# as carol, requester");
        assertThat(out).contains("purser: refused (self_approval): carol requested plan 1 and so cannot approve it");
        assertThat(out).contains("# as dana, approver", "# as erin, approver", "Plan 1 is approved");
        assertThat(out).containsPattern("Phase 1 rehearsal done: rehearsal on sso-prod-rehearsal-[0-9a-f]+ \\(forked from"
                + " the backup of [^)]+, online in [0-9]+ s; resized to db-s-1vcpu-2gb x 1 node in [0-9]+ s\\)");
        assertThat(out).contains("Phase 2 sso-prod done: no trigger fired during the soak");
        assertThat(out).containsPattern(ROLLED_BACK);
        assertThat(out).contains("Right-size mandible-prod, sso-prod (mandible): rolled back; 2 of 3 phases done.");
        assertThat(out).containsPattern("Audit trail intact\nAll [0-9]+ entries of the audit trail match their hashes");
        assertThat(out.indexOf("refused (self_approval)")).isLessThan(out.indexOf("# as dana, approver"));
        assertThat(out.indexOf("rolled back: query_p95_ms")).isLessThan(out.indexOf("Audit trail intact"));

        Result show = run(env, "plan", "show", "1");
        assertThat(show.code()).as(show.err()).isZero();
        assertThat(show.out()).containsPattern("State +rolled_back").containsPattern("Requested by +carol")
                .contains("1 of 1: @dana", "1 of 1: @erin");
        Result audit = run(env, "audit", "show", "1");
        assertThat(audit.code()).as(audit.err()).isZero();
        assertThat(audit.out()).contains("approval.refused", "approval.given", "phase.breach", "phase.rolled_back",
                "plan.rolled_back", "self_approval");
        assertThat(run(env, "audit", "verify").out()).contains("Audit trail intact");

        Result again = run(env, "demo", "--no-console");
        assertThat(again.code()).as(again.err()).isZero();
        assertThat(again.out()).contains("refused (self_approval): carol requested plan 2 and so cannot approve it")
                .containsPattern(ROLLED_BACK).contains("Audit trail intact");
        assertThat(run(env, "plan", "show", "1").out()).containsPattern("State +rolled_back");
        assertThat(run(env, "migration", "status", "2").out()).contains("rolled back; 2 of 3 phases done");
    }
}
