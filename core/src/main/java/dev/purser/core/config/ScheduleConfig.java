package dev.purser.core.config;

import java.time.ZoneId;
import java.util.List;
import java.util.regex.Pattern;
import org.quartz.CronExpression;

/**
 * When one scheduled job runs, and which job it is.
 *
 * @param cron     a Quartz cron expression: seconds, minutes, hours, day of month, month, day of
 *                 week and an optional year ({@code 0 0 6 * * ?} is every day at 06:00)
 * @param timeZone where the expression's hours are; default UTC
 * @param job      what runs, one of {@link #JOBS}; null means the schedule's own name is the job
 *                 (so {@code budget-check: {cron: ...}} needs no {@code job:})
 * @param misfire  what a fire time missed while Purser was down does: {@code run_once} (run once
 *                 at start-up, then keep the schedule) or {@code skip} (wait for the next fire
 *                 time); null keeps the job's own default, chosen per job (see the README)
 * @param account  the account a pull files its rows under, or null for the source's default
 */
public record ScheduleConfig(String cron, ZoneId timeZone, String job, String misfire, String account) {

    /** The jobs a schedule may run. */
    public static final List<String> JOBS = List.of("do-billing", "aws-ce", "do-inventory", "aws-inventory",
            "prometheus", "anomalies", "budget-check", "savings-digest", "monthly-report", "alert-digest");

    /** The misfire words a schedule may give. */
    public static final List<String> MISFIRES = List.of("run_once", "skip");

    private static final Pattern FIELD = Pattern.compile("[0-9A-Za-z*?/,#L W-]+");

    public ScheduleConfig {
        cron = Check.required("cron", cron);
        String[] fields = cron.trim().split("\\s+");
        if (fields.length < 6 || fields.length > 7) {
            throw new SettingException("cron", "'" + cron + "' has " + fields.length + " fields; a Quartz cron expression"
                    + " has 6 or 7 (seconds minutes hours day-of-month month day-of-week [year])");
        }
        for (String f : fields) {
            if (!FIELD.matcher(f).matches()) {
                throw new SettingException("cron", "'" + cron + "' has a bad field '" + f + "'");
            }
        }
        if (!fields[3].equals("?") && !fields[5].equals("?")) {
            throw new SettingException("cron", "'" + cron + "' must have '?' in day-of-month or day-of-week (Quartz needs one unset)");
        }
        if (!CronExpression.isValidExpression(cron)) {
            throw new SettingException("cron", "'" + cron + "' is not a valid Quartz cron expression");
        }
        timeZone = timeZone == null ? ZoneId.of("UTC") : timeZone;
        job = Check.blankToNull(job);
        if (job != null && !JOBS.contains(job)) {
            throw new SettingException("job", "'" + job + "' is not a job; expected one of: " + String.join(", ", JOBS));
        }
        misfire = Check.oneOf("misfire", Check.blankToNull(misfire), null, MISFIRES.toArray(String[]::new));
        account = Check.blankToNull(account);
    }

    /** A schedule whose name is its job, with the job's default misfire policy. */
    public ScheduleConfig(String cron, ZoneId timeZone) {
        this(cron, timeZone, null, null, null);
    }

    /**
     * The job this schedule runs, given its name in {@code schedules}.
     *
     * @throws SettingException when neither {@code job} nor the name is a job
     */
    public String jobFor(String name) {
        String j = job != null ? job : name;
        if (!JOBS.contains(j)) {
            throw new SettingException("job", "schedule '" + name + "' names no job: add job: with one of: "
                    + String.join(", ", JOBS));
        }
        return j;
    }
}
