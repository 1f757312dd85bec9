package dev.purser.core.store;

import dev.purser.core.error.ErrorCode;
import dev.purser.core.error.PurserException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded PostgreSQL of one {@code PURSER_HOME}, shared by every Purser process that uses
 * that home: the first one in starts the server, the others join it, the last one out stops it.
 *
 * <p>Concurrency. Two files beside the data directory coordinate processes:
 * <ul>
 * <li>{@code postgres.lock}: held exclusively while a process decides "is a server running, or
 *     do I start one" and while a process leaving decides "am I the last, so I stop it". Those
 *     decisions are therefore never taken by two processes at once; a process that finds the
 *     lock taken says so and waits, bounded.
 * <li>{@code postgres.users}: every process using the server holds a shared lock on it for as
 *     long as it does. A process leaving releases its own and tries for an exclusive lock: it gets
 *     one only when no other process holds a shared lock, that is, when it is the last user.
 * </ul>
 * Both are {@code fcntl} locks, which the kernel drops when a process dies, however it dies: a
 * {@code kill -9} can never leave a phantom user that keeps a server alive, nor a phantom
 * starter that blocks the others. Within one JVM the file locks are taken once per data
 * directory (Java refuses overlapping locks from one process) and counted in memory.
 *
 * <p>Crashes. A process killed while the server runs leaves the server running with no users;
 * the next process finds it through {@code postmaster.pid} (a live PostgreSQL process that says
 * "ready"), joins it, and being last out eventually stops it. A server killed itself leaves a
 * {@code postmaster.pid} naming a dead process (or, after a reboot, some unrelated one): that is
 * detected and the server is started again, which runs PostgreSQL's crash recovery from its
 * write-ahead log. The server runs with {@code fsync} and synchronous commit on, so what a
 * finished command reported is on disk whatever happens to any process afterwards.
 *
 * <p>Why stop the server at all rather than leave it running detached: a shell command such as
 * {@code purser cost} should not leave a database process behind that the user never asked for
 * and does not know to stop; the price is a server start (about a second) for the first command
 * after an idle period.
 */
final class EmbeddedServer {

    /** How long a process waits for another to start or stop the server before giving up. */
    static final Duration DEFAULT_WAIT = Duration.ofSeconds(120);

    private static final Logger log = LoggerFactory.getLogger(EmbeddedServer.class);
    private static final String PID_FILE = "postmaster.pid";

    /** This JVM's use of each data directory; guarded by itself. */
    private static final Map<Path, Shared> SHARED = new HashMap<>();

    private EmbeddedServer() {
    }

    /** This process's use of a running server; release it once, after closing every connection. */
    static final class Lease {
        private final Shared shared;
        private boolean released;

        private Lease(Shared shared) {
            this.shared = shared;
        }

        int port() {
            return shared.port;
        }

        /** Whether this process found the server already running (started by another process). */
        boolean joined() {
            return shared.joined;
        }

        void release() {
            synchronized (SHARED) {
                if (released) {
                    return;
                }
                released = true;
                shared.holders--;
                if (shared.holders == 0) {
                    SHARED.remove(shared.dataDir);
                    shared.leave();
                }
            }
        }
    }

    /**
     * Joins the server running on {@code dataDir}, or starts it (creating the data directory on
     * first use).
     *
     * @param notices receives one line when this process has to wait for another
     * @throws PurserException DATABASE_UNAVAILABLE when the server cannot be started or joined
     *                         within {@code wait}
     */
    static Lease acquire(Path dataDir, Duration wait, Consumer<String> notices) {
        Path key = dataDir.toAbsolutePath().normalize();
        synchronized (SHARED) {
            Shared shared = SHARED.get(key);
            if (shared == null) {
                shared = Shared.enter(key, wait, notices);
                SHARED.put(key, shared);
            }
            shared.holders++;
            return new Lease(shared);
        }
    }

