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
 * ReplyOnPause with Silero VAD on the server (the gallery's talk-back demo): Chromium's fake microphone plays
 * espeak-ng speech - three utterances with pauses - and the page must see one turn per utterance and hear the
 * replies. (Talking over a reply interrupts it; ReplyOnPauseTest covers that.)
 */
class ServerTalkBackIT extends GalleryTestBase {
    static final String[] UTTERANCES = {"open the door please", "the quick brown fox jumps over the lazy dog",
        "hello world"};
    static final double LEAD_SECONDS = 1.5;
    // the turn also holds ~0.7 s before and ~0.3 s after the speech, and over WebRTC (Chromium processing the mic)
    // it can run longer; a 2.0 s margin once let the third utterance interrupt the second reply in CI
    static final double GAP_SECONDS = 3.5;
    /** seconds into the file at which the last utterance ends; seconds of the speech the page counts as audible */
    static double lastEnds;
    static double audibleSeconds;

    @BeforeAll
    static void start() throws Exception {
        Path wav = Files.createTempFile("riffle-talk", ".wav");
        Files.write(wav, Wav.write(speech()));
        startGallery(Chromium.options().microphone(wav));
    }

    /** Lead silence, then each utterance followed by a gap, at 48 kHz. */
    static AudioChunk speech() {
        Espeak espeak = Espeak.defaults();
        Resampler up = new Resampler(22_050, 48_000);
        short[] all = up.process(new short[(int) (LEAD_SECONDS * 22_050)]);
        for (String u : UTTERANCES) {
            short[] said = up.process(espeak.say(u).samples());
            // the reply (the turn played back) lasts as long as the turn: the next utterance waits for it, or it
            // would interrupt it
            short[] gap = up.process(new short[(int) ((GAP_SECONDS + said.length / 48_000.0) * 22_050)]);
            short[] next = new short[all.length + said.length + gap.length];
            System.arraycopy(all, 0, next, 0, all.length);
            System.arraycopy(said, 0, next, all.length, said.length);
            lastEnds = (all.length + said.length) / 48_000.0;
            audibleSeconds += audible(said);
            all = next;
        }
        return new AudioChunk(48_000, 1, all);
    }

    /**
     * Seconds of {@code samples} (48 kHz) in 20 ms frames louder than -46 dBFS (RMS 0.005): the page's own measure
     * of audible received audio (riffle.audio.audibleSamples), applied to what was said. Only ~78% of espeak-ng's
     * clips passes it (quiet word gaps and ends).
     */
    static double audible(short[] samples) {
        double seconds = 0;
        for (int at = 0; at + 960 <= samples.length; at += 960) {
            double sum = 0;
            for (int i = at; i < at + 960; i++) {
                sum += (double) samples[i] * samples[i];
            }
            if (Math.sqrt(sum / 960) / 32768 > 0.005) {
                seconds += 0.02;
            }
        }
        return seconds;
    }


    @SuppressWarnings("unchecked")
    @ParameterizedTest
    @CsvSource({"/server/talk-back/, webrtc, server-talk-back", "/server/talk-back/, websocket, ",
        "/vaadin/blocks/talk-back, webrtc, vaadin-talk-back"})
    void oneTurnPerUtterance_andTheRepliesArrive(String path, String transport, String screenshot) {
        try (BrowserContext context = chromium.browser().newContext()) {
            Page page = context.newPage();
            page.navigate(gallery.uri().resolve(path + "?transport=" + transport).toString());
            page.waitForFunction("() => window.riffle && document.querySelector('riffle-microphone button')");
            long clicked = System.nanoTime();
            page.click("riffle-microphone button");
            page.waitForFunction("() => riffle.server.state === 'streaming'");
            assertEquals(transport, page.evaluate("riffle.server.transport"));
            page.waitForFunction("() => riffle.server.logs.filter(l => l === 'pause_detected').length >= 3",
                    null, new Page.WaitForFunctionOptions().setTimeout(45_000));
            double seconds = (System.nanoTime() - clicked) / 1e9;
            List<String> logs = (List<String>) page.evaluate("riffle.server.logs.slice(0, 9)");
            assertEquals(List.of("started_talking", "pause_detected", "response_starting",
                    "started_talking", "pause_detected", "response_starting",
                    "started_talking", "pause_detected", "response_starting"), logs,
                    "each utterance is one turn, answered once");
            assertTrue(seconds > lastEnds - 0.5, "the third turn ended with the third utterance (at " + lastEnds
                    + " s in the file), not " + seconds + " s after the click by splitting the first ones");
            // the replies (the turns played back) arrive as sound: at least 90% of what was audibly said
            page.waitForFunction("s => riffle.audio.audibleSamples / riffle.audio.sampleRate >= s",
                    audibleSeconds * 0.9, new Page.WaitForFunctionOptions().setTimeout(15_000));
            assertEquals(0, ((Number) page.evaluate("riffle.stats.errors")).intValue(),
                    () -> "errors: " + page.evaluate("riffle.stats.lastError"));
            if (screenshot != null) {
                Screenshots.save(page, screenshot);
            }
            stop(page, "riffle-microphone");
        }
    }
}
