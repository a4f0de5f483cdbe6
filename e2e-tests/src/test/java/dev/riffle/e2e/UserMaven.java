package dev.riffle.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Maven as a user runs it on a project of their own, outside this build: the Maven running this build (or the one
 * named by {@code riffle.maven.home}), this JDK, the same local repository. For the starter project's test and
 * benchmark.
 */
public final class UserMaven {
    private UserMaven() {
    }

    /** The version of Riffle under test. */
    public static String riffleVersion() {
        return System.getProperty("riffle.version", "0.1.0-SNAPSHOT");
    }

    /** Generates the starter project (riffle-lite-archetype) in {@code dir}; returns its folder. */
    public static Path generateStarter(Path dir) throws IOException, InterruptedException {
        run(dir, "archetype:generate", "-DarchetypeGroupId=dev.riffle", "-DarchetypeArtifactId=riffle-lite-archetype",
                "-DarchetypeVersion=" + riffleVersion(), "-DgroupId=com.example", "-DartifactId=sepia-app",
                "-Dversion=1.0-SNAPSHOT", "-Dpackage=com.example.sepia", "-DinteractiveMode=false");
        return dir.resolve("sepia-app");
    }

    /** Runs Maven in {@code dir} and returns its output; fails with the output's end when Maven fails. */
    public static String run(Path dir, String... args) throws IOException, InterruptedException {
        Process process = start(dir, args);
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int status = process.waitFor();
        assertEquals(0, status, () -> "mvn " + String.join(" ", args) + " failed:\n"
                + out.substring(Math.max(0, out.length() - 6000)));
        return out;
    }

    /** Starts Maven in {@code dir}, its output (and errors) on the process's input stream. */
    public static Process start(Path dir, String... args) throws IOException {
        String home = System.getProperty("riffle.maven.home", System.getProperty("maven.home", ""));
        if (home.isBlank()) {
            throw new IllegalStateException("riffle.maven.home is not set: run this through Maven");
        }
        List<String> command = new ArrayList<>(List.of(Path.of(home, "bin", "mvn").toString(), "-B", "-ntp"));
        String repo = System.getProperty("riffle.maven.repo", "");
        if (!repo.isBlank()) {
            command.add("-Dmaven.repo.local=" + repo);
        }
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().remove("MAVEN_OPTS");
        return builder.start();
    }

    /** The lines {@code process} prints, as they come (read by a virtual thread). */
    public static BlockingQueue<String> lines(Process process) {
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread.ofVirtual().start(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    lines.add(line);
                }
            } catch (IOException e) {
                lines.add("(output ended: " + e + ")");
            }
        });
        return lines;
    }

    /** Waits for a line matching {@code pattern}; fails after {@code seconds} with the last lines seen. */
    public static Matcher awaitLine(BlockingQueue<String> lines, Pattern pattern, int seconds)
            throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        List<String> seen = new ArrayList<>();
        while (System.nanoTime() < end) {
            String line = lines.poll(end - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (line == null) {
                break;
            }
            seen.add(line);
            Matcher m = pattern.matcher(line);
            if (m.find()) {
                return m;
            }
        }
        throw new AssertionError("Maven never printed /" + pattern + "/ in " + seconds + " s; it printed:\n"
                + String.join("\n", seen.subList(Math.max(0, seen.size() - 60), seen.size())));
    }

    /** Stops a Maven process (riffle:run), forcibly if it takes more than 20 s. */
    public static void stop(Process process) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }

    /** Copies a project folder (its target/ too). */
    public static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.toList()) {
                Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target);
                }
            }
        }
    }
}
