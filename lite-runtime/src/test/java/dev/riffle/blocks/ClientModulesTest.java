package dev.riffle.blocks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.riffle.filters.Filters;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClientModulesTest {
    private static Blocks filterPage() {
        Dropdown transform = Dropdown.of("cartoon", "edges", "flip").value("flip").label("Transformation");
        Image input = Image.webcam();
        Image output = Image.output();
        input.stream(Filters.TRANSFORM).inputs(input, transform).outputs(output);
        return new Blocks("Filters").add(Row.of(Column.of(transform, input), output));
    }

    @Test
    void litePage_needsItsElementsRunnerAndLoader_withTheirImports_andNoServerOrAudioCode() {
        List<String> modules = ClientModules.needed(filterPage(), true, false);
        assertEquals("lite-page.js", modules.get(0));
        for (String m : List.of("riffle-dropdown.js", "riffle-webcam.js", "riffle-image.js", "media-view.js",
                "lite-runner.js", "lite-runtime.js", "stream-elements.js", "debug-stats.js", "stream-events.js",
                "protocol.js", "wasm/classes.wasm-runtime.js")) {
            assertTrue(modules.contains(m), m + " in " + modules);
        }
        for (String m : List.of("server-connection.js", "webrtc-stream.js", "riffle-microphone.js", "riffle-audio.js",
                "riffle-slider.js")) {
            assertFalse(modules.contains(m), m + " in " + modules);
        }
        assertEquals(modules.size(), modules.stream().distinct().count(), "each once");
    }

    @Test
    void serverPage_needsTheServerTransports_andNoWasm() {
        List<String> modules = ClientModules.needed(filterPage(), false, true);
        assertTrue(modules.containsAll(List.of("server-connection.js", "server-stream.js", "webrtc-stream.js",
                "session-view.js")), modules.toString());
        assertFalse(modules.contains("lite-runner.js"));
        assertFalse(modules.contains("wasm/classes.wasm-runtime.js"));
    }

    @Test
    void exportedPage_linksEachModuleForPreload() {
        String html = LiteExporter.page(filterPage(), "{}", "./riffle/");
        assertTrue(html.contains("<link rel=\"modulepreload\" href=\"./riffle/riffle-webcam.js\">"), html);
        assertTrue(html.contains("<link rel=\"preload\" href=\"./riffle/wasm/riffle-lite.wasm\""), html);
        String own = LiteExporter.page(filterPage(), "{}", "/frontend/riffle/", true, false, "/sepia/bundle.wasm");
        assertTrue(own.contains("<link rel=\"preload\" href=\"/sepia/bundle.wasm\""), own);
        assertFalse(own.contains("riffle-lite.wasm"), "an app's own bundle, not the built-in one");
    }
}
