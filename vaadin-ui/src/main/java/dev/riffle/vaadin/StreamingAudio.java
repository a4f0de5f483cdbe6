package dev.riffle.vaadin;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.Tag;
import com.vaadin.flow.component.dependency.JsModule;

/**
 * Plays a stream's audio as it arrives, Gradio's {@code gr.Audio(streaming=True, autoplay=True)} as an output: an
 * audio handler's answer or a generator's sound, straight from the server's WebRTC track or WebSocket.
 */
@Tag("riffle-audio")
@JsModule("./riffle/riffle-audio.js")
public class StreamingAudio extends Component implements HasMediaLabel {

    public StreamingAudio() {
    }

    public StreamingAudio(String label) {
        setLabel(label);
    }
}
