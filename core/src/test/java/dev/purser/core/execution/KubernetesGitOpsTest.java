package dev.purser.core.execution;

import static dev.purser.core.execution.ExecFixture.key;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.purser.core.analysis.rightsizing.Configuration;
import dev.purser.core.analysis.rightsizing.ContainerLimits;
import dev.purser.core.analysis.rightsizing.RightsizingChange;
import dev.purser.core.config.ExecutionConfig;
import dev.purser.core.error.ErrorCode;
import dev.purser.core.error.PurserException;
import dev.purser.core.execution.ExecutionResult.Status;
import dev.purser.core.store.PurserDatabase;
import dev.purser.core.testing.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code gitops.kubernetes} executor over a checkout in a temporary directory, real PostgreSQL for
 * the journal and a stepping clock: what it writes, how it waits for a person, how it resumes, how
 * it undoes, what it refuses; and how {@link KubernetesManifests} finds the file.
 */
class KubernetesGitOpsTest {

    static final long MIB = 1L << 20;

    /** A Service and the Deployment: an app container and a sidecar that set the same keys. */
    static final String MANIFEST = """
            apiVersion: v1
            kind: Service
            metadata:
              name: checkout
              namespace: shop
            spec:
              ports:
                - port: 80
            ---
            # checkout: the shop's payment step
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: checkout
              namespace: shop
            spec:
              replicas: 3
              template:
                spec:
                  containers:
                    - name: app
                      image: registry.example.com/checkout:1.4.2
                      resources:
                        requests:
                          cpu: "500m"        # raised for Black Friday 2025
                          memory: 512Mi
                        limits:
                          cpu: "1"
                          memory: 1Gi
                    - name: istio-proxy
                      image: istio/proxyv2:1.22.0
                      resources:
                        requests:
                          cpu: 100m
                          memory: 128Mi
                        limits:
                          cpu: 500m
                          memory: 256Mi
            """;

    static PurserDatabase db;
    ExecFixture f;
    @TempDir
    Path tmp;
    Path source;
    Path out;
    GitOpsExecutor gitops;

    @BeforeAll
    static void open() {
        db = TestDatabase.fresh();
    }

    @AfterAll
    static void close() {
        db.close();
    }

    @BeforeEach
    void setUp() throws IOException {
        f = new ExecFixture(db);
        source = Files.createDirectories(tmp.resolve("repo"));
        out = tmp.resolve("out");
        Files.createDirectories(source.resolve("k8s/shop"));
        Files.writeString(source.resolve("k8s/shop/checkout.yaml"), MANIFEST);
        gitops = GitOpsExecutor.kubernetes(source, out, f.ledger);
    }

    @AfterEach
    void tearDown() {
        f.close();
    }

    static Configuration resources(double cpuRequest, long memoryRequest, double cpuLimit, long memoryLimit) {
        return Configuration.kubernetes(new ContainerLimits(OptionalDouble.of(cpuLimit), OptionalLong.of(memoryLimit),
                OptionalDouble.of(cpuRequest), OptionalLong.of(memoryRequest)));
    }

    /** app: requests 500m/512Mi, limits 1/1Gi → requests 250m/384Mi, limits 750m/768Mi. */
    static ChangeRequest appChange(String file, String container) {
        return new ChangeRequest(new Target(Target.Kind.KUBERNETES_CONTAINER, file, container), new RightsizingChange(
                resources(0.5, 512 * MIB, 1, 1024 * MIB), resources(0.25, 384 * MIB, 0.75, 768 * MIB)));
    }

    static ChangeRequest appChange() {
        return appChange("k8s/shop/checkout.yaml", "shop/checkout/app");
    }

    Path written(IdempotencyKey k, String file) {
        return out.resolve(k.slug()).resolve(file);
    }

    @Test
    void prepare_plansOneWriteWithTheDiff_andWritesNothing() {
        PreparedChange p = gitops.prepare(appChange());

        assertThat(p.executor()).isEqualTo(GitOpsExecutor.KUBERNETES);
        assertThat(p.calls()).hasSize(1);
        assertThat(p.calls().get(0).method()).isEqualTo("WRITE");
        assertThat(p.calls().get(0).body()).startsWith("--- a/k8s/shop/checkout.yaml\n+++ b/k8s/shop/checkout.yaml\n")
                .contains("-              cpu: \"500m\"        # raised for Black Friday 2025\n"
                        + "-              memory: 512Mi\n"
                        + "+              cpu: \"250m\"        # raised for Black Friday 2025\n"
                        + "+              memory: 384Mi\n");
        assertThat(p.inverse().change().to()).isEqualTo(appChange().change().from());
        assertThat(Files.exists(out)).isFalse();
    }

