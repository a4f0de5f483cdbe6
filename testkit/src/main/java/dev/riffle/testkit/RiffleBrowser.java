package dev.riffle.testkit;

import com.microsoft.playwright.BrowserContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.IntFunction;
import dev.riffle.media.VideoFrame;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * A JUnit 5 extension that hands each test a {@link RifflePage}: a fresh page of one headless Chromium whose fake
 * camera and microphone play what you give them - a Y4M or WAV file, or a generated scene and tone. The browser
 * starts once per test class and each test gets its own browser context (no cookies, permissions or state shared).
 *
 * <p>{@link #firefox()} and {@link #webkit()} hand out pages of Firefox (over WebDriver BiDi, see {@link Firefox}) and
 * WebKit (over WebDriver, see {@link WebKit}) instead, for pages meant for every visitor's browser. Their fake devices
 * are their own (Firefox: green frames with a counter; WebKit: a test pattern) and cannot play files or scenes: compare
 * {@link RifflePage#lastFrame()}'s output with your handler run on its input. When the browser is not installed the
 * tests are skipped with a message - or fail, with system property {@code riffle.browsers.required=true}.
 *
 * <pre>{@code
 * class SepiaPageTest {
 *     @RegisterExtension
 *     static RiffleBrowser browser = RiffleBrowser.chromium().camera(TestScenes::moving).tone(440);
 *
 *     @Test
 *     void tonesTheCamera(RifflePage page) {
 *         page.open("http://127.0.0.1:8000/");
 *         page.startWebcam();
 *         page.awaitProcessed(5);
 *         RifflePage.Frame last = page.lastFrame();
 *         // compare last.output() with your handler run on last.input() in this JVM
 *     }
 * }
 * }</pre>
 *
 * <p>{@code @ExtendWith(RiffleBrowser.class)} works too: a generated 640x480 scene ({@link TestScenes#moving(int)})
 * and a 440 Hz tone. The browser is the system's Chromium when one is found (system property
 * {@code riffle.chromium}, else {@code /usr/bin/chromium}), Playwright's own download otherwise.
 */
public final class RiffleBrowser implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback,
        AfterEachCallback, ParameterResolver {
    private static final int SCENE_FRAMES = 60;
    private static final int SCENE_FPS = 30;

    private Path cameraFile;
    private IntFunction<VideoFrame> scene = TestScenes::moving;
    private int sceneWidth = 640;
    private int sceneHeight = 480;
    private Path microphoneFile;
    private double toneHz = 440;
    private boolean devices = true;
    private final java.util.List<String> switches = new java.util.ArrayList<>();
    private final Map<String, Object> firefoxPrefs = new LinkedHashMap<>();
    private final Kind kind;
    private Chromium.Session chromium;
    private Firefox firefox;
    private WebKit webkit;
    private boolean launched;
    private boolean perTest;
    private BrowserContext context;
    private BrowserTab tab;
    private RifflePage page;

    private enum Kind {
        CHROMIUM, FIREFOX, WEBKIT
    }

    /** For {@code @ExtendWith}: Chromium, a generated scene and a 440 Hz tone. */
    public RiffleBrowser() {
        this(Kind.CHROMIUM);
    }

    private RiffleBrowser(Kind kind) {
        this.kind = kind;
    }

    /** An extension to configure and register with {@code @RegisterExtension static}: headless Chromium. */
    public static RiffleBrowser chromium() {
        return new RiffleBrowser(Kind.CHROMIUM);
    }

    /** Headless Firefox ({@code firefox-esr}; property {@code riffle.firefox} names another) with its fake devices. */
    public static RiffleBrowser firefox() {
        return new RiffleBrowser(Kind.FIREFOX);
    }

    /** WebKit (WebKitGTK's MiniBrowser on an Xvfb display, through WebKitWebDriver) with its mock devices. */
    public static RiffleBrowser webkit() {
        return new RiffleBrowser(Kind.WEBKIT);
    }

    /** Sets a Firefox preference for {@link #firefox()}, e.g. {@code javascript.options.wasm_gc} to {@code false}. */
    public RiffleBrowser pref(String name, Object value) {
        firefoxPrefs.put(name, value);
        return this;
    }

    /** The camera plays this Y4M file in a loop (see {@link Y4mWriter}). */
    public RiffleBrowser camera(Path y4m) {
        this.cameraFile = y4m;
        return this;
    }

    /** The camera plays 2 s of 640x480 frames {@code scene.apply(i)}, in a loop. */
    public RiffleBrowser camera(IntFunction<VideoFrame> scene) {
        return camera(640, 480, scene);
    }

    /** The camera plays 2 s of {@code width x height} frames {@code scene.apply(i)}, in a loop. */
    public RiffleBrowser camera(int width, int height, IntFunction<VideoFrame> scene) {
        this.scene = scene;
        this.sceneWidth = width;
        this.sceneHeight = height;
        this.cameraFile = null;
        return this;
    }

    /** The microphone plays this WAV file in a loop (16-bit PCM, see {@link WavWriter}). */
    public RiffleBrowser microphone(Path wav) {
        this.microphoneFile = wav;
        return this;
    }

    /** The microphone plays a sine tone of {@code hz} at half of full scale. */
    public RiffleBrowser tone(double hz) {
        this.toneHz = hz;
        this.microphoneFile = null;
        return this;
    }

    /** No camera or microphone at all: for "no device" pages. */
    public RiffleBrowser noDevices() {
        this.devices = false;
        return this;
    }

    /** Adds a Chromium command-line switch, e.g. {@code --lang=de} or {@code --js-flags=--expose-gc}. */
    public RiffleBrowser arg(String commandLineSwitch) {
        switches.add(commandLineSwitch);
        return this;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        launch();
    }

    @Override
    public void beforeEach(ExtensionContext extension) {
        if (!launched) {
            // registered on an instance field: a browser per test
            perTest = true;
            launch();
        }
        switch (kind) {
            case CHROMIUM -> {
                context = chromium.browser().newContext();
                page = new RifflePage(context.newPage());
            }
            case FIREFOX -> {
                tab = firefox.newTab();
                page = new RifflePage(tab);
            }
            case WEBKIT -> {
                tab = webkit.newTab();
                page = new RifflePage(tab);
            }
        }
    }

    @Override
    public void afterEach(ExtensionContext extension) {
        if (context != null) {
            context.close();
            context = null;
        }
        if (tab != null) {
            tab.close();
            tab = null;
        }
        page = null;
        if (perTest) {
            close();
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext extension) {
        Class<?> type = parameter.getParameter().getType();
        return type == RifflePage.class || type == BrowserTab.class
                || type == com.microsoft.playwright.Page.class && kind == Kind.CHROMIUM;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext extension) {
        Class<?> type = parameter.getParameter().getType();
        return type == RifflePage.class ? page : type == BrowserTab.class ? page.tab() : page.page();
    }

    /** This test's page (also given to test methods that take a {@link RifflePage} parameter). */
    public RifflePage page() {
        return page;
    }

    private void launch() {
        launched = true;
        boolean required = Boolean.getBoolean("riffle.browsers.required");
        if (kind == Kind.FIREFOX) {
            Firefox.Options options = Firefox.options();
            if (!devices) {
                options.noDevices();
            }
            firefoxPrefs.forEach(options::pref);
            Assumptions.assumeTrue(required || Firefox.available(options), () -> "No Firefox at "
                    + options.binary() + " (apt-get install firefox-esr): Firefox tests skipped");
            firefox = Firefox.launch(options);
            return;
        }
        if (kind == Kind.WEBKIT) {
            WebKit.Options options = WebKit.options();
            if (!devices) {
                options.noDevices();
            }
            Assumptions.assumeTrue(required || WebKit.available(options), () -> "No WebKitWebDriver at "
                    + options.driver() + " or no Xvfb (apt-get install webkit2gtk-driver xvfb): WebKit tests skipped");
            webkit = WebKit.launch(options);
            return;
        }
        Chromium.Options options = Chromium.options();
        if (devices) {
            try {
                Path camera = cameraFile;
                if (camera == null) {
                    camera = Files.createTempFile("riffle-camera", ".y4m");
                    camera.toFile().deleteOnExit();
                    Y4mWriter.write(camera, sceneWidth, sceneHeight, SCENE_FPS, SCENE_FRAMES, scene);
                }
                Path microphone = microphoneFile;
                if (microphone == null) {
                    microphone = Files.createTempFile("riffle-microphone", ".wav");
                    microphone.toFile().deleteOnExit();
                    new WavWriter(48_000).tone(toneHz, 0.5, 2).write(microphone);
                }
                options.camera(camera).microphone(microphone);
            } catch (IOException e) {
                throw new UncheckedIOException("Could not write the fake camera and microphone files", e);
            }
        } else {
            options.noDevices();
        }
        switches.forEach(options::arg);
        chromium = Chromium.launch(options);
    }

    private void close() {
        launched = false;
        if (chromium != null) {
            chromium.close();
            chromium = null;
        }
        if (firefox != null) {
            firefox.close();
            firefox = null;
        }
        if (webkit != null) {
            webkit.close();
            webkit = null;
        }
    }
}
