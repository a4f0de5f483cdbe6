package dev.riffle.examples;

import dev.riffle.blocks.Audio;
import dev.riffle.blocks.Blocks;
import dev.riffle.blocks.Column;
import dev.riffle.blocks.Group;
import dev.riffle.handler.StreamHandler;
import dev.riffle.media.AudioChunk;
import java.util.ArrayDeque;

/**
 * This example shows how to:
 * <ul>
 * <li>write a FastRTC {@link StreamHandler} - {@code receive}, {@code emit}, {@code copy} - that echoes the user's
 * microphone back (the user guide's {@code EchoHandler});</li>
 * <li>stream a microphone that also plays the answer ({@code inputs=[audio], outputs=[audio]}) with a 15 s time
 * limit, after which the stream goes back to the queue.</li>
 * </ul>
 * {@code emit()} never blocks: it returns {@code null} when nothing is ready.
 */
public final class EchoAudio extends StreamHandler {
    private final ArrayDeque<AudioChunk> queue = new ArrayDeque<>();

    @Override
    public void receive(AudioChunk chunk) {
        queue.add(chunk);
    }

    @Override
    public AudioChunk emit() {
        return queue.poll();
    }

    @Override
    public StreamHandler copy() {
        return new EchoAudio();
    }

    /** The seed's layout: a microphone in a group, streaming into itself. */
    public static Blocks app() {
        Audio audio = Audio.microphone().label("Stream");
        audio.stream("echo", new EchoAudio()).inputs(audio).outputs(audio).timeLimit(15);
        return new Blocks("Echo audio (StreamHandler)").add(Column.of(Group.of(audio)));
    }
}
