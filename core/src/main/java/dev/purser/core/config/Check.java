package dev.purser.core.config;

import java.net.URI;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** The checks every settings record shares, each failing with a {@link SettingException} naming the key. */
final class Check {

    /** The names of the roles a principal may hold, as written in {@code purser.yaml}. */
    static final List<String> ROLES = List.of("viewer", "requester", "approver", "admin");

    private static final Pattern VARIABLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,127}");

    private Check() {
    }

    static String orDefault(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value.trim();
    }

    static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    static String required(String key, String value) {
        if (value == null || value.isBlank()) {
            throw new SettingException(key, "is required");
        }
        return value.trim();
    }

    /**
     * An environment variable's name. The value is never echoed: someone who wrote the secret
     * itself where its variable's name belongs must not find it in a log.
     */
    static String variable(String key, String value, String fallback) {
        String name = orDefault(value, fallback);
        if (name != null && !VARIABLE.matcher(name).matches()) {
            throw new SettingException(key, "must name an environment variable (letters, digits and '_', such as "
                    + (fallback == null ? "PURSER_TOKEN" : fallback) + "), not hold the secret itself");
        }
        return name;
    }

    static URI httpUrl(String key, URI value, URI fallback) {
        URI uri = value == null ? fallback : value;
        if (uri == null) {
            return null;
        }
        if (!uri.isAbsolute() || uri.getHost() == null
                || !("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))) {
            throw new SettingException(key, "must be an absolute http(s) URL, got '" + uri + "'");
        }
        if (uri.getUserInfo() != null) {
            throw new SettingException(key, "must not carry credentials; name their environment variable instead");
        }
        return uri;
    }

    /** A URL a token is sent to: https, or plain http to this machine only, so no token crosses a network in clear. */
    static URI tokenUrl(String key, URI value, URI fallback) {
        URI uri = httpUrl(key, value, fallback);
        if (uri != null && "http".equals(uri.getScheme()) && !loopback(uri.getHost())) {
            throw new SettingException(key, "must be https (plain http only to localhost), got '" + uri + "'");
        }
        return uri;
    }

    static boolean loopback(String host) {
        return host.equals("localhost") || host.equals("127.0.0.1") || host.equals("[::1]");
    }

    static Set<String> roles(String key, Set<String> value, Set<String> fallback) {
        if (value == null || value.isEmpty()) {
            return fallback;
        }
        Set<String> roles = new LinkedHashSet<>();
        for (String role : value) {
            String name = role == null ? "" : role.trim().toLowerCase(Locale.ROOT);
            if (!ROLES.contains(name)) {
                throw new SettingException(key, "unknown role '" + role + "' (expected one of: "
                        + String.join(", ", ROLES) + ")");
            }
            roles.add(name);
        }
        return Set.copyOf(roles);
    }

    static <T> List<T> list(List<T> value) {
        return value == null ? List.of() : List.copyOf(value);
    }

    static <K, V> Map<K, V> map(Map<K, V> value) {
        return value == null ? Map.of() : Map.copyOf(value);
    }

    static String oneOf(String key, String value, String fallback, String... allowed) {
        String v = orDefault(value, fallback);
        if (v == null) {
            return null;
        }
        String lower = v.toLowerCase(Locale.ROOT);
        if (!Arrays.asList(allowed).contains(lower)) {
            throw new SettingException(key, "unknown value '" + v + "' (expected one of: "
                    + String.join(", ", allowed) + ")");
        }
        return lower;
    }
}