    /** The file locks and port of one data directory, for every lease this JVM holds on it. */
    private static final class Shared {
        final Path dataDir;
        final Duration wait;
        final FileChannel users;
        final FileLock usersLock;
        final int port;
        final boolean joined;
        int holders;

        private Shared(Path dataDir, Duration wait, FileChannel users, FileLock usersLock, int port, boolean joined) {
            this.dataDir = dataDir;
            this.wait = wait;
            this.users = users;
            this.usersLock = usersLock;
            this.port = port;
            this.joined = joined;
        }

        static Shared enter(Path dataDir, Duration wait, Consumer<String> notices) {
            Path home = dataDir.getParent();
            try {
                Files.createDirectories(home);
                try (ControlLock control = ControlLock.take(home, wait, notices,
                        "waiting for another Purser process to start the embedded PostgreSQL in " + dataDir)) {
                    FileChannel users = FileChannel.open(home.resolve(dataDir.getFileName() + ".users"),
                            StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
                    try {
                        // Never blocks for long: exclusive holders only exist inside the control lock.
                        FileLock usersLock = users.lock(0, Long.MAX_VALUE, true);
                        Optional<Integer> running = runningPort(dataDir, control.deadline());
                        if (running.isPresent()) {
                            log.info("joined the embedded PostgreSQL in {} on port {}", dataDir, running.get());
                            return new Shared(dataDir, wait, users, usersLock, running.get(), true);
                        }
                        int port = start(dataDir, control.deadline());
                        return new Shared(dataDir, wait, users, usersLock, port, false);
                    } catch (IOException | RuntimeException e) {
                        users.close();
                        throw e;
                    }
                }
            } catch (IOException e) {
                throw new PurserException(ErrorCode.DATABASE_UNAVAILABLE,
                        "could not start the embedded PostgreSQL in " + dataDir + ": " + e.getMessage()
                                + " (see " + serverLog(dataDir) + "; set PURSER_DATABASE_URL to use your own server)", e);
            }
        }

        /** Gives up this JVM's use; the last process out stops the server. */
        void leave() {
            try (ControlLock control = ControlLock.take(dataDir.getParent(), wait, log::info,
                    "waiting for another Purser process before leaving the embedded PostgreSQL in " + dataDir)) {
                usersLock.release();
                FileLock alone = users.tryLock(0, Long.MAX_VALUE, false);
                if (alone != null) {
                    stop(dataDir, control.deadline());
                }
            } catch (IOException | RuntimeException e) {
                // The server then stays up with no users; the next process joins it and the last
                // one out stops it, so nothing is lost by not stopping it now.
                log.warn("left the embedded PostgreSQL in {} running: {}", dataDir, e.getMessage());
            } finally {
                try {
                    users.close();
                } catch (IOException e) {
                    log.warn("could not close {}.users: {}", dataDir, e.getMessage());
                }
            }
        }
    }

    /** The exclusive lock on {@code postgres.lock}, with the deadline of whoever waited for it. */
    private static final class ControlLock implements AutoCloseable {
        private final FileChannel channel;
        private final long deadline;

        private ControlLock(FileChannel channel, long deadline) {
            this.channel = channel;
            this.deadline = deadline;
        }

        static ControlLock take(Path home, Duration wait, Consumer<String> notices, String waitingMessage) throws IOException {
            long deadline = System.nanoTime() + wait.toNanos();
            FileChannel channel = FileChannel.open(home.resolve("postgres.lock"),
                    StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            boolean told = false;
            try {
                // FileChannel.lock() cannot time out, so poll tryLock until the deadline.
                while (channel.tryLock() == null) {
                    if (!told) {
                        notices.accept(waitingMessage + " (up to " + wait.toSeconds() + " s)");
                        told = true;
                    }
                    if (System.nanoTime() - deadline > 0) {
                        throw new PurserException(ErrorCode.DATABASE_UNAVAILABLE, "gave up after " + wait.toSeconds()
                                + " s " + waitingMessage + " (" + home.resolve("postgres.lock") + " is still locked)");
                    }
                    pause();
                }
                return new ControlLock(channel, deadline);
            } catch (IOException | RuntimeException e) {
                channel.close();
                throw e;
            }
        }

        long deadline() {
            return deadline;
        }

        @Override
        public void close() throws IOException {
            channel.close();
        }
    }

