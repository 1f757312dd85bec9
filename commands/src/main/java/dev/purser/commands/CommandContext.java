package dev.purser.commands;

import java.util.Objects;

/**
 * What a handler knows about the request beyond its arguments.
 *
 * @param face where the request came from: {@code cli}, {@code console}, {@code slack},
 *             {@code discord}, {@code mcp}; handlers may use it only for wording, never for logic
 */
public record CommandContext(Principal principal, String face) {
    public CommandContext {
        Objects.requireNonNull(principal, "principal");
        Objects.requireNonNull(face, "face");
    }
}
