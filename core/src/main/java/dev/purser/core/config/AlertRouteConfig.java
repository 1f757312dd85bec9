package dev.purser.core.config;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * Where one kind of alert goes, and how often.
 *
 * @param kind             {@link #KINDS}
 * @param scope            which alerts of the kind: {@code *} (default), {@code account:<name>}, {@code budget:<name>}, {@code tier:<tier>}
 * @param platform         slack or discord
 * @param channel          the channel id ({@code C0123ABCD} on Slack, a numeric id on Discord)
 * @param name             what {@code alerts test <route>} calls the route; default
 *                         {@code <kind>-<platform>-<channel>} in lower case
 * @param digest           true: the route's alerts wait for the daily digest (the
 *                         {@code alert-digest} job) instead of going out one by one; default false
 * @param includeDecreases true: an alert about the same subject is repeated when its amount went
 *                         down too; default false, only increases are alerted again
 * @param quietPeriod      after an alert about a subject, no repeat about it for this long, even
 *                         when its amount grew; default 24h
 */
public record AlertRouteConfig(String kind, String scope, String platform, String channel, String name,
        Boolean digest, Boolean includeDecreases, Duration quietPeriod) {

    public static final List<String> KINDS = List.of("budget", "anomaly", "waste", "migration", "ingestion", "report");
    public static final List<String> SCOPE_PREFIXES = List.of("account:", "budget:", "tier:");
    public static final Duration DEFAULT_QUIET_PERIOD = Duration.ofHours(24);

    public AlertRouteConfig {
        kind = Check.oneOf("kind", Check.required("kind", kind), null, KINDS.toArray(String[]::new));
        scope = Check.orDefault(scope, "*");
        String s = scope;
        if (!s.equals("*") && SCOPE_PREFIXES.stream().noneMatch(p -> s.startsWith(p) && s.length() > p.length())) {
            throw new SettingException("scope", "'" + s + "' is not * or one of " + String.join(", ", SCOPE_PREFIXES)
                    + " followed by a name");
        }
        platform = Check.oneOf("platform", Check.required("platform", platform), null, "slack", "discord");
        channel = Check.required("channel", channel);
        name = Check.orDefault(name, (kind + "-" + platform + "-" + channel).toLowerCase(Locale.ROOT));
        if (!name.matches("[A-Za-z0-9][A-Za-z0-9_.:-]{0,99}")) {
            throw new SettingException("name", "'" + name + "' is not a route name (letters, digits, '_', '.', ':' or '-')");
        }
        digest = digest != null && digest;
        includeDecreases = includeDecreases != null && includeDecreases;
        quietPeriod = quietPeriod == null ? DEFAULT_QUIET_PERIOD : quietPeriod;
        if (quietPeriod.isNegative()) {
            throw new SettingException("quiet_period", "must not be negative");
        }
    }

    /** A route sending each alert at once, with the default quiet period. */
    public AlertRouteConfig(String kind, String scope, String platform, String channel) {
        this(kind, scope, platform, channel, null, null, null, null);
    }
}
