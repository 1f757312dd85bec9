package dev.purser.core.alerts;

import java.util.List;
import java.util.Objects;

/**
 * What a channel receives, before a face renders it (Block Kit on Slack, an embed on Discord).
 *
 * @param explain the command that explains it; every face shows it
 */
public record AlertMessage(AlertKind kind, String title, List<String> lines, String explain) {

    public AlertMessage {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(title, "title");
        lines = List.copyOf(lines);
        Objects.requireNonNull(explain, "explain");
    }

    /** Plain text, for a fallback ({@code text} beside Slack blocks) and for logs. */
    public String plainText() {
        StringBuilder b = new StringBuilder(title);
        for (String l : lines) {
            b.append('\n').append(l);
        }
        return b.append("\nExplain: ").append(explain).toString();
    }
}
