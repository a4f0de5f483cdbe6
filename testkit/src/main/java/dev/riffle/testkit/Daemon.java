package dev.riffle.testkit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A process a test runs (redis-server, HAProxy, coturn, a node's JVM), its output kept, ready when a line matches.
 *
 * <pre>{@code
 * Daemon node = Daemon.start(List.of(java, "-cp", cp, "my.Node"), Pattern.compile("^port (\\d+)"),
 *         Duration.ofSeconds(60));
 * int port = Integer.parseInt(node.readyLine().group(1));
 * }</pre>
 */
public final class Daemon implements AutoCloseable {
    private final Process process;
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final CompletableFuture<Matcher> ready = new CompletableFuture<>();

    private Daemon(Process process, Pattern readyWhen) {
        this.process = process;
        if (readyWhen == null) {
            ready.complete(null);
        }
        Thread.ofPlatform().daemon().start(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    lines.add(line);
                    Matcher m = readyWhen == null ? null : readyWhen.matcher(line);
                    if (!ready.isDone() && m != null && m.find()) {
                        ready.complete(m);
                    }
                }
                ready.completeExceptionally(new IOException("ended before it was ready: " + lines));
            } catch (IOException e) {
                ready.completeExceptionally(e);
            }
        });
    }

    /**
     * Starts {@code command} and waits (up to {@code within}) for a line matching {@code readyWhen}; {@code null}: the
     * caller waits its own way (a port).
     */
    public static Daemon start(List<String> command, Pattern readyWhen, Duration within) throws Exception {
        Daemon d = new Daemon(new ProcessBuilder(command).redirectErrorStream(true).start(), readyWhen);
        d.ready.get(within.toMillis(), TimeUnit.MILLISECONDS);
        return d;
    }

    /** Waits for a line matching {@code pattern} (one printed already counts). */
    public void awaitLine(Pattern pattern, Duration within) throws InterruptedException {
        long end = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < end) {
            for (String line : lines) {
                if (pattern.matcher(line).find()) {
                    return;
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no line matching " + pattern + " within " + within + ": " + lines);
    }

    /** The process. */
    public Process process() {
        return process;
    }

    /** Every line it printed so far (standard output and error). */
    public List<String> lines() {
        return lines;
    }

    /** The match of the line that made it ready. */
    public Matcher readyLine() {
        return ready.join();
    }

    /** SIGKILL: no goodbye, as a crashed machine. */
    public void kill() throws InterruptedException {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                kill();
            }
        }
    }
}
