package dev.purser.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** How {@link DataGeneration} shares reads among concurrent callers without ever answering stale. */
class DataGenerationSharingTest {

    @Test
    void aReadBegunBeforeTheCall_neverAnswersIt() throws Exception {
        AtomicLong committed = new AtomicLong(1);
        CountDownLatch inFlight = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger reads = new AtomicInteger();
        DataGeneration generation = new DataGeneration(() -> {
            long seen = committed.get(); // the query's snapshot is taken as it begins
            if (reads.incrementAndGet() == 1) {
                inFlight.countDown();
                await(release);
            }
            return seen;
        });
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<Long> early = pool.submit(generation::getAsLong);
            assertThat(inFlight.await(10, TimeUnit.SECONDS)).isTrue();
            // A write commits while the first read is still running, and only then is the next call made:
            committed.set(2);
            Future<Long> late = pool.submit(generation::getAsLong);
            Thread.sleep(50); // let the late call find the read in flight (it must not join it)
            release.countDown();
            assertThat(early.get(10, TimeUnit.SECONDS)).isEqualTo(1);
            assertThat(late.get(10, TimeUnit.SECONDS)).as("a call made after the commit sees it").isEqualTo(2);
            assertThat(reads.get()).isEqualTo(2);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void concurrentCallers_shareReads() throws Exception {
        int callers = 20;
        AtomicInteger reads = new AtomicInteger();
        DataGeneration generation = new DataGeneration(() -> {
            reads.incrementAndGet();
            sleep(50);
            return 7;
        });
        CyclicBarrier start = new CyclicBarrier(callers);
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        try {
            List<Future<Long>> answers = new ArrayList<>();
            for (int i = 0; i < callers; i++) {
                answers.add(pool.submit(() -> {
                    start.await();
                    return generation.getAsLong();
                }));
            }
            for (Future<Long> answer : answers) {
                assertThat(answer.get(30, TimeUnit.SECONDS)).isEqualTo(7);
            }
            // one read in flight at a time, each serving every caller that arrived while the one before ran
            assertThat(reads.get()).isBetween(1, callers - 1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aFailedRead_failsItsCallers_andTheNextCallReadsAgain() {
        AtomicInteger reads = new AtomicInteger();
        DataGeneration generation = new DataGeneration(() -> {
            if (reads.incrementAndGet() == 1) {
                throw new IllegalStateException("database down");
            }
            return 3;
        });
        assertThatThrownBy(generation::getAsLong).hasMessage("database down");
        assertThat(generation.getAsLong()).isEqualTo(3);
        assertThat(reads.get()).isEqualTo(2);
    }

    @Test
    void sequentialCalls_eachReadAfresh() {
        AtomicLong committed = new AtomicLong(1);
        DataGeneration generation = new DataGeneration(committed::get);
        assertThat(generation.getAsLong()).isEqualTo(1);
        committed.set(5);
        assertThat(generation.getAsLong()).isEqualTo(5);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
