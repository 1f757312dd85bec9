package dev.purser.commands.reply;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Preformatted text that must reach the reader byte for byte: a unified diff, a patched file, a
 * Kubernetes patch. Faces show it verbatim and delimited (a fenced block), never reflowed into
 * table cells, so it can be copied and applied.
 *
 * @param key      stable machine name, snake_case ({@code compose_diff_web})
 * @param language what the text is, for highlighting: {@code yaml}, {@code diff}, or empty when
 *                 plain; letters, digits and {@code + . _ -} only, because Markdown puts it on the
 *                 opening fence line
 * @param text     the exact text, line breaks and leading spaces included
 */
public record CodeBlock(String key, String title, String language, String text) {

    private static final Pattern LANGUAGE = Pattern.compile("[A-Za-z0-9+._-]*");

    public CodeBlock {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(language, "language");
        Objects.requireNonNull(text, "text");
        if (key.isBlank()) {
            throw new IllegalArgumentException("code block key must not be blank");
        }
        if (!LANGUAGE.matcher(language).matches()) {
            throw new IllegalArgumentException("code block " + key + " language must be letters, digits or + . _ -,"
                    + " got '" + language + "'");
        }
    }
}
