package dev.purser.core.config;

import java.time.ZoneId;
import java.util.regex.Pattern;

/**
 * When one scheduled job runs.
 *
 * @param cron     a Quartz cron expression: seconds, minutes, hours, day of month, month, day of
 *                 week and an optional year ({@code 0 0 6 * * ?} is every day at 06:00)
 * @param timeZone where the expression's hours are; default UTC
 */
public record ScheduleConfig(String cron, ZoneId timeZone) {

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
        timeZone = timeZone == null ? ZoneId.of("UTC") : timeZone;
    }
}
