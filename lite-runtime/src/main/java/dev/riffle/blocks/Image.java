package dev.riffle.blocks;

import dev.riffle.handler.AudioVideoStreamHandler;
import dev.riffle.handler.Generator;
import dev.riffle.handler.LiteHandler;
import dev.riffle.handler.VideoHandlerWithOutputs;
import java.util.List;
import java.util.function.Supplier;

/**
 * An image: a webcam input ({@link #webcam()}, Gradio's {@code gr.Image(sources=["webcam"])}) or an output
 * ({@link #output()}); {@link #streaming(boolean)} marks an output that shows a stream of frames. A webcam image
 * starts {@link #stream stream events}; one that is also the event's output shows the processed frames in place of
 * the camera (the seed's unified demo).
 */
public final class Image extends MediaComponent {
    private Image(List<String> sources) {
        super(sources, "webcam image", "Image.webcam()", "Image.output()");
    }

    /** An image fed by the user's camera. */
    public static Image webcam() {
        return new Image(List.of("webcam"));
    }

    /**
     * An image fed by the user's camera that also sends the microphone: the input of a camera-and-microphone stream
     * ({@link #streamAudioVideo}, FastRTC's {@code modality="audio-video"}).
     */
    public static Image webcamAndMicrophone() {
        return new Image(List.of("webcam", "microphone"));
    }

    /** An image that only shows output. */
    public static Image output() {
        return new Image(List.of());
    }

    /** Whether the image shows a stream of frames (Gradio's {@code streaming=True}). Default {@code false}. */
    public Image streaming(boolean streaming) {
        setStreaming(streaming);
        return this;
    }

    public boolean isWebcam() {
        return hasSource("webcam");
    }

    @Override
    boolean isSource() {
        return isWebcam();
    }

    /**
     * Adds a stream event: every {@code streamEvery} seconds the camera's frame goes to {@code handler}, with the
     * event's other inputs. Configure it with the returned event.
     *
     * @throws IllegalStateException if this image has no webcam source
     */
    public StreamEvent stream(LiteHandler handler) {
        return sourceStream(() -> new StreamEvent(this, handler));
    }

    /**
     * Adds a stream event whose handler runs only on the server and may answer with values for non-media outputs
     * (FastRTC's {@code AdditionalOutputs}).
     *
     * @param name names the handler in the page description and in errors
     * @param factory makes one handler instance per stream session
     * @throws IllegalStateException if this image has no webcam source
     */
    public StreamEvent stream(String name, Supplier<? extends VideoHandlerWithOutputs> factory) {
        return sourceStream(() -> new StreamEvent(this, name, factory));
    }

    /**
     * Adds a camera-and-microphone stream event (FastRTC's {@code AudioVideoStreamHandler}): the handler sees the
     * camera's frames and the microphone's audio of each session and answers with both; put this image (or another)
     * and an {@link Audio#output() audio output} among the event's outputs to see and hear the answer. It runs on
     * the server over WebRTC.
     *
     * @throws IllegalStateException unless this is {@link #webcamAndMicrophone()}
     */
    public StreamEvent streamAudioVideo(String name, Supplier<? extends AudioVideoStreamHandler> factory) {
        if (!hasSource("microphone")) {
            throw new IllegalStateException("A camera-and-microphone stream starts from Image.webcamAndMicrophone()");
        }
        return sourceStream(() -> StreamEvent.audioVideo(this, name, factory));
    }

    /**
     * Adds a server-to-client stream (FastRTC's {@code mode="receive"}): when its {@link StreamEvent#trigger
     * trigger} is pressed, the server runs {@code generator} with the event's input values and this image plays what it
     * yields. Add an audio output to the event's outputs for a generator that yields both.
     *
     * <pre>{@code
     * output.stream("generate", in -> frames(in)).trigger(button).inputs(steps);
     * }</pre>
     *
     * @throws IllegalStateException if this is a webcam
     */
    public StreamEvent stream(String name, Generator generator) {
        return generatorStream(name, generator);
    }

    @Override
    String type() {
        return "image";
    }
}
