package dev.riffle.examples;

import dev.riffle.blocks.Blocks;
import dev.riffle.blocks.LiteExporter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Exports every Lite demo into a folder of static pages, plus an index linking them. The build runs it into
 * {@code examples/target/lite}; copy that folder to any static host.
 */
public final class ExportLitePages {
    private ExportLitePages() {
    }

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : "target/lite");
        export(dir);
        System.out.println("Exported " + Demos.lite().size() + " Lite pages to " + dir.toAbsolutePath());
    }

    /** Writes each demo to {@code dir/<name>/} and the gallery index to {@code dir/index.html}. */
    public static void export(Path dir) throws IOException {
        StringBuilder links = new StringBuilder();
        for (Map.Entry<String, Supplier<Blocks>> demo : Demos.lite().entrySet()) {
            Blocks app = Demos.withHeader(demo.getKey(), demo.getValue().get(), "../");
            LiteExporter.export(app, dir.resolve(demo.getKey()));
            links.append("<li><a href=\"").append(demo.getKey()).append("/\">").append(app.title())
                    .append("</a></li>\n");
        }
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("index.html"), """
                <!doctype html>
                <html lang="en">
                <head><meta charset="utf-8"><title>Riffle gallery</title>
                <style>body{font-family:system-ui,sans-serif;margin:32px;max-width:720px}a{color:#ea580c}</style>
                </head>
                <body>
                <h1>Riffle gallery</h1>
                <p>Lite pages: the handlers are Java compiled to WebAssembly and run in your browser on every webcam
                frame. Press Start on a page to open the camera.</p>
                <ul>
                %s</ul>
                </body>
                </html>
                """.formatted(links));
    }
}
