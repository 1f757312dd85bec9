package dev.purser.core.cloud.http;

import java.util.Objects;

/**
 * What a request asks for, in words a user understands, for log lines and error messages.
 *
 * @param description e.g. {@code invoices} or {@code invoice 22737513-...}
 * @param scope       the read permission the token needs for it, e.g. {@code billing:read}
 * @param area        the same permission in plain words, e.g. {@code billing}
 */
public record RequestTarget(String description, String scope, String area) {

    public RequestTarget {
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(area, "area");
    }
}
