package dev.purser.core.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.purser.core.analysis.rightsizing.Level;
import dev.purser.core.analysis.rightsizing.RecommendationKind;
import dev.purser.core.analysis.rightsizing.RightsizingChange;
import dev.purser.core.cloud.digitalocean.DigitalOceanClient;
import dev.purser.core.cloud.http.RateLimitRecorder;
import dev.purser.core.config.ExecutionConfig;
import dev.purser.core.error.ErrorCode;
import dev.purser.core.error.PurserException;
import dev.purser.core.plan.Phase;
import dev.purser.core.plan.PhaseTarget;
import dev.purser.core.plan.Plan;
import dev.purser.core.plan.PlannedChange;
import dev.purser.core.store.JdbcExecutorCallJournal;
import dev.purser.core.store.PurserDatabase;
import dev.purser.core.testing.TestDatabase;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code gitops.kubernetes} phases through {@link PlanExecution}: the target a plan names
 * ({@code namespace/workload/container}) found in the checkout, dry run, the errors before any write,
 * marking applied, and {@code migration rollback}'s revert.
 */
class PlanExecutionKubernetesTest {

    @TempDir
    Path tmp;

    PurserDatabase db;
    CompressedTime time;
    RecordingAuditTrail audit;
    JdbcExecutorCallJournal journal;
    DigitalOceanClient unused;
    Path source;
    Path home;

    @BeforeEach
    void open() throws IOException {
        db = TestDatabase.fresh();
        time = new CompressedTime(Clock.systemUTC(), Instant.parse("2026-12-05T02:00:00Z"), 600);
        audit = new RecordingAuditTrail();
        journal = new JdbcExecutorCallJournal(db.dataSource());
        unused = new DigitalOceanClient(URI.create("http://127.0.0.1:9"), "unused", ExecFixture.ONE_ATTEMPT,
                new RateLimitRecorder(), time, time.sleeper());
        source = Files.createDirectories(tmp.resolve("infra"));
        Files.createDirectories(source.resolve("k8s/shop"));
        Files.writeString(source.resolve("k8s/shop/checkout.yaml"), KubernetesGitOpsTest.MANIFEST);
        home = Files.createDirectories(tmp.resolve("home"));
    }

    @AfterEach
    void close() {
        db.close();
    }

    ExecutionConfig config(String mode, Path sourceDir) {
        return PlanExecutionTest.config(mode).withRequireEveryTrigger(false)
                .withGitops(new ExecutionConfig.GitOps(sourceDir, null, null, Map.of(), null));
    }

    PlanExecution execution(ExecutionConfig config) {
        return PlanExecution.create(config, home, PlanExecution.Clients.of(unused, null), journal, audit, time,
                time.sleeper());
    }

    static PhaseTarget container(String id) {
        RightsizingChange change = KubernetesGitOpsTest.appChange().change();
        PlannedChange c = new PlannedChange(PlanExecution.GITOPS_KUBERNETES, change);
        return new PhaseTarget(id, id.substring(id.lastIndexOf('/') + 1), RecommendationKind.KUBERNETES_CONTAINER,
                "shop", "production", false, "rec-" + id, c, c.inverse(), Optional.empty(), Level.LOW, List.of(),
                Optional.empty(), Optional.empty());
    }

    @Test
    void request_findsTheManifestHoldingTheWorkload() {
        ChangeRequest r = execution(config(ExecutionConfig.LIVE, source)).request(container("shop/checkout/app"));

        assertThat(r.target()).isEqualTo(new Target(Target.Kind.KUBERNETES_CONTAINER, "k8s/shop/checkout.yaml",
                "shop/checkout/app"));
        assertThat(execution(config(ExecutionConfig.LIVE, source)).executorFor(container("shop/checkout/app")).name())
                .isEqualTo("gitops.kubernetes");
    }

