package dev.purser.commands;

import static org.assertj.core.api.Assertions.assertThat;

import dev.purser.commands.reply.Reply;
import dev.purser.commands.testing.Fixtures;
import dev.purser.core.error.ErrorCode;
import dev.purser.core.error.PurserException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AnswerCacheTest {

    @TempDir
    Path files;

    private final AtomicLong generation = new AtomicLong(1);
    private final AtomicLong nanos = new AtomicLong();
    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-12-06T10:00:00Z"));
    private final Clock clock = new Clock() {
        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    };
    private final AnswerCache cache = new AnswerCache(generation::get, clock, 100, Duration.ofMinutes(10), nanos::get);
    private final AtomicInteger computed = new AtomicInteger();

    private CommandDispatcher dispatcher(Effect effect, boolean fails) {
        ArgumentSpec<String> question = ArgumentSpec.builder("question", ArgumentTypes.text())
                .description("What to answer").build();
        ArgumentSpec<Path> file = ArgumentSpec.builder("file", ArgumentTypes.path(new PathPolicy(List.of(files))))
                .description("A file it reads").build();
        CommandSpec answer = new CommandSpec("answer", "Answer", "Counts its computations for tests",
                "A command whose handler counts how often it runs, so the answer cache can be observed.",
                List.of(question, file), Role.VIEWER, effect, (invocation, context) -> {
                    int n = computed.incrementAndGet();
                    if (fails) {
                        throw new PurserException(ErrorCode.BAD_ARGUMENT, "refused on purpose");
                    }
                    return Reply.builder("answer", "Answer").summary("computation " + n + " of "
                            + invocation.values().get("question")).build();
                });
        return new CommandDispatcher(CommandRegistry.of(answer), CommandListener.NONE, cache);
    }

    @Test
    void sameQuestion_unchangedStore_isComputedOnce() {
        CommandDispatcher d = dispatcher(Effect.READ_ONLY, false);

        Reply first = d.run(Fixtures.viewer(), "mcp", "answer --question spend");
        Reply second = d.run(Fixtures.viewer(), "mcp", "answer --question spend");

        assertThat(computed).hasValue(1);
        assertThat(second.summary()).isEqualTo(first.summary()).isEqualTo("computation 1 of spend");
    }

    @Test
    void movedGeneration_answersAfresh() {
        CommandDispatcher d = dispatcher(Effect.READ_ONLY, false);
        d.run(Fixtures.viewer(), "mcp", "answer --question spend");

        generation.incrementAndGet();

        assertThat(d.run(Fixtures.viewer(), "mcp", "answer --question spend").summary())
                .isEqualTo("computation 2 of spend");
    }

    @Test
    void otherArguments_otherRoles_otherFace_otherDay_eachAnswerAfresh() {
        CommandDispatcher d = dispatcher(Effect.READ_ONLY, false);
        d.run(Fixtures.viewer(), "mcp", "answer --question spend");

        d.run(Fixtures.viewer(), "mcp", "answer --question waste");
        d.run(new Principal("u:admin", "admin", EnumSet.allOf(Role.class), true), "mcp", "answer --question spend");
        d.run(Fixtures.viewer(), "slack", "answer --question spend");
        now.set(Instant.parse("2026-12-07T00:00:01Z"));
        d.run(Fixtures.viewer(), "mcp", "answer --question spend");

        assertThat(computed).hasValue(5);
    }

    @Test
    void answersExpire_afterTheirLifetime_evenWhenNothingMoves() {
        CommandDispatcher d = dispatcher(Effect.READ_ONLY, false);
        d.run(Fixtures.viewer(), "mcp", "answer --question spend");

        nanos.addAndGet(Duration.ofMinutes(10).plusSeconds(1).toNanos());

        d.run(Fixtures.viewer(), "mcp", "answer --question spend");
        assertThat(computed).hasValue(2);
    }

    @Test
    void errors_areNeverKept() {
        CommandDispatcher d = dispatcher(Effect.READ_ONLY, true);

        assertThat(d.run(Fixtures.viewer(), "mcp", "answer --question spend").isError()).isTrue();
        assertThat(d.run(Fixtures.viewer(), "mcp", "answer --question spend").isError()).isTrue();

        assertThat(computed).hasValue(2);
        assertThat(cache.size()).isZero();
    }

    @Test
    void commandsThatReadBeyondTheStore_areNeverKept() {
        CommandDispatcher d = dispatcher(Effect.READS_LIVE, false);

        d.run(Fixtures.viewer(), "mcp", "answer --question spend");
        d.run(Fixtures.viewer(), "mcp", "answer --question spend");

        assertThat(computed).hasValue(2);
    }

    @Test
    void questionsNamingAFile_areNeverKept() throws Exception {
        Files.writeString(files.resolve("compose.yml"), "services: {}\n");
        CommandDispatcher d = dispatcher(Effect.READ_ONLY, false);
        String line = "answer --question spend --file " + files.resolve("compose.yml");

        d.run(Fixtures.viewer(), "mcp", line);
        d.run(Fixtures.viewer(), "mcp", line);

        assertThat(computed).hasValue(2);
    }

    @Test
    void twentyAskersAtOnce_waitForOneComputation() throws Exception {
        CommandDispatcher d = dispatcher(Effect.READ_ONLY, false);
        ExecutorService pool = Executors.newFixedThreadPool(20);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Reply>> replies = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                replies.add(pool.submit(() -> {
                    start.await();
                    return d.run(Fixtures.viewer(), "mcp", "answer --question spend");
                }));
            }
            start.countDown();
            for (Future<Reply> reply : replies) {
                assertThat(reply.get(30, TimeUnit.SECONDS).summary()).isEqualTo("computation 1 of spend");
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(computed).hasValue(1);
    }
}
