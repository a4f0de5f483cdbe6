package dev.riffle.testkit;

import com.microsoft.playwright.Page;
import dev.riffle.media.VideoFrame;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A browser page showing a Riffle app (a Lite page, a Riffle server's page or a Vaadin view with Riffle components),
 * with typed helpers over the figures the page keeps in {@code window.riffle}: no JavaScript strings in tests. It works
 * on any {@link BrowserTab}: Chromium (Playwright), Firefox (WebDriver BiDi), WebKit (WebDriver). {@link #page()} is
 * the Playwright page for anything else in Chromium, {@link #tab()} the tab in any browser.
 */
public final class RifflePage {
    private static final Duration WAIT = Duration.ofSeconds(30);

    private final BrowserTab tab;

    /** Wraps a Playwright page (the {@link RiffleBrowser} extension makes them for you). */
    public RifflePage(Page page) {
        this(new PlaywrightTab(page));
    }

    /** Wraps a tab of any browser. */
    public RifflePage(BrowserTab tab) {
        this.tab = tab;
    }

    /**
     * The Playwright page underneath.
     *
     * @throws IllegalStateException when the page is not in a Playwright browser (Firefox, WebKit): use {@link #tab()}
     */
    public Page page() {
        if (tab instanceof PlaywrightTab playwright) {
            return playwright.page();
        }
        throw new IllegalStateException("This page is in " + tab.browser() + ", not in Playwright: use tab()");
    }

    /** The tab underneath, in whichever browser. */
    public BrowserTab tab() {
        return tab;
    }

    /**
     * Opens {@code url} and waits until Riffle's client runs on it: its Wasm loaded when the page has Lite streams (or
     * failed to load, the streams then on the server when they have a fallback there).
     */
    public RifflePage open(String url) {
        tab.navigate(url);
        tab.waitFor(WAIT, "() => window.riffle && (window.riffle.app || document.querySelector('riffle-webcam,"
                + " riffle-microphone, riffle-image'))");
        tab.waitFor(WAIT, "() => !riffle.app || !riffle.app.streams || riffle.app.streams.every(s => s.placement"
                + " === 'SERVER') || riffle.stats.wasmReadyAt > 0 || riffle.stats.errors > 0"
                + " || riffle.server.liteFallback || document.querySelector('.riffle-fatal')");
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
        tab.call("() => { riffle.debug.capture = true; }");
        String button = element + " button";
        tab.waitFor(WAIT, "(b) => !!(" + BrowserTab.QUERY + ")(b)", button);
        if (!"Stop".equals(tab.call("(b) => (" + BrowserTab.QUERY + ")(b).textContent", button))) {
            tab.click(button);
        }
        return this;
    }

    /** Presses Stop on every running webcam and microphone of the page. */
    public RifflePage stop() {
        for (String element : List.of("riffle-webcam button", "riffle-microphone button")) {
            tab.call("(b) => (" + BrowserTab.QUERY_ALL + ")(b).forEach(e => { if (e.textContent === 'Stop') e.click(); })",
                    element);
        }
        return this;
    }

    /** Waits until the page has processed {@code count} frames (or audio chunks) in all since it opened. */
    public RifflePage awaitProcessed(int count) {
        tab.waitFor(WAIT, "n => riffle.stats.processed >= n", count);
        return this;
    }

    /**
     * Waits until a frame recorded since {@link #startWebcam()} went through with {@code value} among its additional
     * inputs (after {@link #setInput}: the next frames still may have the old value).
     */
    public RifflePage awaitFrameWithInput(String value) {
        tab.waitFor(WAIT, "v => riffle.debug.last && riffle.debug.last.inputs.some(i => String(i) === v)", value);
        return this;
    }

    /** How many frames (or audio chunks) the page has processed since it opened. */
    public int processed() {
        return ((Number) tab.call("() => riffle.stats.processed")).intValue();
    }

    /** How many errors the page has shown; {@link #lastError()} is the latest. */
    public int errors() {
        return ((Number) tab.call("() => riffle.stats.errors")).intValue();
    }

    /** The latest error the page showed, or "". */
    public String lastError() {
        return String.valueOf(tab.call("() => riffle.stats.lastError"));
    }

    /**
     * The last frame a started webcam captured and what the handler made of it, with the additional inputs' values.
     *
     * @throws IllegalStateException if no frame went through since {@link #startWebcam()}
     */
    public Frame lastFrame() {
        @SuppressWarnings("unchecked")
        Map<String, Object> last = (Map<String, Object>) tab.call("() => riffle.debug.lastAsBase64()");
        if (last == null) {
            throw new IllegalStateException("No frame recorded yet: start the webcam and await processed frames");
        }
        List<?> inputs = (List<?>) last.get("inputs");
        return new Frame(((Number) last.get("seq")).intValue(), PagePixels.frame(last, "input"),
                PagePixels.frame(last, "output"), inputs.stream().map(String::valueOf).toList());
    }

    /** The pixels an output image (a {@code <canvas>} matched by {@code selector}) shows now. */
    public VideoFrame pixels(String selector) {
        return PagePixels.canvas(tab, selector);
    }

    /**
     * The state of the page's server stream: {@code idle}, {@code connecting}, {@code waiting} (in the queue),
     * {@code streaming}, ... (the client's {@code StreamState}).
     */
    public String serverState() {
        return String.valueOf(tab.call("() => riffle.server.state"));
    }

    /** Waits until the page's server stream is in {@code state}. */
    public RifflePage awaitServerState(String state) {
        tab.waitFor(WAIT, "s => riffle.server.state === s", state);
        return this;
    }

    /**
     * Why the page's AUTO streams run on the server instead of in the browser (the Wasm bundle did not load here), or
     * "" when they run in the browser.
     */
    public String liteFallback() {
        return String.valueOf(tab.call("() => riffle.server.liteFallback"));
    }

    /** The page's place in the server's queue (1 = next), 0 when not waiting. */
    public int queuePosition() {
        return ((Number) tab.call("() => riffle.server.position")).intValue();
    }

    /** The level (RMS, 0..1) of the last 200 ms of audio the page received and played. */
    public double outputLevel() {
        return ((Number) tab.call("() => riffle.audio.output.rms")).doubleValue();
    }

    /** The level (RMS, 0..1) of the last 200 ms of audio the page's microphone sent. */
    public double inputLevel() {
        return ((Number) tab.call("() => riffle.audio.input.rms")).doubleValue();
    }

    /** The frequency (Hz) of the last 200 ms of audio the page received. */
    public double outputFrequency() {
        return ((Number) tab.call("() => riffle.audio.output.frequency")).doubleValue();
    }

    /**
     * Sets an input component of a Riffle page (slider, number, textbox, dropdown) found by its label, as a user
     * would: the value, then the {@code input} and {@code change} events.
     */
    public RifflePage setInput(String label, String value) {
        String component = "[label=\"" + label.replace("\\", "\\\\").replace("\"", "\\\"") + "\"]";
        tab.call("(c, v) => { const q = " + BrowserTab.QUERY + "; const el = q(c + ' input') || q(c + ' select')"
                + " || q(c + ' textarea'); el.value = v; el.dispatchEvent(new Event('input', { bubbles: true }));"
                + " el.dispatchEvent(new Event('change', { bubbles: true })); }", component, value);
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
