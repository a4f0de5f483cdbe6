package dev.riffle.blocks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StaticServerTest {
    private final HttpClient client = HttpClient.newHttpClient();

    private HttpResponse<String> get(URI uri) throws Exception {
        return client.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void servesFilesWithTheirTypes_andIndexForFolders(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("app/riffle"));
        Files.writeString(dir.resolve("app/index.html"), "<p>hi</p>");
        Files.write(dir.resolve("app/riffle/x.wasm"), new byte[] {0, 97, 115, 109});
        try (StaticServer server = StaticServer.start(dir, 0)) {
            HttpResponse<String> page = get(server.url().resolve("app/"));
            assertEquals(200, page.statusCode());
            assertEquals("<p>hi</p>", page.body());
            assertEquals("text/html; charset=utf-8", page.headers().firstValue("content-type").orElseThrow());
            HttpResponse<String> wasm = get(server.url().resolve("app/riffle/x.wasm"));
            assertEquals("application/wasm", wasm.headers().firstValue("content-type").orElseThrow());
            assertEquals(301, get(server.url().resolve("app")).statusCode());
        }
    }

    @Test
    void missingFile_is404_andServerKeepsServing(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("a.txt"), "a");
        try (StaticServer server = StaticServer.start(dir, 0)) {
            assertEquals(404, get(server.url().resolve("nope.js")).statusCode());
            assertEquals(200, get(server.url().resolve("a.txt")).statusCode());
        }
    }

    @Test
    void pathOutsideTheFolder_isRefused(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("site"));
        Files.writeString(dir.resolve("secret.txt"), "no");
        try (StaticServer server = StaticServer.start(dir.resolve("site"), 0)) {
            URI uri = URI.create(server.url() + "%2e%2e/secret.txt");
            int status = get(uri).statusCode();
            assertEquals(true, status == 403 || status == 404, "status " + status);
        }
    }

    @Test
    void post_is405(@TempDir Path dir) throws Exception {
        try (StaticServer server = StaticServer.start(dir, 0)) {
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(server.url())
                    .POST(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(405, r.statusCode());
        }
    }

    @Test
    void start_onAFile_throws(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("f"), "");
        assertThrows(IllegalArgumentException.class, () -> StaticServer.start(file, 0));
    }

    @Test
    void liveReload_givesPagesTheReloadScript_andCountsBuilds(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("index.html"), "<body><p>hi</p></body>");
        try (StaticServer plain = StaticServer.start(dir, 0)) {
            assertEquals("<body><p>hi</p></body>", get(plain.url()).body());
            assertEquals(404, get(plain.url().resolve(StaticServer.BUILD_PATH.substring(1))).statusCode());
        }
        try (StaticServer server = StaticServer.start(dir, 0).liveReload()) {
            String page = get(server.url()).body();
            assertTrue(page.contains(StaticServer.BUILD_PATH) && page.endsWith("</script>\n</body>"), page);
            URI build = server.url().resolve(StaticServer.BUILD_PATH.substring(1));
            assertEquals("0", get(build).body());
            server.reloadPages();
            assertEquals("1", get(build).body());
        }
    }
}
