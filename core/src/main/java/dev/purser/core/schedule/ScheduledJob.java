package dev.purser.core.schedule;

import dev.purser.core.config.ScheduleConfig;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TimeZone;
import org.quartz.CronExpression;

/**
 * One configured job: its name in {@code schedules}, what it runs, when, and what a missed fire does.
 *
 * @param account the account a pull files under, or null for the source's default
 */
public record ScheduledJob(String name, JobKind kind, String cron, ZoneId zone, MisfirePolicy misfire, String account) {

    public ScheduledJob {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(cron, "cron");
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(misfire, "misfire");
        if (!CronExpression.isValidExpression(cron)) {
            throw new IllegalArgumentException("not a Quartz cron expression: " + cron);
        }
    }

    /** The jobs of a configuration's {@code schedules}, in its order. */
    public static List<ScheduledJob> fromConfig(Map<String, ScheduleConfig> schedules) {
        Map<String, ScheduledJob> out = new LinkedHashMap<>();
        schedules.forEach((name, s) -> {
            JobKind kind = JobKind.ofWord(s.jobFor(name)).orElseThrow();
            MisfirePolicy misfire = s.misfire() == null ? kind.defaultMisfire() : MisfirePolicy.ofWord(s.misfire());
            out.put(name, new ScheduledJob(name, kind, s.cron(), s.timeZone(), misfire, s.account()));
        });
        return List.copyOf(out.values());
    }

    /** The first fire time after {@code after}, or empty when the expression never fires again. */
    public Optional<Instant> nextFireAfter(Instant after) {
        try {
            CronExpression e = new CronExpression(cron);
            e.setTimeZone(TimeZone.getTimeZone(zone));
            Date next = e.getNextValidTimeAfter(Date.from(after));
            return Optional.ofNullable(next).map(Date::toInstant);
        } catch (java.text.ParseException ex) {
            throw new IllegalStateException("cron validated at construction no longer parses: " + cron, ex);
        }
    }
}
