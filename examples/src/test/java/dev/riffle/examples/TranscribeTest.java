package dev.riffle.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.riffle.handler.AdditionalOutputs;
import dev.riffle.media.AudioChunk;
import dev.riffle.media.Resampler;
import dev.riffle.server.speech.Espeak;
import dev.riffle.server.speech.Pocketsphinx;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The seed's transcription handler with the real recogniser, fed like the server feeds it: 1 s pieces at 48 kHz,
 * the state and the transcript it returned coming back as its next inputs.
 */
class TranscribeTest {
    @Test
    void theTranscriptHasEveryPhraseOnceWhereverThePiecesAreCut() {
        Pocketsphinx sphinx = Pocketsphinx.withPhrases(Transcribe.PHRASES.toArray(String[]::new));
        Espeak voice = new Espeak("en-us", 150);
        List<String> said = List.of("open the door please", "turn on the lights", "thank you very much");
        for (int leadMs : new int[] {300, 770}) {
            List<short[]> parts = new ArrayList<>();
            parts.add(new short[leadMs * 48]);
            for (String phrase : said) {
                AudioChunk spoken = voice.say(phrase);
                parts.add(new Resampler(spoken.sampleRate(), 48_000).process(spoken.samples()));
                parts.add(new short[48_000 * 6 / 5]);
            }
            short[] all = concat(parts);

            List<AudioChunk> state = List.of();
            String transcript = "";
            for (int at = 0; at + 48_000 <= all.length; at += 48_000) {
                short[] piece = new short[48_000];
                System.arraycopy(all, at, piece, 0, piece.length);
                AdditionalOutputs out = Transcribe.transcribeHandler(sphinx, new AudioChunk(48_000, 1, piece), state,
                        transcript);
                @SuppressWarnings("unchecked")
                List<AudioChunk> next = (List<AudioChunk>) out.values().get(0);
                state = next;
                transcript = (String) out.values().get(1);
                assertEquals(Math.min(3, at / 48_000 + 1), state.size(), "the state keeps the last 3 pieces");
            }
            assertEquals("open the door please. turn on the lights. thank you very much. ", transcript,
                    "lead " + leadMs + " ms");
        }
    }

    private static short[] concat(List<short[]> parts) {
        int n = parts.stream().mapToInt(p -> p.length).sum();
        short[] all = new short[n];
        int at = 0;
        for (short[] p : parts) {
            System.arraycopy(p, 0, all, at, p.length);
            at += p.length;
        }
        return all;
    }
}
