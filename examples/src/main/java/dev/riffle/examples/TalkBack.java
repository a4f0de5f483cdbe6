package dev.riffle.examples;

import dev.riffle.audio.ReplyOnPause;
import dev.riffle.blocks.Audio;
import dev.riffle.blocks.Blocks;
import dev.riffle.blocks.Column;
import dev.riffle.blocks.Group;
import dev.riffle.server.models.SileroVad;
import java.util.stream.Stream;

/**
 * This example shows how to:
 * <ul>
 * <li>take turns with the user, FastRTC's {@code ReplyOnPause}: Silero VAD (ONNX Runtime, on the server) hears
 * when the user stops talking, and the reply function gets everything said in that turn;</li>
 * <li>reply with a stream, like a Python generator: here the turn itself, played back (FastRTC's echo quickstart);
 * a real app would yield synthesized speech chunk by chunk;</li>
 * <li>follow the turn in the page: the status line shows the handler's {@code log} messages
 * ({@code started_talking}, {@code pause_detected}, {@code response_starting}).</li>
 * </ul>
 * Talking over the reply stops it ({@code canInterrupt}, the default).
 */
public final class TalkBack {
    private TalkBack() {
    }

    public static Blocks app(SileroVad vad) {
        Audio audio = Audio.microphone().label("Stream");
        ReplyOnPause handler = new ReplyOnPause((speech, args) -> Stream.of(speech)).detector(vad.detector());
        audio.stream("talk_back", handler).inputs(audio).outputs(audio).timeLimit(60);
        return new Blocks("Reply on pause (Silero VAD echo)").add(Column.of(Group.of(audio)));
    }
}
