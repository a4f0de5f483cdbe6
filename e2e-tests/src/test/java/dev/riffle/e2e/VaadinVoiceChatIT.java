package dev.riffle.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import dev.riffle.media.Wav;
import dev.riffle.testkit.Chromium;
import dev.riffle.testkit.Screenshots;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Vaadin voice chat ({@code /vaadin/voice-chat}): Chromium's fake microphone says three phrases with pauses
 * (espeak-ng); ReplyOnPause hears each turn, Pocketsphinx writes it down, and the Vaadin {@code MessageList} shows the
 * greeting, then each phrase as the user's message with the assistant's answer - additional outputs through Push.
 */
class VaadinVoiceChatIT extends GalleryTestBase {

    @BeforeAll
    static void start() throws Exception {
        Path wav = Files.createTempFile("riffle-chat", ".wav");
        Files.write(wav, Wav.write(ServerTranscribeIT.speech()));
        startGallery(Chromium.options().microphone(wav));
    }

    @SuppressWarnings("unchecked")
    @Test
    void eachTurnIsWrittenDownAndAnswered_inTheMessageList() {
        try (BrowserContext context = chromium.browser().newContext()) {
            Page page = open(context, gallery, "/vaadin/voice-chat", "riffle-microphone");
            String messages = "Array.from(document.querySelectorAll('#chat vaadin-message'))"
                    + ".map(m => m.textContent.trim().replace(/\\s+/g, ' '))";
            page.waitForFunction("() => " + messages + ".length >= 7", null,
                    new Page.WaitForFunctionOptions().setTimeout(45_000));
            List<String> shown = (List<String>) page.evaluate("() => " + messages);
            assertTrue(shown.get(0).contains("Hello! Say something and pause."), "the greeting first: " + shown);
            for (int i = 0; i < 3; i++) {
                String said = ServerTranscribeIT.SAID[i];
                assertTrue(shown.get(1 + 2 * i).contains(said), "turn " + (i + 1) + " written down: " + shown);
                assertTrue(shown.get(2 + 2 * i).contains("You said \"" + said + "\""), "and answered: " + shown);
            }
            assertTrue(((Number) page.evaluate("riffle.audio.audibleSamples")).intValue() > 0,
                    "the turns were played back");
            assertEquals(0, ((Number) page.evaluate("riffle.stats.errors")).intValue(),
                    () -> "errors: " + page.evaluate("riffle.stats.lastError"));
            Screenshots.save(page, "vaadin-voice-chat");
            stop(page, "riffle-microphone");
        }
    }
}
