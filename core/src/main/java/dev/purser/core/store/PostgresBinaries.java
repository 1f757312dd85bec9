package dev.purser.core.store;

import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.tukaani.xz.XZInputStream;

/**
 * The PostgreSQL binaries bundled on the classpath (the zonky binaries jar), unpacked once under a
 * directory named after the archive's digest, so a newer bundle never runs against an older
 * unpacked copy.
 *
 * <p>Unpacking: into a fresh temporary sibling, then one atomic rename. A process killed half-way
 * leaves only a temporary directory that nobody reads, and two processes unpacking at once both
 * succeed (the second rename loses, and its copy is dropped).
 */
final class PostgresBinaries {

    private static final String COMPLETE = ".complete";

    private final Path root;

    private PostgresBinaries(Path root) {
        this.root = root;
    }

    /** The unpacked installation (with {@code bin/pg_ctl}) under {@code cacheRoot}, unpacking it if needed. */
    static PostgresBinaries installedUnder(Path cacheRoot) throws IOException {
        byte[] archive;
        try (InputStream in = DefaultPostgresBinaryResolver.INSTANCE.getPgBinary(operatingSystem(), architecture())) {
            if (in == null) {
                throw new IOException("no bundled PostgreSQL binaries for " + operatingSystem() + " " + architecture());
            }
            archive = in.readAllBytes();
        }
        Path target = cacheRoot.resolve("pg-" + digest(archive));
        if (Files.exists(target.resolve(COMPLETE))) {
            return new PostgresBinaries(target);
        }
        Files.createDirectories(cacheRoot);
        Path staging = Files.createTempDirectory(cacheRoot, "unpacking-");
        try {
            unpack(archive, staging);
            Files.createFile(staging.resolve(COMPLETE));
            try {
                Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException | DirectoryNotEmptyException | AtomicMoveNotSupportedException raced) {
                if (!Files.exists(target.resolve(COMPLETE))) {
                    throw raced;
                }
            }
        } finally {
            deleteTree(staging);
        }
        return new PostgresBinaries(target);
    }

    /** A command line running one of the bundled programs ({@code initdb}, {@code pg_ctl}). */
    List<String> command(String program, String... arguments) {
        List<String> command = new ArrayList<>();
        // PostgreSQL refuses to run as root; in containers Purser often is root, so the programs run
        // in a fresh user namespace where they are not (as the zonky launcher does). Without user
        // namespaces they run as they are, and PostgreSQL's own refusal lands in the server log.
        if (RunAs.isRootWithUserNamespaces()) {
            command.add("unshare");
            command.add("-U");
        }
        command.add(root.resolve("bin").resolve(program).toString());
        command.addAll(List.of(arguments));
        return command;
    }

    private static void unpack(byte[] archive, Path into) throws IOException {
        try (TarArchiveInputStream tar = new TarArchiveInputStream(new XZInputStream(new ByteArrayInputStream(archive)))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                Path path = into.resolve(entry.getName()).normalize();
                if (!path.startsWith(into)) {
                    throw new IOException("archive entry outside its directory: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(path);
                } else if (entry.isSymbolicLink() || entry.isLink()) {
                    Files.createDirectories(path.getParent());
                    Files.createSymbolicLink(path, Path.of(entry.getLinkName()));
                } else {
                    Files.createDirectories(path.getParent());
                    Files.copy(tar, path);
                    if ((entry.getMode() & 0100) != 0) {
                        path.toFile().setExecutable(true, false);
                    }
                }
            }
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static String digest(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    private static String operatingSystem() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        if (os.contains("mac")) {
            return "Darwin";
        }
        return os.contains("win") ? "Windows" : "Linux";
    }

    private static String architecture() {
        String arch = System.getProperty("os.arch", "");
        return arch.equals("amd64") ? "x86_64" : arch;
    }

    /** Whether this process runs as root (uid 0) and can leave it through {@code unshare -U}. */
    static final class RunAs {
        private static final boolean ROOT_WITH_USER_NAMESPACES = detectRoot() && unshareWorks();

        private RunAs() {
        }

        static boolean isRootWithUserNamespaces() {
            return ROOT_WITH_USER_NAMESPACES;
        }

        private static boolean unshareWorks() {
            try {
                Process p = new ProcessBuilder("unshare", "-U", "true")
                        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                return p.waitFor(10, java.util.concurrent.TimeUnit.SECONDS) && p.exitValue() == 0;
            } catch (IOException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }

        private static boolean detectRoot() {
            try {
                return new com.sun.security.auth.module.UnixSystem().getUid() == 0;
            } catch (LinkageError | RuntimeException notUnix) {
                return false;
            }
        }
    }
}
