package dev.riffle.examples;

import dev.riffle.audio.SpeechToText;
import dev.riffle.audio.Utterances;
import dev.riffle.blocks.Audio;
import dev.riffle.blocks.Blocks;
import dev.riffle.blocks.Column;
import dev.riffle.blocks.Row;
import dev.riffle.blocks.State;
import dev.riffle.blocks.Textbox;
import dev.riffle.handler.AdditionalOutputs;
import dev.riffle.media.AudioChunk;
import java.util.ArrayList;
import java.util.List;

/**
 * This example shows how to:
 * <ul>
 * <li>stream the microphone to a plain function every second (Gradio's {@code stream_every=1}) with a 10 s time
 * limit - the seed's transcription demo;</li>
 * <li>keep per-user state between calls with {@link State} (Gradio's {@code gr.State}): the last 3 chunks, so an
 * utterance that started in an earlier chunk is transcribed whole;</li>
 * <li>grow a transcript: the textbox is an input and an output, so each call gets the text so far.</li>
 * </ul>
 * The recogniser is behind {@link SpeechToText}; the gallery uses Pocketsphinx with a grammar of {@link #PHRASES}.
 */
public final class Transcribe {
    /** What the gallery's recogniser can hear (Pocketsphinx recognises only the phrases of its grammar). */
    public static final List<String> PHRASES = List.of("hello world", "open the door please",
            "the quick brown fox jumps over the lazy dog", "turn on the lights", "what time is it",
            "stream my camera to java", "good morning", "thank you very much");

    private static final Utterances UTTERANCES = Utterances.defaults();

    private Transcribe() {
    }

    /**
     * The seed's {@code transcribe_handler}: the words of the utterances that ended in this chunk, with the
     * previous chunks as history, appended to the transcript; the chunk joins the state, which keeps the last 3.
     */
    static AdditionalOutputs transcribeHandler(SpeechToText speech, AudioChunk current, List<AudioChunk> state,
            String transcript) {
        String next = transcribe(speech, current, state);
        List<AudioChunk> kept = new ArrayList<>(state);
        kept.add(current);
        if (kept.size() > 3) {
            kept = new ArrayList<>(kept.subList(kept.size() - 3, kept.size()));
        }
        return AdditionalOutputs.of(List.copyOf(kept), transcript + next);
    }

    private static String transcribe(SpeechToText speech, AudioChunk current, List<AudioChunk> history) {
        StringBuilder text = new StringBuilder();
        for (AudioChunk utterance : UTTERANCES.endingIn(current, history)) {
            String words = speech.transcribe(utterance);
            if (!words.isEmpty()) {
                text.append(words).append(". ");
            }
        }
        return text.toString();
    }

    @SuppressWarnings("unchecked")
    public static Blocks app(SpeechToText speech) {
        Audio mic = Audio.microphone().label("Microphone");
        State state = State.of(List.of());
        Textbox transcript = Textbox.create().lines(4).label("Transcript");
        mic.stream("transcribe", (audio, in) -> transcribeHandler(speech, audio, (List<AudioChunk>) in.get(0),
                        in.text(1, "")))
                .inputs(mic, state, transcript)
                .outputs(state, transcript)
                .timeLimit(10)
                .streamEvery(1);
        return new Blocks("Transcription (State, stream_every=1)")
                .add(Row.of(Column.of(mic, state), Column.of(transcript)));
    }
}
