package dev.riffle.e2e.bench;

import dev.riffle.blocks.StaticServer;
import dev.riffle.e2e.UserMaven;
import dev.riffle.testkit.Chromium;
import dev.riffle.testkit.TestScenes;
import dev.riffle.testkit.Y4mWriter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code ./dev bench-starter}: the user's path measured - the starter project generated from riffle-lite-archetype
 * outside this build: {@code mvn package} cold (first build) and warm (again, nothing changed), the plugin's own time
 * in each, a rebuild in {@code riffle:run} after an edit (the development loop), the gzipped bundle with one custom
 * handler beside the built-in bundle, and navigation to the first processed frame in Chromium. Writes
 * {@code e2e-tests/target/bench/starter.md}.
 */
public final class StarterBenchmark {
    private static final Pattern PLUGIN = Pattern.compile("Lite site of .* bundle (\\d+) KB, (\\d+) ms\\)");
    private static final int EDITS = 3;

    private StarterBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("riffle-starter-bench");
        Path project = UserMaven.generateStarter(dir);
        StringBuilder report = new StringBuilder("## Starter project (riffle-lite-archetype, one custom handler)\n\n");
        report.append("| build | wall time | riffle:build inside it |\n|---|---|---|\n");
        for (String kind : List.of("cold: first `mvn package -DskipTests`", "warm: `mvn package -DskipTests` again")) {
            long t0 = System.nanoTime();
            String log = UserMaven.run(project, "package", "-DskipTests");
            long wall = (System.nanoTime() - t0) / 1_000_000;
            report.append(String.format("| %s | %,d ms | %s ms |%n", kind, wall, pluginMillis(log)));
        }
        report.append(String.format("| dev loop: `riffle:run` rebuild after an edit (median of %d) | %,d ms | |%n%n",
                EDITS, devLoop(project)));

        Path starterBundle = project.resolve("target/riffle-site/riffle/wasm/riffle-lite.wasm");
        byte[] builtIn;
        try (InputStream in = StarterBenchmark.class.getClassLoader()
                .getResourceAsStream("META-INF/resources/frontend/riffle/wasm/riffle-lite.wasm")) {
            builtIn = in.readAllBytes();
        }
        byte[] starter = Files.readAllBytes(starterBundle);
        report.append("| Wasm bundle | bytes | gzip -9 bytes |\n|---|---|---|\n")
                .append(String.format("| starter: `sepia` only | %,d | %,d |%n", starter.length,
                        LiteBenchmark.gzipSize(starter)))
                .append(String.format("| built-in: transform, flip, edges, cartoon, identity | %,d | %,d |%n%n",
                        builtIn.length, LiteBenchmark.gzipSize(builtIn)));

        Path y4m = Files.createTempFile("riffle-camera", ".y4m");
        Y4mWriter.write(y4m, 640, 480, 30, 30, TestScenes::moving);
        Path site = project.resolve("target/riffle-site");
        try (Chromium.Session chromium = Chromium.launch(Chromium.options().camera(y4m));
                StaticServer server = StaticServer.start(site, 0)) {
            LiteBenchmark.firstFrame(chromium, server.url(), "", site, "Starter page", 10, report);
        }
        BenchReport.write("starter.md", report);
        System.out.println(report);
    }

    private static String pluginMillis(String log) {
        Matcher m = PLUGIN.matcher(log);
        return m.find() ? String.format("%,d", Long.parseLong(m.group(2))) : "?";
    }

    /** riffle:run on a copy; EDITS edits of the handler, each timed from the write to the "Rebuilt" line. */
    private static long devLoop(Path project) throws Exception {
        Path copy = Files.createTempDirectory("riffle-starter-run").resolve("sepia-app");
        UserMaven.copyTree(project, copy);
        Process run = UserMaven.start(copy, "riffle:run", "-Driffle.port=0");
        try {
            BlockingQueue<String> lines = UserMaven.lines(run);
            UserMaven.awaitLine(lines, Pattern.compile("Serving .* on http"), 300);
            Path source = copy.resolve("src/main/java/com/example/sepia/Sepia.java");
            List<Long> times = new ArrayList<>();
            for (int i = 0; i < EDITS; i++) {
                String text = Files.readString(source);
                long t0 = System.nanoTime();
                Files.writeString(source, text.replace("(r * " + (393 + i) + " + g * 769", "(r * " + (394 + i)
                        + " + g * 769"));
                UserMaven.awaitLine(lines, Pattern.compile("Rebuilt"), 300);
                times.add((System.nanoTime() - t0) / 1_000_000);
            }
            return times.stream().sorted().toList().get(EDITS / 2);
        } finally {
            UserMaven.stop(run);
        }
    }
}
