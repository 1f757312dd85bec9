package dev.purser.bot.deploy;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the repository's deploy/ directory is, from the module the tests run in. */
final class DeployFiles {

    private DeployFiles() {
    }

    static Path root() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path deploy = dir.resolve("deploy");
            if (Files.isRegularFile(deploy.resolve("README.md")) && Files.isDirectory(deploy.resolve("prometheus"))) {
                return deploy;
            }
        }
        throw new IllegalStateException("no deploy/ directory above " + Path.of("").toAbsolutePath());
    }

    static Path file(String relative) {
        Path p = root().resolve(relative);
        if (!Files.isRegularFile(p)) {
            throw new IllegalStateException("missing deploy file: " + p);
        }
        return p;
    }
}
