package dev.riffle.blocks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.riffle.filters.Filters;
import dev.riffle.handler.AdditionalOutputs;
import dev.riffle.handler.LiteHandler;
import dev.riffle.handler.StreamHandler;
import dev.riffle.media.AudioChunk;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BlocksTest {
    private static final String CLIENT_ROOT = "META-INF/resources/frontend/riffle/";

    private static Blocks filterDemo() {
        Dropdown transform = Dropdown.of("cartoon", "edges", "flip").value("flip").label("Transformation");
        Image input = Image.webcam();
        Image output = Image.output().streaming(true);
        input.stream(Filters.TRANSFORM).inputs(input, transform).outputs(output)
                .timeLimit(30).streamEvery(0.1).concurrencyLimit(30);
        return new Blocks("Filters").add(Row.of(Column.of(transform, input), Column.of(output)));
    }

    @Test
    @SuppressWarnings("unchecked")
    void describe_listsLayoutAndStreamWithComponentIds() {
        Map<String, Object> app = filterDemo().describe();
        Map<String, Object> stream = ((List<Map<String, Object>>) app.get("streams")).get(0);
        assertEquals("transform", stream.get("handler"));
        assertEquals(List.of("component-4", "component-3"), stream.get("inputs"));
        assertEquals(List.of("component-6"), stream.get("outputs"));
        assertEquals(0.1, stream.get("streamEvery"));
        assertEquals(30.0, stream.get("timeLimit"));
        assertEquals(30, stream.get("concurrencyLimit"));
        Map<String, Object> layout = (Map<String, Object>) app.get("layout");
        Map<String, Object> row = ((List<Map<String, Object>>) layout.get("children")).get(0);
        assertEquals("row", row.get("type"));
    }

    @Test
    void json_escapesScriptBreakingText() {
        String json = Json.write(Map.of("css", "</script><b>\"x\"\n"));
        assertFalse(json.contains("</script>"));
        assertEquals("{\"css\":\"\\u003c/script>\\u003cb>\\\"x\\\"\\n\"}", json);
    }

    @Test
    void streamOptions_outOfRange_throw() {
        Image input = Image.webcam();
        StreamEvent event = input.stream(Filters.FLIP);
        assertThrows(IllegalArgumentException.class, () -> event.streamEvery(0));
        assertThrows(IllegalArgumentException.class, () -> event.timeLimit(-1));
        assertThrows(IllegalArgumentException.class, () -> event.concurrencyLimit(0));
        event.concurrencyLimit(null); // unlimited
        assertThrows(IllegalStateException.class, () -> Image.output().stream(Filters.FLIP));
        assertThrows(IllegalArgumentException.class, () -> Dropdown.of("a", "b").value("c"));
    }

    @Test
    void streamUsingAComponentOutsideTheApp_isRefused() {
        Image input = Image.webcam();
        input.stream(Filters.FLIP).outputs(Image.output());
        Blocks app = new Blocks("Broken").add(input);
        IllegalStateException e = assertThrows(IllegalStateException.class, app::describe);
        assertTrue(e.getMessage().contains("not in the app"), e.getMessage());
    }

    @Test
    void unified_isDetectedWhenTheWebcamIsItsOwnOutput() {
        Image input = Image.webcam();
        StreamEvent event = input.stream(Filters.FLIP).outputs(input);
        assertTrue(event.isUnified());
    }

    @Test
    void exportedClientFiles_holdEveryModuleThePageImports() throws Exception {
        // the page entry and every module it imports, transitively (dynamic imports too): an exported page loads
        // each from riffle/
        Set<String> seen = new TreeSet<>();
        ArrayDeque<String> todo = new ArrayDeque<>(List.of("lite-page.js"));
        Pattern specifier = Pattern.compile("(?:\\bfrom\\s+|\\bimport\\s+|\\bimport\\(|new URL\\()'\\./([\\w./-]+\\.js)'");
        while (!todo.isEmpty()) {
            String file = todo.pop();
            if (!seen.add(file)) {
                continue;
            }
            try (InputStream in = getClass().getClassLoader().getResourceAsStream(CLIENT_ROOT + file)) {
                assertTrue(in != null, file + " is imported but missing");
                Matcher m = specifier.matcher(new String(in.readAllBytes(), StandardCharsets.UTF_8));
                while (m.find()) {
                    todo.push(m.group(1));
                }
            }
        }
        assertTrue(seen.size() > 10, "found " + seen);
        for (String file : seen) {
            assertTrue(LiteExporter.CLIENT_FILES.contains(file), file + " is not in LiteExporter.CLIENT_FILES");
        }
    }

    @Test
    void export_writesAStaticFolder(@TempDir Path dir) throws Exception {
        LiteExporter.export(filterDemo(), dir);
        for (String file : LiteExporter.CLIENT_FILES) {
            assertTrue(Files.size(dir.resolve("riffle/" + file)) > 0, file);
        }
        String html = Files.readString(dir.resolve("index.html"));
        assertTrue(html.contains("<title>Filters</title>"));
        assertTrue(html.contains("\"handler\":\"transform\""));
        assertTrue(html.contains("from './riffle/lite-page.js'"), "a relative module specifier, not a bare one");
        assertTrue(html.contains("href=\"./riffle/wasm/riffle-lite.wasm\""), "the Wasm bundle is preloaded");
        assertEquals(Json.write(filterDemo().describe()), Files.readString(dir.resolve("app.json")));
    }

    @Test
    void serverOnlyStreams_areRefusedByTheExporterAndNeedNoWasm(@TempDir Path dir) {
        Image input = Image.webcam();
        NumberField count = NumberField.create();
        StreamEvent event = input.stream("count", () -> (in, out, inputs) -> AdditionalOutputs.of(1))
                .outputs(input, count);
        assertEquals(Placement.SERVER, event.placement());
        assertThrows(IllegalArgumentException.class, () -> event.placement(Placement.LITE));
        Blocks app = new Blocks("Count").add(input, count);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LiteExporter.export(app, dir));
        assertTrue(e.getMessage().contains("runs on the server"), e.getMessage());
        String page = LiteExporter.page(app, Json.write(app.describe()), "/frontend/riffle/");
        assertFalse(page.contains("riffle-lite.wasm"), "no Wasm preload for a page without Lite streams");
        assertTrue(page.contains("from '/frontend/riffle/lite-page.js'"));
    }

    @Test
    void sliderAndNumber_describeThemselvesAndGiveInitialValues() {
        Slider slider = Slider.of(0, 1).step(0.01).value(0.3).label("Confidence");
        assertEquals(0.3, slider.initialValue());
        assertThrows(IllegalArgumentException.class, () -> slider.value(2));
        assertThrows(IllegalArgumentException.class, () -> Slider.of(1, 1));
        assertEquals(null, NumberField.create().initialValue());
        Textbox text = Textbox.create().lines(4).label("Text read");
        assertEquals("", text.initialValue());
        assertThrows(IllegalArgumentException.class, () -> text.lines(0));
        Blocks withText = new Blocks("T");
        withText.add(text);
        String described = Json.write(withText.describe());
        assertTrue(described.contains("\"type\":\"textbox\",\"id\":\"component-1\",\"label\":\"Text read\","
                + "\"value\":\"\",\"lines\":4"), described);
        assertEquals("flip", Dropdown.of("edges", "flip").value("flip").initialValue());
        Image input = Image.webcam();
        input.stream(Filters.FLIP).inputs(input, slider);
        Blocks app = new Blocks("S").add(input, slider);
        String json = Json.write(app.describe());
        assertTrue(json.contains("{\"type\":\"slider\",\"id\":\"component-2\",\"label\":\"Confidence\","
                + "\"minimum\":0,\"maximum\":1,\"step\":0.01,\"value\":0.3}"), json);
    }

    @Test
    void export_ofAHandlerWithoutWasmBuild_isRefused(@TempDir Path dir) {
        Image input = Image.webcam();
        input.stream(new LiteHandler("sepia", () -> (in, out, inputs) -> { })).outputs(input);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LiteExporter.export(new Blocks("Sepia").add(input), dir));
        assertTrue(e.getMessage().contains("'sepia' has no Wasm build"), e.getMessage());
    }

    static class Echo extends StreamHandler {
        private AudioChunk last;

        @Override
        public void receive(AudioChunk chunk) {
            last = chunk;
        }

        @Override
        public AudioChunk emit() {
            AudioChunk out = last;
            last = null;
            return out;
        }

        @Override
        public StreamHandler copy() {
            return new Echo();
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void microphoneStream_isAnAudioStreamOnTheServer_withItsOwnHandlerPerSession() {
        Audio mic = Audio.microphone().label("Stream");
        Echo prototype = new Echo();
        StreamEvent event = mic.stream("echo", prototype).inputs(mic).outputs(mic).timeLimit(15);
        Blocks app = new Blocks("Echo").add(Group.of(mic));
        assertTrue(event.isAudio());
        assertTrue(event.isUnified());
        assertEquals(Placement.SERVER, event.placement());
        assertEquals(0.02, event.streamEvery(), "20 ms chunks by default");
        assertTrue(event.newAudioHandler() instanceof Echo);
        assertFalse(event.newAudioHandler() == prototype, "a copy per session, never the prototype");
        assertThrows(IllegalStateException.class, event::newServerHandler);
        assertThrows(IllegalArgumentException.class, () -> event.placement(Placement.LITE));
        Map<String, Object> stream = ((List<Map<String, Object>>) app.describe().get("streams")).get(0);
        assertEquals("audio", stream.get("modality"));
        assertEquals("echo", stream.get("handler"));
        Map<String, Object> group = ((List<Map<String, Object>>) ((Map<String, Object>) app.describe().get("layout"))
                .get("children")).get(0);
        Map<String, Object> audio = ((List<Map<String, Object>>) group.get("children")).get(0);
        assertEquals("audio", audio.get("type"));
        assertEquals(List.of("microphone"), audio.get("sources"));
        assertThrows(IllegalArgumentException.class, () -> LiteExporter.export(app, Path.of("target/never")),
                "a Lite page cannot hold a server-only audio stream");
        assertThrows(IllegalStateException.class, () -> Audio.output().stream("echo", prototype),
                "only a microphone starts a stream");
        assertEquals("video", ((List<Map<String, Object>>) filterDemo().describe().get("streams")).get(0)
                .get("modality"));
    }
}