    @Test
    void apply_writesManifestAndDiff_waitsForAPerson_thenMarkedApplied() throws IOException {
        PreparedChange p = gitops.prepare(appChange());
        IdempotencyKey k = key("plan:7/phase:1/apply");

        ExecutionResult wrote = gitops.apply(p, k);
        ExecutionResult waiting = gitops.awaitSettled(p, k, f.clock.instant().plus(Duration.ofMinutes(1)));
        gitops.markApplied(k, "carol");
        ExecutionResult applied = gitops.awaitSettled(p, k, f.clock.instant().plus(Duration.ofMinutes(1)));

        assertThat(wrote.status()).isEqualTo(Status.IN_PROGRESS);
        assertThat(wrote.facts()).containsEntry("diff", written(k, "checkout.yaml.diff").toString());
        String manifest = Files.readString(written(k, "checkout.yaml"));
        assertThat(manifest).isEqualTo(MANIFEST.replace("cpu: \"500m\"", "cpu: \"250m\"")
                .replace("memory: 512Mi", "memory: 384Mi").replace("cpu: \"1\"", "cpu: \"750m\"")
                .replace("memory: 1Gi", "memory: 768Mi"));
        assertThat(Files.readString(written(k, "checkout.yaml.diff"))).isEqualTo(p.calls().get(0).body());
        try (Stream<Path> files = Files.list(out.resolve(k.slug()))) {
            assertThat(files.map(x -> x.getFileName().toString())).containsExactlyInAnyOrder("checkout.yaml",
                    "checkout.yaml.diff");
        }
        assertThat(Files.readString(source.resolve("k8s/shop/checkout.yaml"))).isEqualTo(MANIFEST);
        assertThat(waiting.status()).isEqualTo(Status.FAILED);
        assertThat(waiting.personNeeded()).isTrue();
        assertThat(waiting.message()).contains("nobody marked").contains("checkout.yaml.diff");
        assertThat(applied.status()).isEqualTo(Status.SETTLED);
        assertThat(applied.message()).contains("marked applied by carol");
        ExecutorCall call = f.journal.find(k.value()).orElseThrow();
        assertThat(call.executor()).isEqualTo("gitops.kubernetes");
        assertThat(call.targetKind()).isEqualTo("kubernetes_container");
        assertThat(call.targetId()).isEqualTo("k8s/shop/checkout.yaml");
        assertThat(call.request()).startsWith("shop/checkout/app kubernetes");
        assertThat(f.audit.states(k.value())).containsExactly("recorded", "sending", "accepted", "deadline", "settled");
        assertThat(f.audit.events()).anyMatch(e -> e.kind().equals("executor.gitops.applied")
                && e.actor().equals("carol"));
    }

    @Test
    void apply_whenTheCheckoutAlreadyHoldsTheValues_saysTheDiffIsEmpty_andStillWaitsForTheDeploy() throws IOException {
        ChangeRequest forward = appChange();
        // someone committed the new values already; the running pods still have the old ones
        ChangeRequest again = new ChangeRequest(forward.target(), new RightsizingChange(
                resources(0.5, 512 * MIB, 1, 1024 * MIB), resources(0.5, 512 * MIB, 1, 1024 * MIB)));
        PreparedChange p = gitops.prepare(again);
        IdempotencyKey k = key("plan:8/phase:1/apply");

        ExecutionResult wrote = gitops.apply(p, k);

        assertThat(wrote.status()).isEqualTo(Status.IN_PROGRESS);
        assertThat(wrote.message()).contains("already holds").contains("is empty")
                .contains("deploy the file as it is, then mark the change applied");
        assertThat(Files.readString(written(k, "checkout.yaml.diff"))).isEmpty();
        assertThat(Files.readString(written(k, "checkout.yaml"))).isEqualTo(MANIFEST);
    }

