package dev.purser.commands.reply;

import java.util.Objects;

/**
 * A rendered chart. Faces that cannot show images show {@code altText} instead.
 *
 * @param png the PNG bytes; never modified after construction
 */
public record Chart(String key, String title, String altText, byte[] png) {
    public Chart {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(altText, "altText");
        png = png.clone();
    }

    @Override
    public byte[] png() {
        return png.clone();
    }
}
