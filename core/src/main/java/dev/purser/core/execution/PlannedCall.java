package dev.purser.core.execution;

import java.util.Objects;

/**
 * A provider call an executor will make (or, in a dry run, would have made), as a person reads it.
 *
 * @param method {@code PUT}, {@code POST}, {@code DELETE}, or {@code WRITE} for a file
 * @param path   {@code /v2/databases/{id}/resize}, or the file's path
 * @param body   the request body, or a summary of the file change; empty when none
 */
public record PlannedCall(String method, String path, String body) {

    public PlannedCall {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        body = body == null ? "" : body;
    }

    @Override
    public String toString() {
        return method + " " + path + (body.isEmpty() ? "" : " " + body);
    }
}