    /**
     * The port of a server already running on {@code dataDir}, waiting while it starts up; empty
     * when there is none (no {@code postmaster.pid}, or one left by a dead process).
     */
    static Optional<Integer> runningPort(Path dataDir, long deadline) throws IOException {
        Path pidFile = dataDir.resolve(PID_FILE);
        while (true) {
            Optional<Postmaster> found = Postmaster.read(pidFile);
            if (found.isEmpty()) {
                return Optional.empty();
            }
            Postmaster pm = found.get();
            Optional<ProcessHandle> process = ProcessHandle.of(pm.pid()).filter(ProcessHandle::isAlive);
            if (process.isEmpty() || !isPostgres(process.get())) {
                log.warn("{} names process {}, which is {}; starting the server again", pidFile, pm.pid(),
                        process.isEmpty() ? "gone" : "not PostgreSQL");
                if (process.isPresent()) {
                    // PostgreSQL itself would refuse to start while the file names a live process.
                    Files.deleteIfExists(pidFile);
                }
                return Optional.empty();
            }
            if (pm.ready()) {
                return Optional.of(pm.port());
            }
            if (System.nanoTime() - deadline > 0) {
                throw new IOException("the server (process " + pm.pid() + ") did not become ready in time");
            }
            pause();
        }
    }

    private static boolean isPostgres(ProcessHandle process) {
        // Unknown command (no permission to look): trust the pid file rather than delete it.
        return process.info().command()
                .map(c -> Path.of(c).getFileName().toString().startsWith("postgres"))
                .orElse(true);
    }

    private static int start(Path dataDir, long deadline) throws IOException {
        Path home = dataDir.getParent();
        PostgresBinaries binaries = PostgresBinaries.installedUnder(home.resolve("postgres-binaries"));
        Path serverLog = serverLog(dataDir);
        Files.createDirectories(serverLog.getParent());
        if (!Files.exists(dataDir.resolve("PG_VERSION"))) {
            initialize(binaries, dataDir, serverLog, deadline);
        }
        IOException failed = null;
        // Two tries: another program may bind the free port we picked before PostgreSQL does.
        for (int attempt = 0; attempt < 2; attempt++) {
            int port = freePort();
            try {
                run("pg_ctl start", binaries.command("pg_ctl", "start", "-w", "-t", Long.toString(secondsLeft(deadline)),
                        "-D", dataDir.toString(), "-l", serverLog.toString(), "-o", serverOptions(port)),
                        serverLog, deadline);
                log.info("started the embedded PostgreSQL in {} on port {}", dataDir, port);
                return port;
            } catch (IOException e) {
                failed = e;
            }
        }
        throw failed;
    }

    /**
     * Creates the data directory: {@code initdb} into a sibling, then one rename, so a process
     * killed during {@code initdb} leaves no half-made data directory that later starts would trip on.
     */
    private static void initialize(PostgresBinaries binaries, Path dataDir, Path serverLog, long deadline) throws IOException {
        if (Files.isDirectory(dataDir)) {
            try (Stream<Path> entries = Files.list(dataDir)) {
                if (entries.findAny().isPresent()) {
                    throw new IOException(dataDir + " is not empty but is no PostgreSQL data directory (no PG_VERSION)");
                }
            }
            Files.delete(dataDir);
        }
        Path staging = dataDir.resolveSibling(dataDir.getFileName() + ".initdb");
        PostgresBinaries.deleteTree(staging);
        run("initdb", binaries.command("initdb", "-A", "trust", "-U", "postgres", "-E", "UTF-8", "-D", staging.toString()),
                serverLog, deadline);
        Files.move(staging, dataDir, StandardCopyOption.ATOMIC_MOVE);
    }

