package dev.riffle.server.speech;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.riffle.media.AudioChunk;
import org.junit.jupiter.api.Test;

/** The real recogniser on espeak-ng's voice (both installed by {@code ./dev test}). */
class PocketsphinxTest {
    private static final Pocketsphinx SPHINX = Pocketsphinx.withPhrases("hello world", "open the door please",
            "turn on the lights", "thank you very much");

    @Test
    void recognisesThePhrasesOfItsGrammarAtAnyRate() {
        Espeak voice = new Espeak("en-us", 150);
        assertEquals("open the door please", SPHINX.transcribe(voice.say("open the door please")));
        AudioChunk lights = voice.say("turn on the lights"); // 22,050 Hz
        assertEquals("turn on the lights", SPHINX.transcribe(resampled(lights, 48_000)));
        assertEquals("hello world thank you very much", SPHINX.transcribe(voice.say("hello world. thank you very much")),
                "a sequence of phrases");
    }

    @Test
    void silenceGivesNothing() {
        assertEquals("", SPHINX.transcribe(new AudioChunk(16_000, 1, new short[16_000])));
    }

    @Test
    void aWordOutsideTheDictionaryIsNamed() {
        var e = assertThrows(IllegalArgumentException.class, () -> Pocketsphinx.withPhrases("stream my webcam"));
        assertTrue(e.getMessage().contains("'webcam'"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Pocketsphinx.withPhrases("3 dogs"));
        assertEquals(java.util.List.of("hello world"), Pocketsphinx.withPhrases(" Hello  World ").phrases());
    }

    private static AudioChunk resampled(AudioChunk a, int rate) {
        return new AudioChunk(rate, 1, new dev.riffle.media.Resampler(a.sampleRate(), rate).process(a.samples()));
    }
}
