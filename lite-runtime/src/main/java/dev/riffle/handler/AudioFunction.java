package dev.riffle.handler;

import dev.riffle.media.AudioChunk;

/**
 * A Gradio-style streaming audio function: called with each {@code stream_every} seconds of microphone audio and
 * the current values of the stream's other inputs; returns the values of its outputs, in order. Gradio's
 * transcription demo is {@code (audio, in) -> AdditionalOutputs.of(history, transcript + next)}.
 *
 * <p>An output that is also an input (a {@link dev.riffle.blocks.State}, a transcript box) is that input's value in
 * the next call.
 */
@FunctionalInterface
public interface AudioFunction {
    /**
     * @param audio mono, at the stream's sample rate, exactly {@code stream_every} seconds long
     * @param inputs the values of the stream's inputs after the microphone, in order
     * @return the output values, or {@code null} to leave the outputs as they are
     */
    AdditionalOutputs apply(AudioChunk audio, Inputs inputs);
}
