package dev.purser.core.config;

import java.util.List;

/**
 * Where one kind of alert goes.
 *
 * @param kind     {@link #KINDS}
 * @param scope    which alerts of the kind: {@code *} (default), {@code account:<name>}, {@code budget:<name>}, {@code tier:<tier>}
 * @param platform slack or discord
 * @param channel  the channel id ({@code C0123ABCD} on Slack, a numeric id on Discord)
 */
public record AlertRouteConfig(String kind, String scope, String platform, String channel) {

    public static final List<String> KINDS = List.of("budget", "anomaly", "waste", "migration", "ingestion", "report");
    public static final List<String> SCOPE_PREFIXES = List.of("account:", "budget:", "tier:");

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
    }
}
