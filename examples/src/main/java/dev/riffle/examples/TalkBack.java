package dev.riffle.examples;

import dev.riffle.audio.AlgoOptions;
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
        // FastRTC's 0.6 s window: a reply ~0.5 s after speech ends, but a short gap mid-sentence does not end the
        // turn. With Riffle's faster 0.32 s default, speech that came through WebRTC's Opus codec was sometimes
        // split in two inside "the quick brown fox jumps over the lazy dog" (ServerTalkBackIT)
        ReplyOnPause handler = new ReplyOnPause((speech, args) -> Stream.of(speech)).detector(vad.detector())
                .algoOptions(AlgoOptions.fastrtc());
        audio.stream("talk_back", handler).inputs(audio).outputs(audio).timeLimit(60);
        return new Blocks("Reply on pause (Silero VAD echo)").add(Column.of(Group.of(audio)));
    }
}
