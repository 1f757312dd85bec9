package dev.purser.core.cloud.http;

import java.net.URI;
import java.net.http.HttpHeaders;
import java.util.Objects;
import java.util.Optional;

/**
 * A successful (2xx) response: its body as text (every API Purser reads answers JSON or CSV).
 */
public record ApiResponse(URI uri, int status, HttpHeaders headers, String body) {

    public ApiResponse {
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(headers, "headers");
        Objects.requireNonNull(body, "body");
    }

    public Optional<String> header(String name) {
        return headers.firstValue(name);
    }
}
