package dev.riffle.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import dev.riffle.media.AudioChunk;
import dev.riffle.media.Resampler;
import dev.riffle.media.Wav;
import dev.riffle.server.speech.Espeak;
import dev.riffle.testkit.Chromium;
import dev.riffle.testkit.Screenshots;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The seed's transcription demo in the gallery ({@code gr.State} keeping the last 3 chunks, {@code stream_every=1},
 * {@code time_limit=10}): Chromium's fake microphone says three phrases with espeak-ng and the page's transcript
 * must show them, recognised on the server by Pocketsphinx.
 */
class ServerTranscribeIT extends GalleryTestBase {
    static final String[] SAID = {"open the door please", "turn on the lights", "thank you very much"};

    @BeforeAll
    static void start() throws Exception {
        Path wav = Files.createTempFile("riffle-transcribe", ".wav");
        Files.write(wav, Wav.write(speech()));
        startGallery(Chromium.options().microphone(wav));
    }

    /** 0.5 s of silence, then each phrase followed by 1.2 s of silence, at 48 kHz (~9 s; Chromium loops it). */
    static AudioChunk speech() {
        Espeak espeak = new Espeak("en-us", 150);
        Resampler up = new Resampler(22_050, 48_000);
        short[] all = new short[24_000];
        for (String phrase : SAID) {
            short[] said = up.process(espeak.say(phrase).samples());
            short[] next = new short[all.length + said.length + 57_600];
            System.arraycopy(all, 0, next, 0, all.length);
            System.arraycopy(said, 0, next, all.length, said.length);
            all = next;
        }
        return new AudioChunk(48_000, 1, all);
    }


    /** The transcript box: the page's riffle-textbox, or the Vaadin text area a rendered view shows it in. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "/server/transcribe/ | webrtc | server-transcribe | riffle-textbox",
        "/server/transcribe/ | websocket | | riffle-textbox",
        "/vaadin/blocks/transcribe | webrtc | vaadin-transcribe | vaadin-text-area"})
    void theTranscriptHasTheWordsSpokenIntoTheMicrophone(String path, String transport, String screenshot,
            String transcriptBox) {
        try (BrowserContext context = chromium.browser().newContext()) {
            Page page = open(context, gallery, path + "?transport=" + transport, "riffle-microphone");
            page.waitForFunction("() => riffle.server.state === 'streaming'");
            assertEquals(transport, page.evaluate("riffle.server.transport"));
            String box = "document.querySelector('" + transcriptBox + "').value";
            page.waitForFunction("said => said.every(p => " + box + ".includes(p))", List.of(SAID),
                    new Page.WaitForFunctionOptions().setTimeout(40_000));
            String transcript = (String) page.evaluate(box);
            if (screenshot != null) {
                Screenshots.save(page, screenshot);
            }
            for (String phrase : SAID) {
                assertTrue(transcript.contains(phrase + ". "), transcript);
            }
            assertEquals(null, page.evaluate("riffle.server.outputs[0]"),
                    "the state (the last 3 chunks) stays on the server");
            assertEquals(0, ((Number) page.evaluate("riffle.stats.errors")).intValue(),
                    () -> "errors: " + page.evaluate("riffle.stats.lastError"));
            stop(page, "riffle-microphone");
        }
    }
}
