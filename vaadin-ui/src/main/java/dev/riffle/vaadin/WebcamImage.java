package dev.riffle.vaadin;

import com.vaadin.flow.component.Tag;
import com.vaadin.flow.component.dependency.JsModule;
import dev.riffle.handler.AudioVideoStreamHandler;
import dev.riffle.handler.LiteHandler;
import dev.riffle.handler.VideoHandler;
import dev.riffle.handler.VideoHandlerWithOutputs;
import dev.riffle.server.Stream;
import dev.riffle.stream.Modality;
import dev.riffle.stream.Mode;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The webcam as a streaming input, Gradio's {@code gr.Image(sources=["webcam"], streaming=True)}: a Start button
 * opens the camera and every {@code streamEvery} seconds a frame goes to the handler. Put it among its own stream's
 * outputs and it shows the handler's answer in place of the camera (the seed's unified demo).
 *
 * <pre>{@code
 * WebcamImage webcam = new WebcamImage("Webcam");
 * StreamingImage output = new StreamingImage("Output");
 * Select<String> transform = new Select<>("Transformation", e -> {}, "cartoon", "edges", "flip");
 * webcam.stream(Filters.TRANSFORM).inputs(transform).outputs(output).timeLimit(Duration.ofSeconds(30));
 * }</pre>
 */
@Tag("riffle-webcam")
@JsModule("./riffle/riffle-webcam.js")
public class WebcamImage extends MediaSource {

    public WebcamImage() {
    }

    public WebcamImage(String label) {
        setLabel(label);
    }

    /** Sends the microphone too (a camera-and-microphone stream, WebRTC only). */
    public void setAudio(boolean audio) {
        getElement().setAttribute("audio", audio);
    }

    public boolean isAudio() {
        return getElement().hasAttribute("audio");
    }

    /**
     * Streams frames to a handler that has a Lite (WebAssembly) build, e.g. the built-in {@code Filters}: placement
     * {@link dev.riffle.blocks.Placement#AUTO AUTO} runs it in the browser, {@code SERVER} on the server.
     */
    public StreamWiring stream(LiteHandler handler) {
        Objects.requireNonNull(handler, "handler");
        return wire(new StreamWiring(this, handler.id(), handler.id(), () -> Stream.video(handler)));
    }

    /** Streams frames to a server-side handler shared by all sessions (a stateless function). */
    public StreamWiring stream(String name, VideoHandler handler) {
        Objects.requireNonNull(handler, "handler");
        return wire(new StreamWiring(this, name, null, () -> Stream.video(name, handler)));
    }

    /**
     * Streams the camera and the microphone together to {@code factory}'s handler on the server (FastRTC's
     * {@code modality="audio-video"}, over WebRTC only): one instance per session; it answers with frames and audio.
     */
    public StreamWiring streamWithAudio(String name, Supplier<? extends AudioVideoStreamHandler> factory) {
        Objects.requireNonNull(factory, "factory");
        setAudio(true);
        return wire(new StreamWiring(this, name, null, () -> Stream.audioVideo(name, factory)))
                .media(Modality.AUDIO_VIDEO.wire(), Mode.SEND_RECEIVE.wire());
    }

    /**
     * Streams frames to a server-side handler that may answer with additional outputs; one instance per session from
     * {@code factory}.
     */
    public StreamWiring stream(String name, Supplier<? extends VideoHandlerWithOutputs> factory) {
        Objects.requireNonNull(factory, "factory");
        return wire(new StreamWiring(this, name, null, () -> Stream.video(name, factory)));
    }
}
