package dev.riffle.examples;

import dev.riffle.blocks.Blocks;
import dev.riffle.blocks.Placement;
import dev.riffle.server.Stream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/** The demos that have a Lite page, by the folder name they are exported under. */
public final class Demos {
    private Demos() {
    }

    /** Folder name to app, in gallery order. */
    public static Map<String, Supplier<Blocks>> lite() {
        Map<String, Supplier<Blocks>> demos = new LinkedHashMap<>();
        demos.put("simplest-echo", SimplestEcho::app);
        demos.put("realistic-image", RealisticImageDemo::app);
        demos.put("unified-image", UnifiedImageDemo::app);
        return demos;
    }

    /**
     * The same demos with their handlers on the server (placement SERVER), and the demos that run only there (audio
     * {@code StreamHandler}s), by gallery path name. Demos that need a model take it from {@code models}.
     */
    public static Map<String, Supplier<Blocks>> server(Models models) {
        Map<String, Supplier<Blocks>> demos = new LinkedHashMap<>();
        demos.put("simplest-echo", () -> SimplestEcho.app(Placement.SERVER));
        demos.put("realistic-image", () -> RealisticImageDemo.app(Placement.SERVER));
        demos.put("unified-image", () -> UnifiedImageDemo.app(Placement.SERVER));
        demos.put("echo-audio", EchoAudio::app);
        demos.put("echo-audio-video", EchoAudioVideo::app);
        demos.put("talk-back", () -> TalkBack.app(models.vad()));
        demos.put("transcribe", () -> Transcribe.app(models.speech()));
        demos.put("generate-audio", ServerToClient::audioApp);
        demos.put("generate-video", ServerToClient::videoApp);
        return demos;
    }

    /** FastRTC-style streams, by gallery path name. */
    public static Map<String, Supplier<Stream>> streams(Models models) {
        Map<String, Supplier<Stream>> streams = new LinkedHashMap<>();
        streams.put("edge-count", EdgeCountStream::stream);
        streams.put("read-text", () -> ReadTextStream.stream(models.ocr()));
        return streams;
    }
}
