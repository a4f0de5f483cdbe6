package dev.riffle.vaadin;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.Tag;
import com.vaadin.flow.component.dependency.JsModule;

/**
 * Shows a stream's processed frames, Gradio's {@code gr.Image(streaming=True)} as an output. The frames come straight
 * from the handler (the Lite runtime in the page, or the server's WebRTC track or WebSocket), never through Vaadin's
 * channel.
 */
@Tag("riffle-image")
@JsModule("./riffle/riffle-image.js")
public class StreamingImage extends Component implements HasMediaLabel {

    public StreamingImage() {
    }

    public StreamingImage(String label) {
        setLabel(label);
    }
}