    @Test
    void run_dryRun_journalsTheWrite_writesNothing() {
        Phase p = PlanExecutionTest.phase(1, List.of(PlanExecutionTest.CPU), container("shop/checkout/app"));

        PhaseRunner.Outcome o = execution(config(ExecutionConfig.DRY_RUN, source)).run(PlanExecutionTest.plan(p), p,
                PlanPhaseTask.key(1, 1));

        assertThat(o.result()).as(o.message()).isEqualTo(PhaseRunner.Result.DONE);
        assertThat(o.message()).contains("dry run");
        assertThat(journal.find("plan:1/phase:1/apply").orElseThrow().executor()).isEqualTo("dry-run:gitops.kubernetes");
        assertThat(home.resolve("gitops")).doesNotExist();
    }

    @Test
    void run_withoutSourceDir_orWithoutTheWorkload_failsBeforeAnyWrite() {
        Phase p = PlanExecutionTest.phase(1, List.of(PlanExecutionTest.CPU), container("shop/checkout/app"));
        Phase missing = PlanExecutionTest.phase(1, List.of(PlanExecutionTest.CPU), container("shop/payments/app"));

        PurserException noSource = catchThrowableOfType(PurserException.class, () -> execution(
                config(ExecutionConfig.LIVE, null)).run(PlanExecutionTest.plan(p), p, PlanPhaseTask.key(1, 1)));
        PurserException noWorkload = catchThrowableOfType(PurserException.class, () -> execution(
                config(ExecutionConfig.LIVE, source)).run(PlanExecutionTest.plan(missing), missing,
                        PlanPhaseTask.key(1, 1)));

        assertThat(noSource.code()).isEqualTo(ErrorCode.BAD_ARGUMENT);
        assertThat(noSource.getMessage()).contains("execution.gitops.source_dir");
        assertThat(noWorkload.code()).isEqualTo(ErrorCode.NOT_FOUND);
        assertThat(noWorkload.getMessage()).contains("describes the workload shop/payments")
                .contains("execution.gitops.kubernetes_manifests");
        assertThat(journal.find("plan:1/phase:1/apply")).isEmpty();
    }

    @Test
    void markApplied_thenRevert_writesTheOriginalValuesForAPersonToApply() throws Exception {
        PlanExecution execution = execution(config(ExecutionConfig.LIVE, source));
        Phase p = PlanExecutionTest.phase(1, List.of(PlanExecutionTest.CPU), container("shop/checkout/app"));
        Plan plan = PlanExecutionTest.plan(p);
        IdempotencyKey key = PlanPhaseTask.key(plan.id(), 1);
        Thread run = new Thread(() -> execution.run(plan, p, key));
        run.start();
        Wait.until(() -> journal.find(key.value()).map(c -> c.state() == ExecutorCall.State.ACCEPTED)
                .orElse(false));

        String marked = execution.applier().markApplied(plan, p, "carol");
        run.join(30_000);
        // the person merged the change; later the phase is rolled back by migration rollback
        Path out = home.resolve("gitops").resolve(key.slug());
        Files.copy(out.resolve("checkout.yaml"), source.resolve("k8s/shop/checkout.yaml"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        PurserException unapplied = catchThrowableOfType(PurserException.class, () -> execution.revert(plan, p));

        assertThat(marked).isEqualTo("app");
        assertThat(journal.find(key.value()).orElseThrow().state()).isEqualTo(ExecutorCall.State.SETTLED);
        Path back = home.resolve("gitops").resolve(key.child("rollback").slug());
        assertThat(Files.readString(back.resolve("checkout.yaml"))).isEqualTo(KubernetesGitOpsTest.MANIFEST);
        assertThat(unapplied.code()).isEqualTo(ErrorCode.EXTERNAL_API_ERROR);
        assertThat(unapplied.getMessage()).contains("nobody marked").contains("a person must apply it");
    }

    /** Polls until a condition holds, up to 30 seconds. */
    static final class Wait {
        static void until(java.util.function.BooleanSupplier done) throws InterruptedException {
            long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (!done.getAsBoolean()) {
                if (System.nanoTime() > end) {
                    throw new AssertionError("not reached within 30s");
                }
                Thread.sleep(50);
            }
        }
    }
}
