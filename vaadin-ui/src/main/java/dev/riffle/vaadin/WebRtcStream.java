package dev.riffle.vaadin;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.Composite;
import com.vaadin.flow.component.html.Div;
import dev.riffle.server.Stream;
import dev.riffle.stream.Modality;
import dev.riffle.stream.Mode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * FastRTC's {@code WebRTC(modality=..., mode=...)} component in a Vaadin view: say what the stream carries and which
 * way, and it shows the elements that combination needs, wired to a server-side {@link Stream} built as for
 * {@code RiffleServer} (the handler runs on the server behind the queue, over WebRTC with the WebSocket as
 * fallback).
 *
 * <table>
 * <caption>What it shows</caption>
 * <tr><th></th><th>{@code SEND_RECEIVE}</th><th>{@code SEND}</th><th>{@code RECEIVE}</th></tr>
 * <tr><td>{@code VIDEO}</td><td>the webcam, showing the handler's frames in place</td><td>the webcam</td>
 * <td>a Start button and the video</td></tr>
 * <tr><td>{@code AUDIO}</td><td>the microphone, playing the handler's audio</td><td>the microphone</td>
 * <td>a Start button and the audio</td></tr>
 * <tr><td>{@code AUDIO_VIDEO}</td><td>webcam and microphone, the handler's frames in place and its audio in a
 * player</td><td>webcam and microphone</td><td>a Start button, the video and the audio</td></tr>
 * </table>
 *
 * <pre>{@code
 * WebRtcStream rtc = new WebRtcStream("Stream", Modality.VIDEO, Mode.SEND_RECEIVE);
 * rtc.stream(Stream.video("flip", new Flip())).timeLimit(Duration.ofSeconds(60));
 *
 * WebRtcStream talk = new WebRtcStream("Talk", Modality.AUDIO, Mode.SEND_RECEIVE);
 * talk.stream(Stream.audio("echo", new ReplyOnPause((speech, args) -> Stream.of(speech))));
 * }</pre>
 *
 * Value components (a {@code TextArea} for a transcript, a {@code MessageList} chatbot) go in
 * {@link StreamWiring#outputs}: they show the handler's additional outputs beside the media, which stays wired.
 */
public class WebRtcStream extends Composite<Div> {
    private final Modality modality;
    private final Mode mode;
    private final MediaSource source;
    /** where the handler's media shows or plays, the source first when it shows the answer in place */
    private final List<Component> media = new ArrayList<>();

    public WebRtcStream(Modality modality, Mode mode) {
        this("Stream", modality, mode);
    }

    public WebRtcStream(String label, Modality modality, Mode mode) {
        this.modality = Objects.requireNonNull(modality, "modality");
        this.mode = Objects.requireNonNull(mode, "mode");
        getContent().addClassName("riffle-webrtc-stream");
        if (mode == Mode.RECEIVE) {
            source = new StreamButton("Start");
            if (modality != Modality.AUDIO) {
                media.add(new StreamingImage(label));
            }
            if (modality != Modality.VIDEO) {
                media.add(new StreamingAudio(modality == Modality.AUDIO ? label : "Audio"));
            }
            media.forEach(getContent()::add);
            getContent().add(source);
            return;
        }
        if (modality == Modality.AUDIO) {
            source = new MicrophoneAudio(label);
        } else {
            WebcamImage webcam = new WebcamImage(label);
            webcam.setAudio(modality == Modality.AUDIO_VIDEO);
            source = webcam;
        }
        getContent().add(source);
        if (mode == Mode.SEND_RECEIVE) {
            media.add(source);
            if (modality == Modality.AUDIO_VIDEO) {
                StreamingAudio answer = new StreamingAudio("Audio");
                media.add(answer);
                getContent().add(answer);
            }
        }
    }

    /**
     * Wires this component to {@code stream}: a handler's stream ({@code Stream.video}, {@code Stream.audio},
     * {@code Stream.audioVideo}) for {@code SEND_RECEIVE} and {@code SEND} - its mode is set to this component's -, a
     * generator's ({@code Stream.receive}) for {@code RECEIVE}. Limits, inputs and value outputs are set on the
     * returned wiring, as for a webcam's or microphone's stream.
     *
     * @throws IllegalArgumentException when {@code stream} carries another modality, or is (or is not) a generator's
     *     stream where this component's mode says otherwise
     */
    public StreamWiring stream(Stream.Builder stream) {
        Objects.requireNonNull(stream, "stream");
        if (stream.modality() != modality) {
            throw new IllegalArgumentException("This WebRtcStream carries " + modality + ", the stream '"
                    + stream.name() + "' " + stream.modality());
        }
        if ((mode == Mode.RECEIVE) != (stream.mode() == Mode.RECEIVE)) {
            throw new IllegalArgumentException(mode == Mode.RECEIVE
                    ? "A RECEIVE WebRtcStream plays a generator: use Stream.receive(name, modality, generator)"
                    : "'" + stream.name() + "' is a generator's stream: make the WebRtcStream with Mode.RECEIVE");
        }
        if (mode != Mode.RECEIVE) {
            stream.mode(mode);
        }
        StreamWiring wiring = source.wire(new StreamWiring(source, stream.name(), null, () -> stream))
                .media(modality.name().toLowerCase(Locale.ROOT), mode.name().toLowerCase(Locale.ROOT));
        return wiring.fixedOutputs(media);
    }

    public Modality getModality() {
        return modality;
    }

    public Mode getMode() {
        return mode;
    }

    /** The element that starts and stops the stream: a {@link WebcamImage}, {@link MicrophoneAudio} or {@link StreamButton}. */
    public MediaSource getSource() {
        return source;
    }

    /** The components that show or play the handler's media, in order (the source itself when it shows it in place). */
    public List<Component> getMediaOutputs() {
        return List.copyOf(media);
    }

    /** The stream this component triggers, or {@code null} before {@link #stream}. */
    public StreamWiring getStreamWiring() {
        return source.getStreamWiring();
    }
}
