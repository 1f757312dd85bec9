package dev.purser.bot.discord;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * An executor the test drives: tasks wait until {@link #runAll()}, so a test sees what happened
 * before the command ran (the deferral) and after. With a capacity it refuses like a full pool.
 */
final class ManualExecutor implements Executor {

    private final Deque<Runnable> tasks = new ArrayDeque<>();
    private final int capacity;

    ManualExecutor(int capacity) {
        this.capacity = capacity;
    }

    ManualExecutor() {
        this(Integer.MAX_VALUE);
    }

    @Override
    public void execute(Runnable task) {
        if (tasks.size() >= capacity) {
            throw new RejectedExecutionException("full");
        }
        tasks.add(task);
    }

    int pending() {
        return tasks.size();
    }

    void runAll() {
        while (!tasks.isEmpty()) {
            tasks.poll().run();
        }
    }
}
