package dev.riffle.examples;

import dev.riffle.blocks.Blocks;
import dev.riffle.blocks.Markdown;
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

    /** What each demo does, in one sentence, by gallery path name: the page says it under its title. */
    static final Map<String, String> DESCRIPTIONS = Map.ofEntries(
            Map.entry("simplest-echo", "Your webcam goes to a handler that sends every frame back unchanged: the"
                    + " smallest stream there is."),
            Map.entry("realistic-image", "Your webcam through the filter you pick - cartoon, edges or flip - one"
                    + " frame every 0.1 s."),
            Map.entry("unified-image", "The webcam shows its own filtered picture in place (one component is input"
                    + " and output), with the filter chosen beside it."),
            Map.entry("echo-audio", "Speak or play a sound: a `StreamHandler` sends your microphone straight back,"
                    + " and the meter shows how loud the answer is."),
            Map.entry("echo-audio-video", "Camera and microphone into one handler over WebRTC: the picture comes"
                    + " back flipped and the sound as it was."),
            Map.entry("talk-back", "Say a sentence, then pause: Silero VAD hears the pause and the handler plays"
                    + " your turn back (FastRTC's `ReplyOnPause`)."),
            Map.entry("transcribe", "Say one of the phrases below: each second of sound goes to the recogniser and"
                    + " the words it hears join the transcript. It knows only these phrases (a Pocketsphinx"
                    + " grammar), so anything else comes out as the nearest of them:\n"
                    + "- " + String.join("\n- ", Transcribe.PHRASES)),
            Map.entry("generate-audio", "Press Generate: the server makes a 440 Hz tone, half a second per step,"
                    + " and streams it to you - no microphone needed."),
            Map.entry("generate-video", "Press Start: the server draws numbered colour-bar frames and streams"
                    + " them to you - no camera needed."),
            Map.entry("edge-count", "The edges in your webcam picture (Canny) with their threshold on a slider,"
                    + " and how many pixels are edges, counted in every frame."),
            Map.entry("read-text", "Hold printed text up to the webcam: PaddleOCR on the server finds it, boxes it"
                    + " in the picture and writes the words it read below (OCR)."));

    /** Human titles of the FastRTC-style streams (whose names are path-like), by gallery path name. */
    static final Map<String, String> STREAM_TITLES = Map.of("edge-count", "Edge count",
            "read-text", "Read text (OCR)");

    /**
     * The header a gallery page shows above its demo, as a Gradio app's Markdown: the title, what the demo does and
     * a link back to the gallery index at {@code back} (relative to the page).
     */
    public static Markdown header(String name, String title, String back) {
        String description = DESCRIPTIONS.getOrDefault(name, "");
        return Markdown.of("# " + title + "\n" + description + "\n\n[\u2190 All demos](" + back + ")")
                .elemClasses("riffle-header");
    }

    /** {@code app} with its {@link #header} on top. */
    public static Blocks withHeader(String name, Blocks app, String back) {
        return app.addFirst(header(name, app.title(), back));
    }

    /** FastRTC-style streams, by gallery path name. */
    public static Map<String, Supplier<Stream>> streams(Models models) {
        Map<String, Supplier<Stream>> streams = new LinkedHashMap<>();
        streams.put("edge-count", EdgeCountStream::stream);
        streams.put("read-text", () -> ReadTextStream.stream(models.ocr()));
        return streams;
    }
}
