package dev.purser.core.execution;

import static dev.purser.core.execution.ExecFixture.MANDIBLE;
import static dev.purser.core.execution.ExecFixture.key;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.purser.core.analysis.rightsizing.Configuration;
import dev.purser.core.analysis.rightsizing.ContainerLimits;
import dev.purser.core.analysis.rightsizing.RightsizingChange;
import dev.purser.core.error.ErrorCode;
import dev.purser.core.error.PurserException;
import dev.purser.core.execution.ExecutionResult.Status;
import dev.purser.core.store.PurserDatabase;
import dev.purser.core.testing.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GitOpsAndDryRunTest {

    static final String COMPOSE = """
            services:
              # the search engine the team wants to drop
              elasticsearch:
                image: elasticsearch:8.11.0
                deploy:
                  resources:
                    limits:
                      cpus: "2.0"
                      memory: 2G
              backend:
                image: investment/backend
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
        Files.writeString(source.resolve("docker-compose.yml"), COMPOSE);
        gitops = new GitOpsExecutor(source, out, f.ledger);
    }

    @AfterEach
    void tearDown() {
        f.close();
    }

    static ChangeRequest limits(String file, double cpus, long memory) {
        return new ChangeRequest(new Target(Target.Kind.COMPOSE_SERVICE, file, "elasticsearch"), new RightsizingChange(
                Configuration.compose(new ContainerLimits(OptionalDouble.of(2.0), OptionalLong.of(2L << 30),
                        OptionalDouble.empty(), OptionalLong.empty()), Optional.empty()),
                Configuration.compose(new ContainerLimits(OptionalDouble.of(cpus), OptionalLong.of(memory),
                        OptionalDouble.empty(), OptionalLong.empty()), Optional.empty())));
    }

    @Test
    void gitops_writesPatchedFileAndDiff_thenWaitsForAPerson() throws IOException {
        PreparedChange p = gitops.prepare(limits("docker-compose.yml", 0.5, 768L << 20));
        IdempotencyKey k = key("plan:5/phase:1/gitops");

        ExecutionResult written = gitops.apply(p, k);
        ExecutionResult waiting = gitops.awaitSettled(p, k, f.clock.instant().plus(Duration.ofMinutes(1)));
        gitops.markApplied(k, "carol");
        ExecutionResult applied = gitops.awaitSettled(p, k, f.clock.instant().plus(Duration.ofMinutes(1)));

        Path dir = out.resolve(k.slug());
        assertThat(written.status()).isEqualTo(Status.IN_PROGRESS);
        assertThat(Files.readString(dir.resolve("docker-compose.yml"))).contains("cpus: \"0.5\"")
                .contains("memory: 768M").contains("# the search engine the team wants to drop");
        assertThat(Files.readString(dir.resolve("docker-compose.yml.diff"))).contains("-          cpus: \"2.0\"")
                .contains("+          cpus: \"0.5\"").startsWith("--- a/docker-compose.yml");
        assertThat(Files.readString(source.resolve("docker-compose.yml"))).isEqualTo(COMPOSE);
        assertThat(waiting.status()).isEqualTo(Status.FAILED);
        assertThat(waiting.personNeeded()).isTrue();
        assertThat(applied.status()).isEqualTo(Status.SETTLED);
        assertThat(applied.message()).contains("marked applied by carol");
        assertThat(f.audit.events()).anyMatch(e -> e.kind().equals("executor.gitops.applied")
                && e.actor().equals("carol"));
    }

    @Test
    void gitops_pathOutsideTheSourceDirectory_isRefused() {
        assertThatThrownBy(() -> gitops.prepare(limits("../../etc/passwd", 0.5, 1L << 30)))
                .isInstanceOf(PurserException.class)
                .extracting(e -> ((PurserException) e).code()).isEqualTo(ErrorCode.PATH_NOT_ALLOWED);
    }

    @Test
    void gitops_settingWithNoLineToRewrite_isRefusedAndWritesNothing() throws IOException {
        ChangeRequest r = new ChangeRequest(new Target(Target.Kind.COMPOSE_SERVICE, "docker-compose.yml", "backend"),
                limits("docker-compose.yml", 0.5, 1L << 30).change());
        assertThatThrownBy(() -> gitops.prepare(r)).hasMessageContaining("no line to rewrite");
        assertThat(Files.exists(out)).isFalse();
    }

    @Test
    void gitops_markAppliedBeforeAnythingWasWritten_isNotFound() {
        assertThatThrownBy(() -> gitops.markApplied(key("plan:5/phase:9/nothing"), "carol"))
                .extracting(e -> ((PurserException) e).code()).isEqualTo(ErrorCode.NOT_FOUND);
    }

    @Test
    void dryRun_databaseResize_checksTheRealStateButSendsNothing() {
        DryRunExecutor dry = new DryRunExecutor(new DatabaseResizeExecutor(f.client, f.ledger), f.ledger);
        PreparedChange p = dry.prepare(ExecFixture.mandibleToOneNode());
        IdempotencyKey k = key("plan:5/phase:2/dry");

        ExecutionResult r = dry.apply(p, k);

        assertThat(r.status()).isEqualTo(Status.SETTLED);
        assertThat(r.facts().get("calls")).contains("PUT /v2/databases/" + MANDIBLE + "/resize {\"size\":\"db-s-2vcpu-4gb\",\"num_nodes\":1}");
        assertThat(f.sim.requests()).containsExactly("GET /v2/databases/" + MANDIBLE);
        assertThat(f.sim.cluster(MANDIBLE).orElseThrow().nodes()).isEqualTo(2);
        assertThat(f.audit.states(k.value())).containsExactly("recorded", "would-send", "would-send", "accepted",
                "settled");
    }

    @Test
    void dryRun_gitops_writesNoFile() {
        DryRunExecutor dry = new DryRunExecutor(gitops, f.ledger);
        PreparedChange p = dry.prepare(limits("docker-compose.yml", 0.5, 768L << 20));

        ExecutionResult r = dry.apply(p, key("plan:5/phase:3/dry"));

        assertThat(r.facts().get("calls")).contains("WRITE docker-compose.yml --- a/docker-compose.yml");
        assertThat(Files.exists(out)).isFalse();
    }
}