    @Test
    void apply_again_afterARestart_neverRewrites_andResumesWaiting() throws IOException {
        PreparedChange p = gitops.prepare(appChange());
        IdempotencyKey k = key("plan:7/phase:6/apply");
        gitops.apply(p, k);
        Files.delete(written(k, "checkout.yaml"));

        // a new instance, as after a restart, with the journal's row
        GitOpsExecutor restarted = GitOpsExecutor.kubernetes(source, out, f.ledger);
        ExecutionResult again = restarted.apply(restarted.prepare(appChange()), k);
        restarted.markApplied(k, "carol");
        ExecutionResult afterMark = restarted.apply(p, k);

        assertThat(again.status()).isEqualTo(Status.IN_PROGRESS);
        assertThat(again.message()).contains("waiting for a person");
        assertThat(Files.exists(written(k, "checkout.yaml"))).isFalse();
        assertThat(afterMark.status()).isEqualTo(Status.SETTLED);
        assertThat(f.audit.states(k.value()).stream().filter("sending"::equals)).hasSize(1);
    }

    @Test
    void apply_afterACrashBetweenRecordAndWrite_writesTheFilesOnce() throws IOException {
        PreparedChange p = gitops.prepare(appChange());
        IdempotencyKey k = key("plan:7/phase:2/apply");
        // the crash: recorded before the write, nothing written
        f.ledger.record(k, GitOpsExecutor.KUBERNETES, "write", p.target(), "shop/checkout/app "
                + p.forward().change().to().canonical());

        ExecutionResult r = gitops.apply(p, k);

        assertThat(r.status()).isEqualTo(Status.IN_PROGRESS);
        assertThat(Files.readString(written(k, "checkout.yaml"))).contains("memory: 768Mi");
        assertThat(f.journal.find(k.value()).orElseThrow().state()).isEqualTo(ExecutorCall.State.ACCEPTED);
    }

    @Test
    void markApplied_twice_orBeforeAnyWrite_isRefused() {
        PreparedChange p = gitops.prepare(appChange());
        IdempotencyKey k = key("plan:7/phase:3/apply");
        PurserException none = catchThrowableOfType(PurserException.class, () -> gitops.markApplied(k, "carol"));
        gitops.apply(p, k);
        gitops.markApplied(k, "carol");

        PurserException twice = catchThrowableOfType(PurserException.class, () -> gitops.markApplied(k, "dave"));

        assertThat(none.code()).isEqualTo(ErrorCode.NOT_FOUND);
        assertThat(twice.code()).isEqualTo(ErrorCode.BAD_ARGUMENT);
        assertThat(twice.getMessage()).contains("is settled, not waiting");
    }

