package dev.purser.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.purser.core.error.ErrorCode;
import dev.purser.core.error.PurserException;
import dev.purser.core.schedule.JobKind;
import dev.purser.core.schedule.MisfirePolicy;
import dev.purser.core.schedule.ScheduledJob;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The schedules and alert_routes sections: what a bad entry says, and the defaults. */
class ScheduleAndRouteConfigTest {

    private static PurserConfig parse(String yaml) {
        return ConfigLoader.parse(yaml, "purser.yaml", Path.of("."));
    }

    private static PurserException failure(String yaml) {
        return catchThrowableOfType(PurserException.class, () -> parse(yaml));
    }

    @Test
    void schedules_nameThatIsNoJob_withoutJob_isRefusedNamingTheKey() {
        PurserException e = failure("schedules:\n  nightly:\n    cron: \"0 0 6 * * ?\"\n");
        assertThat(e.code()).isEqualTo(ErrorCode.BAD_ARGUMENT);
        assertThat(e.getMessage()).contains("purser.yaml:", "schedules.nightly.job", "budget-check");
    }

    @Test
    void schedules_unknownJob_isRefusedListingTheJobs() {
        PurserException e = failure("schedules:\n  nightly:\n    job: do-bill\n    cron: \"0 0 6 * * ?\"\n");
        assertThat(e.getMessage()).contains("'do-bill' is not a job", "do-billing");
    }

    @Test
    void schedules_badMisfire_isRefused() {
        PurserException e = failure("schedules:\n  budget-check:\n    cron: \"0 0 6 * * ?\"\n    misfire: later\n");
        assertThat(e.getMessage()).contains("misfire", "run_once, skip");
    }

    @Test
    void schedules_cronQuartzRejects_isRefused() {
        PurserException e = failure("schedules:\n  budget-check:\n    cron: \"0 0 25 * * ?\"\n");
        assertThat(e.getMessage()).contains("cron", "not a valid Quartz cron expression");
    }

    @Test
    void schedules_misfireDefaultsPerJob_andOverride() {
        PurserConfig c = parse("""
                schedules:
                  budget-check: {cron: "0 30 * * * ?"}
                  inventory: {job: do-inventory, cron: "0 0 * * * ?"}
                  late-inventory: {job: do-inventory, cron: "0 0 * * * ?", misfire: run_once, account: mandible}
                """);
        List<ScheduledJob> jobs = ScheduledJob.fromConfig(c.schedules());
        assertThat(jobs).extracting(ScheduledJob::kind)
                .containsExactly(JobKind.BUDGET_CHECK, JobKind.DO_INVENTORY, JobKind.DO_INVENTORY);
        assertThat(jobs).extracting(ScheduledJob::misfire)
                .containsExactly(MisfirePolicy.RUN_LATE, MisfirePolicy.SKIP, MisfirePolicy.RUN_LATE);
        assertThat(jobs.get(2).account()).isEqualTo("mandible");
        assertThat(jobs.get(0).nextFireAfter(Instant.parse("2026-11-23T12:00:00Z")))
                .contains(Instant.parse("2026-11-23T12:30:00Z"));
    }

    @Test
    void nextFireAfter_followsTheTimeZone() {
        ScheduledJob report = new ScheduledJob("monthly-report", JobKind.MONTHLY_REPORT, "0 0 9 1 * ?",
                ZoneId.of("Europe/Berlin"), MisfirePolicy.RUN_LATE, null);
        assertThat(report.nextFireAfter(Instant.parse("2026-11-23T12:00:00Z")))
                .contains(Instant.parse("2026-12-01T08:00:00Z"));
    }

    @Test
    void jobWords_areTheKindsTheSchedulerKnows() {
        assertThat(ScheduleConfig.JOBS).containsExactlyElementsOf(Arrays.stream(JobKind.values()).map(JobKind::word).toList());
    }

    @Test
    void alertRoutes_defaults_nameDigestQuietPeriod() {
        PurserConfig c = parse("alert_routes:\n  - {kind: budget, platform: slack, channel: C0123FINOPS}\n"
                + "  - {kind: anomaly, platform: discord, channel: \"345678901234567890\", name: spend, digest: true,"
                + " include_decreases: true, quiet_period: 6h}\n");
        AlertRouteConfig first = c.alertRoutes().get(0);
        assertThat(first.name()).isEqualTo("budget-slack-c0123finops");
        assertThat(first.digest()).isFalse();
        assertThat(first.includeDecreases()).isFalse();
        assertThat(first.quietPeriod()).isEqualTo(Duration.ofHours(24));
        AlertRouteConfig second = c.alertRoutes().get(1);
        assertThat(second.name()).isEqualTo("spend");
        assertThat(second.digest()).isTrue();
        assertThat(second.includeDecreases()).isTrue();
        assertThat(second.quietPeriod()).isEqualTo(Duration.ofHours(6));
    }

    @Test
    void alertRoutes_twoWithOneName_isRefused() {
        PurserException e = failure("alert_routes:\n  - {kind: budget, platform: slack, channel: C1, name: x}\n"
                + "  - {kind: anomaly, platform: slack, channel: C2, name: x}\n");
        assertThat(e.getMessage()).contains("alert_routes", "two routes are named x");
    }

    @Test
    void alertRoutes_badName_isRefused() {
        PurserException e = failure("alert_routes:\n  - {kind: budget, platform: slack, channel: C1, name: \"a b\"}\n");
        assertThat(e.getMessage()).contains("alert_routes[0].name", "not a route name");
    }
}
