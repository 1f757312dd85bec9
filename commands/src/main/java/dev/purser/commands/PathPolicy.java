package dev.purser.commands;

import dev.purser.core.error.ErrorCode;
import dev.purser.core.error.PurserException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Confines file arguments to a few directories, because a chat user or an AI assistant naming a
 * file must not be able to make the server read {@code /etc/shadow}.
 *
 * <p>Checking twice is the point: the lexical check (after resolving a relative path against the
 * first root and removing {@code ..}) refuses escapes before the file system is touched, so the
 * answer never reveals whether a file outside exists; the second check, on the real path, refuses
 * a symbolic link inside a root that points outside it.
 *
 * @param allowedRoots directories files may come from; relative paths resolve against the first
 */
public record PathPolicy(List<Path> allowedRoots) {

    public PathPolicy {
        if (allowedRoots == null || allowedRoots.isEmpty()) {
            throw new IllegalArgumentException("allowedRoots must name at least one directory");
        }
        List<Path> roots = new ArrayList<>();
        for (Path root : allowedRoots) {
            roots.add(canonical(root));
        }
        allowedRoots = List.copyOf(roots);
    }

    public static PathPolicy of(Path... roots) {
        return new PathPolicy(List.of(roots));
    }

    /**
     * The real path of an existing regular file inside one of the roots.
     *
     * @throws PurserException PATH_NOT_ALLOWED outside every root, FILE_NOT_FOUND when missing,
     *                         BAD_ARGUMENT when the text is no path or names a directory
     */
    public Path resolve(String text) {
        if (text == null || text.isBlank()) {
            throw PurserException.badArgument("expected a file path, got nothing");
        }
        Path given;
        try {
            given = Path.of(text.trim());
        } catch (InvalidPathException e) {
            throw PurserException.badArgument("'" + text + "' is not a file path: " + e.getReason());
        }
        Path candidate = (given.isAbsolute() ? given : allowedRoots.get(0).resolve(given)).normalize();
        if (!insideRoot(candidate)) {
            throw outside(text);
        }
        if (!Files.exists(candidate)) {
            throw new PurserException(ErrorCode.FILE_NOT_FOUND, "file not found: " + text);
        }
        Path real;
        try {
            real = candidate.toRealPath();
        } catch (IOException e) {
            throw new PurserException(ErrorCode.FILE_NOT_FOUND, "file cannot be read: " + text, e);
        }
        if (!insideRoot(real)) {
            throw outside(text);
        }
        if (!Files.isRegularFile(real, LinkOption.NOFOLLOW_LINKS)) {
            throw PurserException.badArgument("'" + text + "' is not a regular file");
        }
        return real;
    }

    /**
     * Where a new file may be written: the path inside one of the roots, in an existing directory
     * whose real path is inside a root too, naming nothing that exists yet (an export never
     * overwrites a file, and a link planted at the name is refused rather than followed).
     *
     * @throws PurserException PATH_NOT_ALLOWED outside every root, BAD_ARGUMENT when the text is no
     *                         path, its directory does not exist, or the file already exists
     */
    public Path resolveNew(String text) {
        if (text == null || text.isBlank()) {
            throw PurserException.badArgument("expected a file path, got nothing");
        }
        Path given;
        try {
            given = Path.of(text.trim());
        } catch (InvalidPathException e) {
            throw PurserException.badArgument("'" + text + "' is not a file path: " + e.getReason());
        }
        Path candidate = (given.isAbsolute() ? given : allowedRoots.get(0).resolve(given)).normalize();
        if (!insideRoot(candidate) || candidate.getParent() == null || candidate.getFileName() == null) {
            throw outside(text);
        }
        Path parent = candidate.getParent();
        if (!Files.isDirectory(parent)) {
            throw PurserException.badArgument("the directory of '" + text + "' does not exist");
        }
        Path realParent;
        try {
            realParent = parent.toRealPath();
        } catch (IOException e) {
            throw PurserException.badArgument("the directory of '" + text + "' cannot be read");
        }
        Path real = realParent.resolve(candidate.getFileName());
        if (!insideRoot(realParent) || !insideRoot(real) || real.equals(realParent)) {
            throw outside(text);
        }
        if (Files.exists(real, LinkOption.NOFOLLOW_LINKS)) {
            throw PurserException.badArgument("'" + text + "' already exists; choose a new file name");
        }
        return real;
    }

    private boolean insideRoot(Path path) {
        for (Path root : allowedRoots) {
            if (path.startsWith(root)) {
                return true;
            }
        }
        return false;
    }

    private PurserException outside(String text) {
        return new PurserException(ErrorCode.PATH_NOT_ALLOWED, "'" + text
                + "' is outside the allowed directories: "
                + allowedRoots.stream().map(Path::toString).collect(Collectors.joining(", ")));
    }

    // A root that is itself a link (macOS /tmp, a mounted volume) must compare as its real path,
    // or every real file path under it would look outside.
    private static Path canonical(Path root) {
        Path absolute = root.toAbsolutePath().normalize();
        try {
            return Files.exists(absolute) ? absolute.toRealPath() : absolute;
        } catch (IOException e) {
            return absolute;
        }
    }
}
