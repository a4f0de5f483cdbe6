package dev.riffle.server.bench;

import dev.riffle.server.engine.SessionIds;
import dev.riffle.server.queue.QueueListener;
import dev.riffle.server.queue.StreamQueue;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * {@code ./dev jmh}: runs the engine's JMH benchmarks, then measures the heap a waiting session costs the queue, and
 * prints a Markdown report for BENCHMARKS.md.
 */
public final class ServerBenchmarks {
    private ServerBenchmarks() {
    }

    public static void main(String[] args) throws Exception {
        StringBuilder report = new StringBuilder("### Engine overhead per 640x480 frame (JMH, us/op, mean +- 99.9% CI)\n\n"
                + "| benchmark | us per frame |\n|---|---|\n");
        for (RunResult r : new Runner(new OptionsBuilder().include(PipelineBenchmark.class.getSimpleName())
                .build()).run()) {
            report.append(String.format("| %s | %.2f +- %.2f |%n", r.getParams().getBenchmark()
                    .replaceAll(".*\\.", ""), r.getPrimaryResult().getScore(), r.getPrimaryResult().getScoreError()));
        }
        report.append('\n').append(queueMemory(20_000));
        System.out.println(report);
    }

    /** Heap used per waiting session: {@code n} sessions in line behind one slot, measured after full GCs. */
    static String queueMemory(int n) {
        List<String> ids = new ArrayList<>(n);
        for (int i = 0; i < n + 1; i++) {
            ids.add(SessionIds.next());
        }
        StreamQueue queue = new StreamQueue(InstantSource.system(), n, Duration.ofMinutes(10), new QueueListener() {
        });
        queue.defineGroup("g", 1);
        long before = usedHeap();
        for (String id : ids) {
            queue.join(id, "g", Duration.ofSeconds(30));
        }
        long after = usedHeap();
        long perSession = (after - before) / n;
        if (queue.waitingCount("g") != n) {
            throw new IllegalStateException("expected " + n + " waiting");
        }
        return String.format("### Queue memory%n%n%,d sessions waiting behind one slot: %,d bytes of heap per waiting"
                + " session (queue entry and bookkeeping; ids allocated beforehand).%n", n, perSession);
    }

    static long usedHeap() {
        Runtime rt = Runtime.getRuntime();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            System.gc();
            used = Math.min(used, rt.totalMemory() - rt.freeMemory());
        }
        return used;
    }
}
