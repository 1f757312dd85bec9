package dev.purser.mcp.transport;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;

/**
 * The DNS-rebinding defence: a page on a foreign site can make a browser send requests to
 * {@code localhost}, but it cannot make the {@code Host} header or the {@code Origin} header
 * name an allowed host. Entries are {@code host} (any port) or {@code host:port}; origin entries
 * may also be full origins ({@code https://app.example.com}).
 */
public final class HostOriginPolicy {

    private record HostPort(String host, int port) {
        boolean admits(HostPort actual) {
            return host.equalsIgnoreCase(actual.host) && (port < 0 || port == actual.port);
        }
    }

    private final List<HostPort> hosts;
    private final List<HostPort> originHosts;
    private final List<String> fullOrigins;

    public HostOriginPolicy(List<String> allowedHosts, List<String> allowedOrigins) {
        this.hosts = allowedHosts.stream().map(HostOriginPolicy::parseEntry).toList();
        this.originHosts = allowedOrigins.stream().filter(o -> !o.contains("://"))
                .map(HostOriginPolicy::parseEntry).toList();
        this.fullOrigins = allowedOrigins.stream().filter(o -> o.contains("://")).map(HostOriginPolicy::normalize)
                .toList();
    }

    /** @param host the {@code Host} header; absent or malformed is refused */
    public boolean hostAllowed(String host) {
        HostPort actual = parse(host);
        return actual != null && hosts.stream().anyMatch(h -> h.admits(actual));
    }

    /** @param origin the {@code Origin} header; absent passes (clients other than browsers omit it) */
    public boolean originAllowed(String origin) {
        if (origin == null) {
            return true;
        }
        String normalized = normalize(origin);
        if (fullOrigins.contains(normalized)) {
            return true;
        }
        try {
            URI uri = new URI(origin.trim());
            if (uri.getHost() == null || uri.getScheme() == null) {
                return false;
            }
            HostPort actual = new HostPort(uri.getHost(), uri.getPort());
            return originHosts.stream().anyMatch(h -> h.admits(actual));
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static String normalize(String origin) {
        String o = origin.trim().toLowerCase(Locale.ROOT);
        return o.endsWith("/") ? o.substring(0, o.length() - 1) : o;
    }

    private static HostPort parseEntry(String entry) {
        HostPort parsed = parse(entry);
        if (parsed == null) {
            throw new IllegalArgumentException("allowed host must be host or host:port: " + entry);
        }
        return parsed;
    }

    /** {@code host}, {@code host:port}, {@code [v6]} or {@code [v6]:port}; null when malformed. */
    static HostPort parse(String value) {
        if (value == null) {
            return null;
        }
        String v = value.trim();
        if (v.isEmpty()) {
            return null;
        }
        String host;
        String port = null;
        if (v.startsWith("[")) {
            int close = v.indexOf(']');
            if (close < 0) {
                return null;
            }
            host = v.substring(0, close + 1);
            String rest = v.substring(close + 1);
            if (!rest.isEmpty()) {
                if (!rest.startsWith(":")) {
                    return null;
                }
                port = rest.substring(1);
            }
        } else {
            int colon = v.indexOf(':');
            if (colon >= 0) {
                if (v.indexOf(':', colon + 1) >= 0) {
                    return null;
                }
                host = v.substring(0, colon);
                port = v.substring(colon + 1);
            } else {
                host = v;
            }
        }
        if (host.isEmpty() || host.chars().anyMatch(c -> c <= ' ' || c == '/' || c == '@')) {
            return null;
        }
        if (port == null) {
            return new HostPort(host, -1);
        }
        try {
            int p = Integer.parseInt(port);
            return p >= 0 && p <= 65535 ? new HostPort(host, p) : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
