package dev.riffle.vaadin;

import com.vaadin.flow.component.Tag;
import com.vaadin.flow.component.dependency.JsModule;
import dev.riffle.handler.StreamHandler;
import dev.riffle.server.Stream;
import java.util.Objects;

/**
 * The microphone as a streaming input, Gradio's {@code gr.Audio(sources=["microphone"], streaming=True)} and
 * FastRTC's audio stream: 48 kHz mono chunks go to a {@link StreamHandler} on the server (over WebRTC, or the
 * WebSocket when WebRTC cannot connect), and what the handler emits plays back - in this component when it is among
 * its stream's outputs, or in a {@link StreamingAudio}.
 */
@Tag("riffle-microphone")
@JsModule("./riffle/riffle-microphone.js")
public class MicrophoneAudio extends MediaSource {

    public MicrophoneAudio() {
    }

    public MicrophoneAudio(String label) {
        setLabel(label);
    }

    /**
     * Streams microphone audio to {@code handler} on the server (FastRTC's {@code StreamHandler}, {@code ReplyOnPause});
     * every session gets its own {@link StreamHandler#copy() copy}.
     */
    public StreamWiring stream(String name, StreamHandler handler) {
        Objects.requireNonNull(handler, "handler");
        return wire(new StreamWiring(this, name, null, () -> Stream.audio(name, handler)));
    }
}
