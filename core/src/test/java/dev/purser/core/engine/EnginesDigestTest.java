package dev.purser.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.purser.core.config.AlertRouteConfig;
import dev.purser.core.config.PurserConfig;
import dev.purser.core.config.ScheduleConfig;
import dev.purser.core.schedule.JobKind;
import dev.purser.core.schedule.ScheduledJob;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EnginesDigestTest {

    private static final AlertRouteConfig DIGEST = new AlertRouteConfig("ingestion", "*", "slack", "C1", null, true,
            null, null);

    @Test
    void withDigest_digestRouteWithoutSchedule_addsADailyDigestAtEight() {
        PurserConfig c = new PurserConfig.Builder().alertRoutes(List.of(DIGEST)).timezone(ZoneId.of("Europe/Berlin"))
                .schedules(Map.of("budget-check", new ScheduleConfig("0 30 * * * ?", null))).build();
        List<ScheduledJob> jobs = Engines.withDigest(ScheduledJob.fromConfig(c.schedules()), c);
        assertThat(jobs).extracting(ScheduledJob::kind).containsExactly(JobKind.BUDGET_CHECK, JobKind.ALERT_DIGEST);
        assertThat(jobs.get(1).cron()).isEqualTo("0 0 8 * * ?");
        assertThat(jobs.get(1).zone()).isEqualTo(ZoneId.of("Europe/Berlin"));
    }

    @Test
    void withDigest_scheduledOrNoDigestRoute_leavesTheJobsAlone() {
        PurserConfig scheduled = new PurserConfig.Builder().alertRoutes(List.of(DIGEST))
                .schedules(Map.of("alert-digest", new ScheduleConfig("0 0 18 * * ?", null))).build();
        assertThat(Engines.withDigest(ScheduledJob.fromConfig(scheduled.schedules()), scheduled)).hasSize(1)
                .extracting(ScheduledJob::cron).containsExactly("0 0 18 * * ?");
        PurserConfig none = new PurserConfig.Builder().build();
        assertThat(Engines.withDigest(List.of(), none)).isEmpty();
    }
}
