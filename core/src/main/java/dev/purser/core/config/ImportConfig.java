package dev.purser.core.config;

import java.nio.file.Path;
import java.util.List;

/**
 * Where {@code import} may read files from, besides the working directory and Purser's home,
 * which are always allowed.
 *
 * @param directories extra directories, absolute after loading
 */
public record ImportConfig(List<Path> directories) {

    public ImportConfig {
        directories = Check.list(directories).stream().map(p -> p.toAbsolutePath().normalize()).toList();
    }

    public static ImportConfig defaults() {
        return new ImportConfig(List.of());
    }
}
