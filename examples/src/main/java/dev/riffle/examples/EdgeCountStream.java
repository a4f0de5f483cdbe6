package dev.riffle.examples;

import dev.riffle.blocks.NumberField;
import dev.riffle.blocks.Slider;
import dev.riffle.filters.Edges;
import dev.riffle.handler.AdditionalOutputs;
import dev.riffle.handler.Inputs;
import dev.riffle.handler.VideoHandlerWithOutputs;
import dev.riffle.media.VideoFrame;
import dev.riffle.server.Stream;
import java.time.Duration;

/**
 * This example shows how to:
 * <ul>
 * <li>build a FastRTC-style {@link Stream} - a handler, an additional input and an additional output - and mount it
 * on a server, as FastRTC's core-concepts page does with {@code Stream(handler, additional_inputs=[gr.Slider()],
 * additional_outputs=[gr.Number()])};</li>
 * <li>answer each frame with a picture (the edges) and a number (how many pixels are edges) through
 * {@link AdditionalOutputs};</li>
 * <li>read a slider (Canny's lower threshold; the upper one is twice that) that the user moves mid-stream.</li>
 * </ul>
 */
public final class EdgeCountStream implements VideoHandlerWithOutputs {
    private Edges edges = new Edges(100, 200);
    private int low = 100;

    /** The stream: one handler per session, up to 8 sessions at once, 60 s each before rejoining the queue. */
    public static Stream stream() {
        return Stream.video("edge-count", EdgeCountStream::new)
                .additionalInputs(Slider.of(10, 250).step(5).value(100).label("Edge threshold"))
                .additionalOutputs(NumberField.create().label("Edge pixels"))
                .concurrencyLimit(8)
                .timeLimit(Duration.ofSeconds(60))
                .streamEvery(0.1)
                .title("Edge count")
                .build();
    }

    @Override
    public AdditionalOutputs handle(VideoFrame in, VideoFrame out, Inputs inputs) {
        int threshold = (int) Math.round(inputs.number(0, 100));
        if (threshold != low) {
            low = threshold;
            edges = new Edges(low, 2.0 * low);
        }
        edges.handle(in, out, inputs);
        long count = 0;
        for (int i = 0; i < out.pixelCount(); i++) {
            count += out.pixel(i) & 1; // edge pixels are white, the rest black
        }
        return AdditionalOutputs.of(count);
    }
}
