package dev.riffle.server.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import dev.riffle.media.VideoFrame;
import dev.riffle.server.wire.FrameCodec;

/**
 * {@code ./dev bench-mount}: Riffle mounted into a Spring Boot app on Tomcat (the example, {@code examples-spring-boot},
 * its {@code flip} stream bean) next to Riffle's own embedded Jetty ({@link FlipServer}), each in a JVM of its own,
 * measured in one run by the same client in this JVM on 127.0.0.1:
 * <ol>
 * <li>the WebSocket round trip of a 640x480 frame through the flip handler, one frame in flight, raw RGBA and JPEG,
 * in alternating rounds (Jetty, Tomcat, Jetty, Tomcat) so that the machine's drift hits both;</li>
 * <li>the example's start-up (process start to its first page answered) and resident memory, with Riffle and with
 * {@code riffle.enabled=false} (Riffle's jars on the class path, its auto-configuration off).</li>
 * </ol>
 * Prints a Markdown report for BENCHMARKS.md. Argument: the example's executable jar.
 */
public final class MountBenchmark {
    private static final Pattern PORT = Pattern.compile("(?:Tomcat started on port |^port )(\\d+)");

    private MountBenchmark() {
    }

    /** A server in a JVM of its own, its port read from what it prints. */
    record Served(Process process, int port, long startMillis) implements AutoCloseable {
        static Served start(List<String> command, String firstPage) throws Exception {
            long t0 = System.nanoTime();
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            CompletableFuture<Integer> port = new CompletableFuture<>();
            Thread.ofPlatform().daemon().start(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(),
                        StandardCharsets.UTF_8))) {
                    for (String line = r.readLine(); line != null; line = r.readLine()) {
                        Matcher m = PORT.matcher(line);
                        if (m.find()) {
                            port.complete(Integer.parseInt(m.group(1)));
                        }
                    }
                    port.completeExceptionally(new IllegalStateException("the server ended before it printed a port"));
                } catch (IOException e) {
                    port.completeExceptionally(e);
                }
            });
            int n = port.get(120, TimeUnit.SECONDS);
            HttpResponse<String> page = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + n + firstPage)).build(), HttpResponse.BodyHandlers.ofString());
            if (page.statusCode() != 200) {
                throw new IllegalStateException(firstPage + " answered " + page.statusCode());
            }
            return new Served(p, n, (System.nanoTime() - t0) / 1_000_000);
        }

        /** Resident memory (VmRSS) in MB. */
        double rssMb() throws IOException {
            for (String line : Files.readAllLines(Path.of("/proc/" + process.pid() + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) / 1024.0;
                }
            }
            return Double.NaN;
        }

        @Override
        public void close() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 1 || !Files.isRegularFile(Path.of(args[0]))) {
            throw new IllegalArgumentException("Give the Spring Boot example's jar (mvn package builds it): got "
                    + List.of(args));
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> jvm = List.of(java, "-Xmx512m", "--enable-native-access=ALL-UNNAMED");
        List<String> spring = new ArrayList<>(jvm);
        spring.addAll(List.of("-jar", args[0], "--server.port=0", "--server.address=127.0.0.1"));
        List<String> jetty = new ArrayList<>(jvm);
        jetty.addAll(List.of("-cp", System.getProperty("java.class.path"), FlipServer.class.getName()));

        VideoFrame scene = TransportBenchmark.scene();
        byte[] raw = FrameCodec.encodeRaw(scene, 0);
        byte[] jpeg;
        try (FrameCodec.JpegEncoder encoder = new FrameCodec.JpegEncoder(0.8f)) {
            jpeg = encoder.encode(scene, 0, 0);
        }
        StringBuilder out = new StringBuilder();
        out.append("### WebSocket round trip per 640x480 frame, flip handler, one in flight (ms)\n\n"
                + "| server | format | round | p50 | p95 | server time p50 |\n|---|---|---|---|---|---|\n");
        double[][] p50 = new double[2][2]; // [jetty, tomcat][raw, jpeg], summed over rounds
        try (Served jettyServer = Served.start(jetty, "/flip/");
                Served tomcatServer = Served.start(spring, "/flip/")) {
            for (int round = 1; round <= 2; round++) {
                for (int f = 0; f < 2; f++) {
                    String format = f == 0 ? "raw" : "jpeg";
                    byte[] message = f == 0 ? raw : jpeg;
                    for (int s = 0; s < 2; s++) {
                        Served server = s == 0 ? jettyServer : tomcatServer;
                        URI uri = URI.create("ws://127.0.0.1:" + server.port() + "/flip/websocket");
                        TransportBenchmark.Stats stats;
                        try (TransportBenchmark.Client c = TransportBenchmark.Client.riffle(uri, format)) {
                            stats = c.closedLoop(message, 100, 400);
                        }
                        p50[s][f] += stats.p(50) / 2;
                        out.append(String.format(Locale.ROOT, "| %s | %s | %d | %.2f | %.2f | %.2f |%n",
                                s == 0 ? "Riffle's embedded Jetty 12.1" : "Spring Boot 4.0.7 on Tomcat 11 (starter)",
                                format, round, stats.p(50), stats.p(95), stats.serverP50()));
                    }
                }
            }
        }
        out.append(String.format(Locale.ROOT, "%nMean p50 of the two rounds: raw Jetty %.2f ms, Tomcat %.2f ms (%+.1f%%);"
                + " JPEG Jetty %.2f ms, Tomcat %.2f ms (%+.1f%%).%n", p50[0][0], p50[1][0],
                100 * (p50[1][0] - p50[0][0]) / p50[0][0], p50[0][1], p50[1][1],
                100 * (p50[1][1] - p50[0][1]) / p50[0][1]));

        out.append("\n### The example's start-up and memory\n\n| run | start-up to first page (ms) | RSS after start-up (MB) |"
                + " RSS after 400 JPEG frames (MB) |\n|---|---|---|---|\n");
        for (int run = 1; run <= 2; run++) {
            for (boolean riffle : new boolean[] {true, false}) {
                List<String> command = new ArrayList<>(spring);
                if (!riffle) {
                    command.add("--riffle.enabled=false");
                }
                try (Served app = Served.start(command, "/actuator/health")) {
                    double started = app.rssMb();
                    String after = "-";
                    if (riffle) {
                        URI uri = URI.create("ws://127.0.0.1:" + app.port() + "/flip/websocket");
                        try (TransportBenchmark.Client c = TransportBenchmark.Client.riffle(uri, "jpeg")) {
                            c.closedLoop(jpeg, 0, 400);
                        }
                        after = String.format(Locale.ROOT, "%.0f", app.rssMb());
                    }
                    out.append(String.format(Locale.ROOT, "| %s, run %d | %d | %.0f | %s |%n",
                            riffle ? "with Riffle" : "riffle.enabled=false", run, app.startMillis(), started, after));
                }
            }
        }
        System.out.println(out);
    }
}
