package dev.riffle.blocks;

import dev.riffle.handler.Generator;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * What {@link Image} and {@link Audio} share: their sources (a webcam, a microphone, or none for an output), the
 * {@code streaming} flag, and the stream events they start (from their source) or play (a generator's).
 */
abstract class MediaComponent extends Component {
    private final List<String> sources;
    private final String device;
    private final String sourceFactory;
    private final String outputFactory;
    private boolean streaming;
    private final List<StreamEvent> streams = new ArrayList<>();

    /**
     * @param device what the source is called in errors ("webcam image", "microphone")
     * @param sourceFactory, outputFactory the factory methods errors point to
     */
    MediaComponent(List<String> sources, String device, String sourceFactory, String outputFactory) {
        this.sources = sources;
        this.device = device;
        this.sourceFactory = sourceFactory;
        this.outputFactory = outputFactory;
    }

    final void setStreaming(boolean streaming) {
        this.streaming = streaming;
    }

    /** Whether the output plays a stream as it comes (Gradio's {@code streaming=True}). Default {@code false}. */
    public boolean isStreaming() {
        return streaming;
    }

    /** Whether {@code source} ({@code "webcam"}, {@code "microphone"}) is one of its sources. */
    public final boolean hasSource(String source) {
        return sources.contains(source);
    }

    /** Whether this component has a device of its own (webcam, microphone) that starts streams. */
    abstract boolean isSource();

    /** Adds an event this component's source starts. @throws IllegalStateException for an output */
    final StreamEvent sourceStream(Supplier<StreamEvent> event) {
        if (!isSource()) {
            throw new IllegalStateException("Only a " + device + " can start a stream; use " + sourceFactory);
        }
        StreamEvent e = event.get();
        streams.add(e);
        return e;
    }

    /** Adds a generator's stream that this output plays. @throws IllegalStateException for a source */
    final StreamEvent generatorStream(String name, Generator generator) {
        if (isSource()) {
            throw new IllegalStateException("Only an output plays a generator's stream: a " + device + " starts its"
                    + " own stream; use " + outputFactory);
        }
        StreamEvent e = StreamEvent.generator(this, name, generator);
        streams.add(e);
        return e;
    }

    List<StreamEvent> streams() {
        return List.copyOf(streams);
    }

    @Override
    void describe(Map<String, Object> out) {
        out.put("sources", sources);
        out.put("streaming", streaming);
    }
}
