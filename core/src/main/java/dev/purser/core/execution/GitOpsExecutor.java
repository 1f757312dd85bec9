package dev.purser.core.execution;

import dev.purser.core.analysis.rightsizing.ComposePatcher;
import dev.purser.core.analysis.rightsizing.Configuration;
import dev.purser.core.analysis.rightsizing.KubernetesPatcher;
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
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * For teams that change infrastructure through git: writes the patched docker-compose file
 * ({@code gitops.compose}) or Kubernetes manifest ({@code gitops.kubernetes}) and its unified diff
 * into an output directory, then waits for a person to apply them (commit, review, deploy) and mark
 * the call applied with {@link #markApplied}.
 *
 * <p>Files: the source file is {@code sourceDir/<target id>} (a path that leaves {@code sourceDir},
 * also through a symbolic link, is refused); the output is {@code outputDir/<key slug>/<file name>}
 * and {@code .../<file name>.diff}, each written to a temporary file first and moved into place, so a
 * crash never leaves half a file. Only the sizing values change; comments and layout stay byte for
 * byte ({@link ComposePatcher}: a service's {@code cpus}/{@code memory}; {@link KubernetesPatcher}: a
 * container's {@code resources.requests}/{@code limits}, the target named
 * {@code namespace/workload/container}).
 */
public final class GitOpsExecutor implements Executor {

    public static final String NAME = "gitops.compose";
    public static final String KUBERNETES = "gitops.kubernetes";

    /** How one kind of file is patched for a change. */
    private interface FilePatcher {

        /** {@code compose file}, {@code Kubernetes manifest}: the file as messages name it. */
        String what();

        boolean handles(ChangeRequest request);

        /** What the journal records as the call's request: stable for a change, so a resumed call matches. */
        String request(ChangeRequest request);

        /** When the change takes effect once a person has applied the file. */
        String takesEffect();

        /**
         * The patched text and its diff.
         *
         * @throws PurserException when the change cannot be written into this file
         */
        Patched patch(ChangeRequest request, String text, String fileName);
    }

    private record Patched(String text, String unifiedDiff) {
    }

    private final String name;
    private final FilePatcher patcher;
    private final Path sourceDir;
    private final Path outputDir;
    private final CallLedger ledger;

    /** The {@code gitops.compose} executor. */
    public GitOpsExecutor(Path sourceDir, Path outputDir, CallLedger ledger) {
        this(NAME, new Compose(), sourceDir, outputDir, ledger);
    }

    private GitOpsExecutor(String name, FilePatcher patcher, Path sourceDir, Path outputDir, CallLedger ledger) {
        this.name = name;
        this.patcher = patcher;
        this.sourceDir = Objects.requireNonNull(sourceDir, "sourceDir").toAbsolutePath().normalize();
        this.outputDir = Objects.requireNonNull(outputDir, "outputDir").toAbsolutePath().normalize();
        this.ledger = Objects.requireNonNull(ledger, "ledger");
    }

    /** The {@code gitops.kubernetes} executor: targets are {@code namespace/workload/container} in a manifest. */
    public static GitOpsExecutor kubernetes(Path sourceDir, Path outputDir, CallLedger ledger) {
        return new GitOpsExecutor(KUBERNETES, new Kubernetes(), sourceDir, outputDir, ledger);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public boolean handles(ChangeRequest request) {
        return patcher.handles(request);
    }

    @Override
    public PreparedChange prepare(ChangeRequest request) {
        if (!handles(request)) {
            throw PurserException.badArgument(name + " patches " + patcher.what() + "s; it cannot change "
                    + request.target().describe() + " to " + request.change().to().setting().label());
        }
        Patched forward = patch(request);
        return new PreparedChange(name, request, request.inverse(), Duration.ZERO,
                List.of(new PlannedCall("WRITE", request.target().id(), forward.unifiedDiff())),
                List.of("Purser writes the patched file and its diff; a person applies them and marks the change"
                        + " applied; " + patcher.takesEffect()));
    }

    @Override
    public PreparedChange prepareInverse(PreparedChange change) {
        return change.inverted(List.of(new PlannedCall("WRITE", change.target().id(),
                "the file with " + change.inverse().change().to().setting().label())));
    }

    private Path source(ChangeRequest request) {
        String id = request.target().id();
        Path file = sourceDir.resolve(id).normalize();
        if (!file.startsWith(sourceDir)) {
            throw new PurserException(ErrorCode.PATH_NOT_ALLOWED, patcher.what() + " " + id
                    + " is outside the GitOps source directory " + sourceDir);
        }
        if (!Files.isRegularFile(file)) {
            throw new PurserException(ErrorCode.FILE_NOT_FOUND, patcher.what() + " " + id + " does not exist under "
                    + sourceDir);
        }
        try {
            if (!file.toRealPath().startsWith(sourceDir.toRealPath())) {
                throw new PurserException(ErrorCode.PATH_NOT_ALLOWED, patcher.what() + " " + id
                        + " links to a file outside the GitOps source directory " + sourceDir);
            }
        } catch (IOException e) {
            throw new PurserException(ErrorCode.FILE_NOT_FOUND, "cannot resolve " + patcher.what() + " " + id, e);
        }
        return file;
    }

    private Patched patch(ChangeRequest request) {
        Path file = source(request);
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new PurserException(ErrorCode.FILE_NOT_FOUND, "cannot read " + patcher.what() + " "
                    + request.target().id(), e);
        }
        return patcher.patch(request, text, Path.of(request.target().id()).toString());
    }

    /** A docker-compose service's {@code cpus}/{@code memory} limits and reservations. */
    private static final class Compose implements FilePatcher {

        @Override
        public String what() {
            return "compose file";
        }

        @Override
        public String takesEffect() {
            return "the service restarts when the stack is redeployed";
        }

        @Override
        public boolean handles(ChangeRequest request) {
            return request.target().kind() == Target.Kind.COMPOSE_SERVICE
                    && request.change().to().setting() instanceof Configuration.ComposeLimits;
        }

        @Override
        public String request(ChangeRequest request) {
            return request.change().to().canonical();
        }

        @Override
        public Patched patch(ChangeRequest request, String text, String fileName) {
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
            ComposePatcher.Result r = ComposePatcher.patch(text, changes, Path.of(fileName).getFileName().toString());
            if (!r.notFound().isEmpty()) {
                throw PurserException.badArgument(request.target().id() + " has no line to rewrite for "
                        + r.notFound().stream().map(c -> service + " " + c.setting()).toList()
                        + ": add the setting to the file first, in block style");
            }
            return new Patched(r.text(), r.unifiedDiff());
        }

        private static void add(List<ComposePatcher.Change> out, String service, ComposePatcher.Setting s, String v) {
            if (v != null) {
                out.add(new ComposePatcher.Change(service, s, v));
            }
        }
    }

    /** A Kubernetes container's {@code resources.requests}/{@code limits}, the target named {@code namespace/workload/container}. */
    private static final class Kubernetes implements FilePatcher {

        @Override
        public String what() {
            return "Kubernetes manifest";
        }

        @Override
        public String takesEffect() {
            return "the pods are replaced when the manifest is applied";
        }

        @Override
        public boolean handles(ChangeRequest request) {
            return request.target().kind() == Target.Kind.KUBERNETES_CONTAINER
                    && request.change().to().setting() instanceof Configuration.KubernetesResources;
        }

        /** The manifest may hold several containers: the journal and the audit trail name which one. */
        @Override
        public String request(ChangeRequest request) {
            return request.target().name() + " " + request.change().to().canonical();
        }

        @Override
        public Patched patch(ChangeRequest request, String text, String fileName) {
            String[] names = request.target().name().split("/", -1);
            if (names.length != 3 || Arrays.stream(names).anyMatch(String::isBlank)) {
                throw PurserException.badArgument("a Kubernetes target is named namespace/workload/container, not "
                        + request.target().name());
            }
            String container = names[2];
            Configuration.KubernetesResources to = (Configuration.KubernetesResources) request.change().to().setting();
            List<KubernetesPatcher.Change> changes = new ArrayList<>();
            to.cpuRequest().ifPresent(v -> changes.add(new KubernetesPatcher.Change(container,
                    KubernetesPatcher.Setting.REQUEST_CPU, v)));
            to.memoryRequest().ifPresent(v -> changes.add(new KubernetesPatcher.Change(container,
                    KubernetesPatcher.Setting.REQUEST_MEMORY, v)));
            to.cpuLimit().ifPresent(v -> changes.add(new KubernetesPatcher.Change(container,
                    KubernetesPatcher.Setting.LIMIT_CPU, v)));
            to.memoryLimit().ifPresent(v -> changes.add(new KubernetesPatcher.Change(container,
                    KubernetesPatcher.Setting.LIMIT_MEMORY, v)));
            if (changes.isEmpty()) {
                throw PurserException.badArgument("the change to " + request.target().name()
                        + " sets no request or limit");
            }
            KubernetesPatcher.Result r;
            try {
                r = KubernetesPatcher.patch(text, new KubernetesPatcher.Workload(Optional.empty(), names[0], names[1]),
                        changes, fileName);
            } catch (KubernetesPatcher.NotPatchable e) {
                ErrorCode code = switch (e.problem()) {
                    case NO_WORKLOAD, NO_CONTAINER -> ErrorCode.NOT_FOUND;
                    case TEMPLATE, AMBIGUOUS_WORKLOAD, FLOW_STYLE -> ErrorCode.BAD_ARGUMENT;
                };
                throw new PurserException(code, e.getMessage());
            }
            if (!r.notFound().isEmpty()) {
                throw PurserException.badArgument(fileName + " has no line to rewrite for " + container + " "
                        + r.notFound().stream().map(c -> c.setting().path()).collect(Collectors.joining(", "))
                        + (r.notes().isEmpty() ? "" : " (" + String.join("; ", r.notes()) + ")")
                        + ": add them to the manifest first, in block style (resources:, then requests: and limits:"
                        + " with one cpu: and memory: line each), so Purser rewrites values and never invents lines");
            }
            return new Patched(r.text(), r.unifiedDiff());
        }
    }

    @Override
    public ExecutionResult apply(PreparedChange change, IdempotencyKey key) {
        ChangeRequest req = change.forward();
        ExecutorCall call = ledger.record(key, name, "write", req.target(), patcher.request(req));
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
        Patched patched = patch(req);
        Path dir = outputDir.resolve(key.slug());
        String file = Path.of(req.target().id()).getFileName().toString();
        ledger.sending(key, call);
        try {
            Files.createDirectories(dir);
            write(dir.resolve(file), patched.text());
            write(dir.resolve(file + ".diff"), patched.unifiedDiff());
        } catch (IOException e) {
            String message = "could not write the patched " + file + " into " + dir + ": " + e.getMessage();
            ledger.note(key, call, "unsure", message);
            return ExecutionResult.askPerson(message);
        }
        String diff = dir.resolve(file + ".diff").toString();
        if (patched.unifiedDiff().isEmpty()) {
            // the checkout already says what the change asks for; what runs may not yet
            String message = req.target().id() + " already holds " + req.change().to().setting().label()
                    + ", so the diff " + diff + " is empty: deploy the file as it is, then mark the change applied";
            ledger.accepted(key, call, diff, message);
            return ExecutionResult.inProgress(message, Map.of("diff", diff));
        }
        ledger.accepted(key, call, diff, "wrote " + dir.resolve(file) + " and its diff");
        return ExecutionResult.inProgress("wrote " + dir.resolve(file) + " and " + diff
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
     * Records that a person applied the written change: the one under {@code key}, or, once that is
     * applied and a rollback has written the inverse change under {@code key/rollback}, that one (a
     * breach's rollback waits for a person just as the change did).
     *
     * @throws PurserException {@code NOT_FOUND} when nothing was written under that key,
     *         {@code BAD_ARGUMENT} when it is not waiting for a person
     */
    public void markApplied(IdempotencyKey key, String actor) {
        ExecutorCall call = ledger.journal().find(key.value()).orElseThrow(() -> new PurserException(
                ErrorCode.NOT_FOUND, "no GitOps change was written under " + key.value()));
        IdempotencyKey marked = key;
        if (call.state() == ExecutorCall.State.SETTLED) {
            IdempotencyKey back = key.child("rollback");
            Optional<ExecutorCall> rollback = ledger.journal().find(back.value());
            if (rollback.isPresent() && rollback.get().state() == ExecutorCall.State.ACCEPTED) {
                marked = back;
                call = rollback.get();
            }
        }
        if (call.state() != ExecutorCall.State.ACCEPTED) {
            throw PurserException.badArgument("the change under " + marked.value() + " is " + call.state().name()
                    .toLowerCase(java.util.Locale.ROOT) + ", not waiting to be marked applied");
        }
        ledger.settled(marked, call, "marked applied by " + actor, Map.of("applied_by", actor));
        ledger.audit().append(AuditEvent.of("executor.gitops.applied", marked.auditSubject(), actor,
                Map.of("key", marked.value(), "diff", call.providerActionId().orElse(""))));
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
