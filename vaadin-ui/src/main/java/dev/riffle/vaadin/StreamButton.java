package dev.riffle.vaadin;

import com.vaadin.flow.component.Tag;
import com.vaadin.flow.component.dependency.JsModule;
import dev.riffle.handler.Generator;
import dev.riffle.server.Stream;
import dev.riffle.stream.Modality;
import java.util.Locale;
import java.util.Objects;

/**
 * A button that starts a server-to-client stream, FastRTC's {@code trigger=button.click} with {@code mode="receive"}:
 * pressed, a session runs the generator on the server (with the stream's input values) and what it yields plays in
 * the stream's {@link StreamingImage} or {@link StreamingAudio} outputs; pressed again, it stops. It shows the queue
 * position and the time-limit bar like a webcam or microphone, and fires the same events.
 *
 * <pre>{@code
 * StreamingAudio audio = new StreamingAudio("Stream");
 * IntegerField steps = new IntegerField("Number of Steps");
 * StreamButton generate = new StreamButton("Generate");
 * generate.stream("generation", Modality.AUDIO, in -> tone((int) in.number(0, 5))).inputs(steps).outputs(audio);
 * }</pre>
 */
@Tag("riffle-button")
@JsModule("./riffle/riffle-button.js")
public class StreamButton extends MediaSource {

    public StreamButton() {
        this("Start");
    }

    public StreamButton(String text) {
        setText(text);
    }

    /** The button's text while no stream runs (it reads "Stop" while one does). */
    public void setText(String text) {
        getElement().setAttribute("value", Objects.requireNonNull(text, "text"));
    }

    public String getText() {
        return getElement().getAttribute("value");
    }

    /**
     * Streams what {@code generator} yields - frames for {@link Modality#VIDEO}, audio chunks for
     * {@link Modality#AUDIO}, both for {@link Modality#AUDIO_VIDEO} - to this stream's outputs; runs on the server.
     */
    public StreamWiring stream(String name, Modality modality, Generator generator) {
        Objects.requireNonNull(modality, "modality");
        Objects.requireNonNull(generator, "generator");
        return wire(new StreamWiring(this, name, null, () -> Stream.receive(name, modality, generator)))
                .media(modality.name().toLowerCase(Locale.ROOT), "receive");
    }
}
