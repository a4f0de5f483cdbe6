package dev.riffle.e2e.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where the browser benchmarks leave their Markdown reports. */
final class BenchReport {
    static final Path DIR = Path.of("e2e-tests/target/bench");

    private BenchReport() {
    }

    /** Writes {@code report} to {@code e2e-tests/target/bench/<fileName>} and prints it. */
    static void write(String fileName, CharSequence report) throws IOException {
        Files.createDirectories(DIR);
        Files.writeString(DIR.resolve(fileName), report);
        System.out.println(report);
    }
}
