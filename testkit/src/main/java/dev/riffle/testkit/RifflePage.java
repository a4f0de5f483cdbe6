package dev.riffle.testkit;

import com.microsoft.playwright.Page;
import dev.riffle.media.VideoFrame;
import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * A browser page showing a Riffle app (a Lite page, a Riffle server's page or a Vaadin view with Riffle components),
 * with typed helpers over the figures the page keeps in {@code window.riffle}: no JavaScript strings in tests.
 * {@link #page()} is the Playwright page for anything else.
 */
public final class RifflePage {
    private final Page page;

    /** Wraps a Playwright page (the {@link RiffleBrowser} extension makes them for you). */
    public RifflePage(Page page) {
        this.page = page;
    }

    /** The Playwright page underneath. */
    public Page page() {
        return page;
    }

    /**
     * Opens {@code url} and waits until Riffle's client runs on it: its Wasm loaded when the page has Lite streams (or
     * failed to load, the streams then on the server when they have a fallback there).
     */
    public RifflePage open(String url) {
        page.navigate(url);
        page.waitForFunction("() => window.riffle && (window.riffle.app || document.querySelector('riffle-webcam,"
                + " riffle-microphone, riffle-image'))");
        page.waitForFunction("() => !riffle.app || !riffle.app.streams || riffle.app.streams.every(s => s.placement"
                + " === 'SERVER') || riffle.stats.wasmReadyAt > 0 || riffle.stats.errors > 0"
                + " || riffle.server.liteFallback");
        return this;
    }

    /** Opens {@code url}; see {@link #open(String)}. */
    public RifflePage open(URI url) {
        return open(url.toString());
    }

    /** Presses Start on the page's first webcam, keeping copies of each frame in and out ({@link #lastFrame()}). */
    public RifflePage startWebcam() {
        return start("riffle-webcam");
    }

    /** Presses Start on the page's first microphone. */
    public RifflePage startMicrophone() {
        return start("riffle-microphone");
    }

    private RifflePage start(String element) {
        page.evaluate("riffle.debug.capture = true");
        String button = element + " button";
        page.waitForSelector(button);
        if (!"Stop".equals(page.textContent(button))) {
            page.click(button);
        }
        return this;
    }

    /** Presses Stop on every running webcam and microphone of the page. */
    public RifflePage stop() {
        for (String element : List.of("riffle-webcam", "riffle-microphone")) {
            for (var button : page.querySelectorAll(element + " button")) {
                if ("Stop".equals(button.textContent())) {
                    button.click();
                }
            }
        }
        return this;
    }

    /** Waits until the page has processed {@code count} frames (or audio chunks) in all since it opened. */
    public RifflePage awaitProcessed(int count) {
        page.waitForFunction("n => riffle.stats.processed >= n", count);
        return this;
    }

    /** How many frames (or audio chunks) the page has processed since it opened. */
    public int processed() {
        return ((Number) page.evaluate("riffle.stats.processed")).intValue();
    }

    /** How many errors the page has shown; {@link #lastError()} is the latest. */
    public int errors() {
        return ((Number) page.evaluate("riffle.stats.errors")).intValue();
    }

    /** The latest error the page showed, or "". */
    public String lastError() {
        return String.valueOf(page.evaluate("riffle.stats.lastError"));
    }

    /**
     * The last frame a started webcam captured and what the handler made of it, with the additional inputs' values.
     *
     * @throws IllegalStateException if no frame went through since {@link #startWebcam()}
     */
    public Frame lastFrame() {
        @SuppressWarnings("unchecked")
        Map<String, Object> last = (Map<String, Object>) page.evaluate("riffle.debug.lastAsBase64()");
        if (last == null) {
            throw new IllegalStateException("No frame recorded yet: start the webcam and await processed frames");
        }
        List<?> inputs = (List<?>) last.get("inputs");
        return new Frame(((Number) last.get("seq")).intValue(), PagePixels.frame(last, "input"),
                PagePixels.frame(last, "output"), inputs.stream().map(String::valueOf).toList());
    }

    /** The pixels an output image (a {@code <canvas>} matched by {@code selector}) shows now. */
    public VideoFrame pixels(String selector) {
        return PagePixels.canvas(page, selector);
    }

    /**
     * The state of the page's server stream: {@code idle}, {@code connecting}, {@code waiting} (in the queue),
     * {@code streaming}, ... (the client's {@code StreamState}).
     */
    public String serverState() {
        return String.valueOf(page.evaluate("riffle.server.state"));
    }

    /** Waits until the page's server stream is in {@code state}. */
    public RifflePage awaitServerState(String state) {
        page.waitForFunction("s => riffle.server.state === s", state);
        return this;
    }

    /**
     * Why the page's AUTO streams run on the server instead of in the browser (the Wasm bundle did not load here), or
     * "" when they run in the browser.
     */
    public String liteFallback() {
        return String.valueOf(page.evaluate("riffle.server.liteFallback"));
    }

    /** The page's place in the server's queue (1 = next), 0 when not waiting. */
    public int queuePosition() {
        return ((Number) page.evaluate("riffle.server.position")).intValue();
    }

    /** The level (RMS, 0..1) of the last 200 ms of audio the page received and played. */
    public double outputLevel() {
        return ((Number) page.evaluate("riffle.audio.output.rms")).doubleValue();
    }

    /** The level (RMS, 0..1) of the last 200 ms of audio the page's microphone sent. */
    public double inputLevel() {
        return ((Number) page.evaluate("riffle.audio.input.rms")).doubleValue();
    }

    /** The frequency (Hz) of the last 200 ms of audio the page received. */
    public double outputFrequency() {
        return ((Number) page.evaluate("riffle.audio.output.frequency")).doubleValue();
    }

    /**
     * Sets an input component of a Riffle page (slider, number, textbox, dropdown) found by its label, as a user
     * would: the value, then the {@code input} and {@code change} events.
     */
    public RifflePage setInput(String label, String value) {
        String component = "[label=\"" + label.replace("\\", "\\\\").replace("\"", "\\\"") + "\"]";
        page.locator(component).locator("input, select, textarea").first().evaluate("(el, v) => { el.value = v;"
                + " el.dispatchEvent(new Event('input', { bubbles: true }));"
                + " el.dispatchEvent(new Event('change', { bubbles: true })); }", value);
        return this;
    }

    /**
     * A frame as the page recorded it.
     *
     * @param seq the frame's number in the stream
     * @param input the camera's pixels the handler got
     * @param output what the handler made of them
     * @param inputs the additional inputs' values, as text
     */
    public record Frame(int seq, VideoFrame input, VideoFrame output, List<String> inputs) {
    }
}