    @Test
    void rollback_writesTheOriginalValuesBack_andWaitsForAPersonToo() throws IOException {
        PreparedChange p = gitops.prepare(appChange());
        IdempotencyKey k = key("plan:7/phase:4/apply");
        gitops.apply(p, k);
        gitops.markApplied(k, "carol");
        // the person merged Purser's manifest into the checkout
        Files.copy(written(k, "checkout.yaml"), source.resolve("k8s/shop/checkout.yaml"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);

        ExecutionResult unmarked = gitops.rollback(p, k, f.clock.instant().plus(Duration.ofMinutes(5)));
        IdempotencyKey rk = k.child("rollback");
        gitops.markApplied(rk, "dave");
        ExecutionResult back = gitops.rollback(p, k, f.clock.instant().plus(Duration.ofMinutes(5)));

        assertThat(unmarked.status()).isEqualTo(Status.FAILED);
        assertThat(unmarked.personNeeded()).isTrue();
        assertThat(Files.readString(written(rk, "checkout.yaml"))).isEqualTo(MANIFEST);
        assertThat(Files.readString(written(rk, "checkout.yaml.diff"))).contains("-              memory: 768Mi\n")
                .contains("+              memory: 1Gi\n");
        assertThat(back.status()).isEqualTo(Status.SETTLED);
    }

    @Test
    void markApplied_afterTheChangeWasApplied_marksTheRollbackWaitingUnderItsKey() {
        PreparedChange p = gitops.prepare(appChange());
        IdempotencyKey k = key("plan:7/phase:7/apply");
        gitops.apply(p, k);
        gitops.markApplied(k, "carol");
        PreparedChange back = gitops.prepareInverse(p);
        IdempotencyKey rk = k.child("rollback");
        gitops.apply(back, rk);

        gitops.markApplied(k, "dave");
        ExecutionResult settled = gitops.awaitSettled(back, rk, f.clock.instant().plus(Duration.ofMinutes(1)));

        assertThat(settled.status()).isEqualTo(Status.SETTLED);
        assertThat(settled.message()).contains("marked applied by dave");
        assertThat(f.audit.events()).anyMatch(e -> e.kind().equals("executor.gitops.applied")
                && e.actor().equals("dave") && e.details().get("key").equals(rk.value()));
        assertThat(catchThrowableOfType(PurserException.class, () -> gitops.markApplied(k, "erin")).getMessage())
                .contains("plan:7/phase:7/apply is settled");
    }

    @Test
    void prepare_pathOutsideTheSourceDirectory_refused_alsoThroughASymlink() throws IOException {
        Path outside = Files.writeString(tmp.resolve("elsewhere.yaml"), MANIFEST);
        Files.createSymbolicLink(source.resolve("k8s/link.yaml"), outside);

        PurserException dots = catchThrowableOfType(PurserException.class,
                () -> gitops.prepare(appChange("../elsewhere.yaml", "shop/checkout/app")));
        PurserException link = catchThrowableOfType(PurserException.class,
                () -> gitops.prepare(appChange("k8s/link.yaml", "shop/checkout/app")));

        assertThat(dots.code()).isEqualTo(ErrorCode.PATH_NOT_ALLOWED);
        assertThat(link.code()).isEqualTo(ErrorCode.PATH_NOT_ALLOWED);
        assertThat(link.getMessage()).contains("links to a file outside");
    }

    @Test
    void prepare_missingWorkloadOrContainer_notFoundNamingWhatIsThere_nothingWritten() {
        PurserException workload = catchThrowableOfType(PurserException.class,
                () -> gitops.prepare(appChange("k8s/shop/checkout.yaml", "staging/checkout/app")));
        PurserException container = catchThrowableOfType(PurserException.class,
                () -> gitops.prepare(appChange("k8s/shop/checkout.yaml", "shop/checkout/worker")));
        PurserException badName = catchThrowableOfType(PurserException.class,
                () -> gitops.prepare(appChange("k8s/shop/checkout.yaml", "checkout/app")));

        assertThat(workload.code()).isEqualTo(ErrorCode.NOT_FOUND);
        assertThat(workload.getMessage()).contains("has no staging/checkout").contains("Deployment shop/checkout");
        assertThat(container.code()).isEqualTo(ErrorCode.NOT_FOUND);
        assertThat(container.getMessage()).contains("no container worker; its containers: app, istio-proxy");
        assertThat(badName.code()).isEqualTo(ErrorCode.BAD_ARGUMENT);
        assertThat(Files.exists(out)).isFalse();
    }

    @Test
    void prepare_settingWithNoBlockLine_refusedSayingToAddItInBlockStyle() throws IOException {
        String noLimits = MANIFEST.replace("            limits:\n              cpu: \"1\"\n              memory: 1Gi\n", "");
        assertThat(noLimits).isNotEqualTo(MANIFEST);
        Files.writeString(source.resolve("k8s/shop/checkout.yaml"), noLimits);

        PurserException e = catchThrowableOfType(PurserException.class, () -> gitops.prepare(appChange()));

        assertThat(e.code()).isEqualTo(ErrorCode.BAD_ARGUMENT);
        assertThat(e.getMessage()).contains("no line to rewrite for app resources.limits.cpu, resources.limits.memory")
                .contains("in block style");
    }

    @Test
    void prepare_helmTemplate_refused() throws IOException {
        Files.writeString(source.resolve("k8s/shop/checkout.yaml"), MANIFEST.replace("replicas: 3",
                "replicas: {{ .Values.replicas }}"));

        PurserException e = catchThrowableOfType(PurserException.class, () -> gitops.prepare(appChange()));

        assertThat(e.code()).isEqualTo(ErrorCode.BAD_ARGUMENT);
        assertThat(e.getMessage()).contains("is a template").contains("values file");
    }

    @Test
    void dryRun_writesNothing_butJournalsTheWrite() {
        DryRunExecutor dry = new DryRunExecutor(gitops, f.ledger);

        ExecutionResult r = dry.apply(dry.prepare(appChange()), key("plan:7/phase:5/dry"));

        assertThat(r.status()).isEqualTo(Status.SETTLED);
        assertThat(r.facts().get("calls")).startsWith("WRITE k8s/shop/checkout.yaml --- a/k8s/shop/checkout.yaml");
        assertThat(Files.exists(out)).isFalse();
    }

    @Test
    void compose_request_isRefusedByTheKubernetesExecutor() {
        ChangeRequest compose = GitOpsAndDryRunTest.limits("docker-compose.yml", 0.5, 768 * MIB);

        assertThat(gitops.handles(compose)).isFalse();
        assertThat(catchThrowableOfType(PurserException.class, () -> gitops.prepare(compose)).getMessage())
                .contains("gitops.kubernetes patches Kubernetes manifests");
    }

    // ------------------------------------------------------------------ finding the manifest

    KubernetesManifests manifests(Map<String, String> map, String dir) {
        return new KubernetesManifests(source, source.resolve("purser-changes"),
                new ExecutionConfig.GitOps(source, null, null, map, dir));
    }

    @Test
    void locate_searchesTheCheckout_skippingHiddenDirectoriesAndOtherFiles() throws IOException {
        Files.createDirectories(source.resolve(".git/objects"));
        Files.writeString(source.resolve(".git/objects/copy.yaml"), MANIFEST);
        Files.writeString(source.resolve("k8s/shop/cart.yaml"), MANIFEST.replace("name: checkout", "name: cart"));
        Files.writeString(source.resolve("README.md"), MANIFEST);

        assertThat(manifests(Map.of(), null).locate("shop/checkout/app")).isEqualTo("k8s/shop/checkout.yaml");
        assertThat(manifests(Map.of(), "k8s/shop").locate("shop/cart/app")).isEqualTo("k8s/shop/cart.yaml");
    }

    @Test
    void locate_skipsPursersOwnPatchedCopiesInTheOutputDirectory() throws IOException {
        Files.createDirectories(source.resolve("purser-changes/plan-2-phase-1-apply-7d8a4ba3"));
        Files.writeString(source.resolve("purser-changes/plan-2-phase-1-apply-7d8a4ba3/checkout.yaml"), MANIFEST);

        assertThat(manifests(Map.of(), null).locate("shop/checkout/app")).isEqualTo("k8s/shop/checkout.yaml");
    }

    @Test
    void locate_twoManifests_refusedNamingBoth_theMapDecides() throws IOException {
        Files.createDirectories(source.resolve("overlays/prod"));
        Files.writeString(source.resolve("overlays/prod/checkout.yaml"), MANIFEST);

        PurserException e = catchThrowableOfType(PurserException.class,
                () -> manifests(Map.of(), null).locate("shop/checkout/app"));

        assertThat(e.code()).isEqualTo(ErrorCode.BAD_ARGUMENT);
        assertThat(e.getMessage()).contains("2 manifests describe the workload shop/checkout: k8s/shop/checkout.yaml, "
                + "overlays/prod/checkout.yaml").contains("execution.gitops.kubernetes_manifests");
        assertThat(manifests(Map.of("shop/checkout", "overlays/prod/checkout.yaml"), null).locate("shop/checkout/app"))
                .isEqualTo("overlays/prod/checkout.yaml");
    }

    @Test
    void locate_noManifest_notFoundWithTheHint() {
        PurserException e = catchThrowableOfType(PurserException.class,
                () -> manifests(Map.of(), null).locate("shop/payments/app"));

        assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND);
        assertThat(e.getMessage()).contains("describes the workload shop/payments")
                .contains("'shop/payments': path/to/manifest.yaml");
    }

    @Test
    void locate_doesNotFollowSymlinkedDirectoriesOutOfTheCheckout() throws IOException {
        Path elsewhere = Files.createDirectories(tmp.resolve("elsewhere"));
        Files.writeString(elsewhere.resolve("payments.yaml"), MANIFEST.replace("name: checkout", "name: payments"));
        Files.createSymbolicLink(source.resolve("k8s/linked"), elsewhere);

        PurserException e = catchThrowableOfType(PurserException.class,
                () -> manifests(Map.of(), null).locate("shop/payments/app"));

        assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND);
    }

    @Test
    void locate_malformedContainerName_refused() {
        assertThat(catchThrowableOfType(PurserException.class, () -> manifests(Map.of(), null).locate("checkout"))
                .code()).isEqualTo(ErrorCode.BAD_ARGUMENT);
        assertThat(List.of(GitOpsExecutor.NAME, GitOpsExecutor.KUBERNETES)).doesNotHaveDuplicates();
    }
}