    private static String serverOptions(int port) {
        // Loopback TCP only (no Unix socket in a shared /tmp). wal_level=minimal: nothing replicates
        // from or archives this server, and an import's COPY into leaves created in its own
        // transaction then writes no WAL (the leaf is synced at commit instead): crash-safe, cheaper.
        return "-p " + port + " -c listen_addresses=localhost -c unix_socket_directories=''"
                + " -c max_connections=50 -c timezone=UTC -c wal_level=minimal -c max_wal_senders=0";
    }

    /**
     * Stops the server with SIGTERM (PostgreSQL's "smart" shutdown, which ends with a checkpoint)
     * and waits for it; no Purser process is connected by then.
     */
    private static void stop(Path dataDir, long deadline) throws IOException {
        Optional<Postmaster> pm = Postmaster.read(dataDir.resolve(PID_FILE));
        Optional<ProcessHandle> process = pm.flatMap(p -> ProcessHandle.of(p.pid())).filter(ProcessHandle::isAlive);
        if (process.isEmpty() || !isPostgres(process.get())) {
            return;
        }
        process.get().destroy();
        try {
            process.get().onExit().get(secondsLeft(deadline), TimeUnit.SECONDS);
            log.info("stopped the embedded PostgreSQL in {}", dataDir);
        } catch (TimeoutException e) {
            throw new IOException("the server (process " + process.get().pid() + ") is still shutting down", e);
        } catch (ExecutionException e) {
            throw new IOException("could not wait for the server to stop", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while the server stops", e);
        }
    }

    private static void run(String program, List<String> command, Path output, long deadline) throws IOException {
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile()))
                .start();
        process.getOutputStream().close();
        try {
            if (!process.waitFor(secondsLeft(deadline), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException(program + " did not finish in time");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new IOException("interrupted while " + program + " ran", e);
        }
        if (process.exitValue() != 0) {
            throw new IOException(program + " failed (exit " + process.exitValue() + "): " + lastLine(output));
        }
    }

    private static String lastLine(Path file) {
        try {
            List<String> lines = Files.readAllLines(file);
            for (int i = lines.size() - 1; i >= 0; i--) {
                if (!lines.get(i).isBlank()) {
                    return lines.get(i).trim();
                }
            }
        } catch (IOException | RuntimeException e) {
            return "no log";
        }
        return "no log";
    }

    static Path serverLog(Path dataDir) {
        return dataDir.resolveSibling("logs").resolve(dataDir.getFileName() + ".log");
    }

    private static long secondsLeft(long deadline) {
        return Math.max(1, TimeUnit.NANOSECONDS.toSeconds(deadline - System.nanoTime()));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void pause() throws IOException {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for the embedded PostgreSQL", e);
        }
    }

    /**
     * What {@code postmaster.pid} says: line 1 the pid, line 4 the port, line 8 the status
     * ({@code ready} once connections are accepted; {@code starting}, {@code stopping} otherwise).
     */
    record Postmaster(long pid, int port, boolean ready) {

        static Optional<Postmaster> read(Path pidFile) throws IOException {
            List<String> lines;
            try {
                lines = Files.readAllLines(pidFile);
            } catch (java.nio.file.NoSuchFileException e) {
                return Optional.empty();
            }
            if (lines.isEmpty()) {
                return Optional.empty();
            }
            try {
                long pid = Long.parseLong(lines.get(0).trim());
                // A file still being written by a starting server lacks its later lines: not ready yet.
                int port = lines.size() > 3 ? Integer.parseInt(lines.get(3).trim()) : -1;
                boolean ready = lines.size() > 7 && lines.get(7).trim().equals("ready");
                return Optional.of(new Postmaster(pid, port, ready));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
    }
}
