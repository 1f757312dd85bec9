package dev.purser.core.execution;

import dev.purser.core.analysis.rightsizing.ComposePatcher;
import dev.purser.core.analysis.rightsizing.Configuration;
import dev.purser.core.audit.AuditEvent;
import dev.purser.core.error.ErrorCode;
import dev.purser.core.error.PurserException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * For teams that change infrastructure through git: writes the patched docker-compose file and its
 * unified diff into an output directory, then waits for a person to apply them (commit, review,
 * deploy) and mark the call applied with {@link #markApplied}.
 *
 * <p>Files: the source file is {@code sourceDir/<target id>} (a path that leaves {@code sourceDir}
 * is refused); the output is {@code outputDir/<key slug>/<file name>} and {@code .../<file name>.diff},
 * each written to a temporary file first and moved into place, so a crash never leaves half a file.
 * Only the {@code cpus}/{@code memory} values change; comments and layout stay byte for byte
 * ({@link ComposePatcher}).
 */
public final class GitOpsExecutor implements Executor {

    public static final String NAME = "gitops.compose";

    private final Path sourceDir;
    private final Path outputDir;
    private final CallLedger ledger;

    public GitOpsExecutor(Path sourceDir, Path outputDir, CallLedger ledger) {
        this.sourceDir = Objects.requireNonNull(sourceDir, "sourceDir").toAbsolutePath().normalize();
        this.outputDir = Objects.requireNonNull(outputDir, "outputDir").toAbsolutePath().normalize();
        this.ledger = Objects.requireNonNull(ledger, "ledger");
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean handles(ChangeRequest request) {
        return request.target().kind() == Target.Kind.COMPOSE_SERVICE
                && request.change().to().setting() instanceof Configuration.ComposeLimits;
    }

    @Override
    public PreparedChange prepare(ChangeRequest request) {
        if (!handles(request)) {
            throw PurserException.badArgument(NAME + " patches docker-compose service limits; it cannot change "
                    + request.target().describe() + " to " + request.change().to().setting().label());
        }
        ComposePatcher.Result forward = patch(request);
        return new PreparedChange(NAME, request, request.inverse(), Duration.ZERO,
                List.of(new PlannedCall("WRITE", request.target().id(), forward.unifiedDiff())),
                List.of("Purser writes the patched file and its diff; a person applies them and marks the change"
                        + " applied; the service restarts when the stack is redeployed"));
    }

    @Override
    public PreparedChange prepareInverse(PreparedChange change) {
        return change.inverted(List.of(new PlannedCall("WRITE", change.target().id(),
                "the file with " + change.inverse().change().to().setting().label())));
    }

    private Path source(ChangeRequest request) {
        Path file = sourceDir.resolve(request.target().id()).normalize();
        if (!file.startsWith(sourceDir)) {
            throw new PurserException(ErrorCode.PATH_NOT_ALLOWED, "compose file " + request.target().id()
                    + " is outside the GitOps source directory " + sourceDir);
        }
        if (!Files.isRegularFile(file)) {
            throw new PurserException(ErrorCode.FILE_NOT_FOUND, "compose file " + request.target().id()
                    + " does not exist under " + sourceDir);
        }
        return file;
    }

    private ComposePatcher.Result patch(ChangeRequest request) {
        Path file = source(request);
        Configuration.ComposeLimits to = (Configuration.ComposeLimits) request.change().to().setting();
        Map<String, String> values = to.values();
        String service = request.target().name();
        List<ComposePatcher.Change> changes = new ArrayList<>();
        add(changes, service, ComposePatcher.Setting.LIMIT_CPUS, values.get("cpus_limit"));
        add(changes, service, ComposePatcher.Setting.LIMIT_MEMORY, values.get("memory_limit"));
        add(changes, service, ComposePatcher.Setting.RESERVATION_CPUS, values.get("cpus_reservation"));
        add(changes, service, ComposePatcher.Setting.RESERVATION_MEMORY, values.get("memory_reservation"));
        if (changes.isEmpty()) {
            throw PurserException.badArgument("the change to " + service + " sets no limit or reservation");
        }
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new PurserException(ErrorCode.FILE_NOT_FOUND, "cannot read compose file " + request.target().id(), e);
        }
        ComposePatcher.Result r = ComposePatcher.patch(text, changes, file.getFileName().toString());
        if (!r.notFound().isEmpty()) {
            throw PurserException.badArgument(request.target().id() + " has no line to rewrite for "
                    + r.notFound().stream().map(c -> service + " " + c.setting()).toList()
                    + ": add the setting to the file first, in block style");
        }
        return r;
    }

    private static void add(List<ComposePatcher.Change> out, String service, ComposePatcher.Setting s, String v) {
        if (v != null) {
            out.add(new ComposePatcher.Change(service, s, v));
        }
    }

    @Override
    public ExecutionResult apply(PreparedChange change, IdempotencyKey key) {
        ChangeRequest req = change.forward();
        ExecutorCall call = ledger.record(key, NAME, "write", req.target(), req.change().to().canonical());
        switch (call.state()) {
            case SETTLED -> {
                return ExecutionResult.settled("marked applied earlier", Map.of());
            }
            case FAILED -> {
                return ExecutionResult.failed(call.message().orElse("failed earlier"), false, Map.of());
            }
            case ACCEPTED -> {
                return ExecutionResult.inProgress("waiting for a person to apply " + call.providerActionId().orElse("")
                        + " and mark it applied", Map.of());
            }
            case RECORDED -> {
                // write below
            }
        }
        ComposePatcher.Result patched = patch(req);
        Path dir = outputDir.resolve(key.slug());
        String name = Path.of(req.target().id()).getFileName().toString();
        ledger.sending(key, call);
        try {
            Files.createDirectories(dir);
            write(dir.resolve(name), patched.text());
            write(dir.resolve(name + ".diff"), patched.unifiedDiff());
        } catch (IOException e) {
            String message = "could not write the patched " + name + " into " + dir + ": " + e.getMessage();
            ledger.note(key, call, "unsure", message);
            return ExecutionResult.askPerson(message);
        }
        String diff = dir.resolve(name + ".diff").toString();
        ledger.accepted(key, call, diff, "wrote " + dir.resolve(name) + " and its diff");
        return ExecutionResult.inProgress("wrote " + dir.resolve(name) + " and " + diff
                + ": waiting for a person to apply them and mark the change applied", Map.of("diff", diff));
    }

    private static void write(Path target, String text) throws IOException {
        Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
        Files.writeString(tmp, text, StandardCharsets.UTF_8);
        try {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /**
     * Records that a person applied the written change.
     *
     * @throws PurserException {@code NOT_FOUND} when nothing was written under that key,
     *         {@code BAD_ARGUMENT} when it is not waiting for a person
     */
    public void markApplied(IdempotencyKey key, String actor) {
        ExecutorCall call = ledger.journal().find(key.value()).orElseThrow(() -> new PurserException(
                ErrorCode.NOT_FOUND, "no GitOps change was written under " + key.value()));
        if (call.state() != ExecutorCall.State.ACCEPTED) {
            throw PurserException.badArgument("the change under " + key.value() + " is " + call.state().name()
                    .toLowerCase(java.util.Locale.ROOT) + ", not waiting to be marked applied");
        }
        ledger.settled(key, call, "marked applied by " + actor, Map.of("applied_by", actor));
        ledger.audit().append(AuditEvent.of("executor.gitops.applied", key.auditSubject(), actor,
                Map.of("key", key.value(), "diff", call.providerActionId().orElse(""))));
    }

    @Override
    public ExecutionResult awaitSettled(PreparedChange change, IdempotencyKey key, Instant deadline) {
        while (true) {
            ExecutorCall call = ledger.reload(key);
            if (call.state() == ExecutorCall.State.SETTLED) {
                return ExecutionResult.settled(change.target().name() + ": " + call.message().orElse("applied"),
                        Map.of());
            }
            if (call.state() == ExecutorCall.State.FAILED) {
                return ExecutionResult.failed(call.message().orElse("failed"), false, Map.of());
            }
            Instant now = ledger.now();
            if (!now.isBefore(deadline)) {
                String message = "nobody marked " + call.providerActionId().orElse("the GitOps change")
                        + " applied by " + deadline + ": a person must apply it or cancel the phase";
                ledger.note(key, call, "deadline", message);
                return ExecutionResult.failed(message, true, Map.of());
            }
            Duration wait = ledger.pollInterval();
            if (now.plus(wait).isAfter(deadline)) {
                wait = Duration.between(now, deadline);
            }
            if (!ledger.pause(wait)) {
                return ExecutionResult.retryLater("interrupted while waiting for " + key.value(), now);
            }
        }
    }
}
