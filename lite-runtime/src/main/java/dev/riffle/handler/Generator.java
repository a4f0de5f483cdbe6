package dev.riffle.handler;

/**
 * A server-to-client stream, FastRTC's generator for {@code mode="receive"}: started by a trigger (a button) with
 * the stream's input values, it yields what the client plays - {@link dev.riffle.media.VideoFrame}s,
 * {@link dev.riffle.media.AudioChunk}s and {@link AdditionalOutputs} - and the stream ends when it is exhausted.
 *
 * <pre>{@code
 * Generator tone = in -> IntStream.range(0, (int) in.number(0, 5) * 50).mapToObj(i -> sine(440, i));
 * }</pre>
 *
 * The runtime pulls it lazily, as fast as the client plays: video at the stream's frame rate, audio at real time
 * (it stays at most 0.2 s ahead), so a generator may be endless. The stream is closed when the session ends.
 */
@FunctionalInterface
public interface Generator {
    java.util.stream.Stream<?> generate(Inputs inputs);
}
