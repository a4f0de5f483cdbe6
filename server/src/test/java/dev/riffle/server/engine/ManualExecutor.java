package dev.riffle.server.engine;

import java.util.ArrayDeque;
import java.util.concurrent.Executor;

/** An executor that runs tasks only when the test says so: deterministic scheduling. */
final class ManualExecutor implements Executor {
    private final ArrayDeque<Runnable> tasks = new ArrayDeque<>();

    @Override
    public synchronized void execute(Runnable task) {
        tasks.add(task);
    }

    /** Runs the oldest task; false when there is none. */
    boolean runOne() {
        Runnable task;
        synchronized (this) {
            task = tasks.poll();
        }
        if (task == null) {
            return false;
        }
        task.run();
        return true;
    }

    void runAll() {
        while (runOne()) {
            // keep going
        }
    }

    synchronized int queued() {
        return tasks.size();
    }
}
