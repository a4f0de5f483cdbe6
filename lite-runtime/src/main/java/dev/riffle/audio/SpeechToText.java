package dev.riffle.audio;

import dev.riffle.media.AudioChunk;

/**
 * A speech recogniser: the words said in a piece of audio. Implementations decide what they can recognise (a
 * grammar, a language); the server's is {@code dev.riffle.server.speech.Pocketsphinx}.
 */
@FunctionalInterface
public interface SpeechToText {
    /**
     * The words said in {@code speech} (one utterance, at any sample rate), lower case, separated by single spaces;
     * empty when nothing was recognised.
     */
    String transcribe(AudioChunk speech);
}
