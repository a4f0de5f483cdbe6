package dev.riffle.server.bench;

import dev.riffle.filters.Flip;
import dev.riffle.handler.AdditionalOutputs;
import dev.riffle.handler.Inputs;
import dev.riffle.handler.VideoHandler;
import dev.riffle.media.VideoFrame;
import dev.riffle.server.engine.VideoPipeline;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * What the engine adds per 640x480 frame: a frame through {@link VideoPipeline} (bookkeeping, the output frame, the
 * listener call) next to the same handler called directly, for a handler that does nothing and for flip.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class PipelineBenchmark {
    private final VideoFrame frame = VideoFrame.allocate(640, 480);
    private final VideoHandler noop = (in, out, inputs) -> { };
    private final VideoHandler flip = new Flip();
    private VideoPipeline noopPipeline;
    private VideoPipeline flipPipeline;
    private Blackhole sink;

    @Setup
    public void setUp(Blackhole blackhole) {
        sink = blackhole;
        VideoPipeline.Listener consume = new VideoPipeline.Listener() {
            @Override
            public void output(long seq, VideoFrame in, VideoFrame out, AdditionalOutputs extra,
                    long startedNanos) {
                sink.consume(out);
            }
        };
        noopPipeline = new VideoPipeline(noop, Runnable::run, consume);
        flipPipeline = new VideoPipeline(flip, Runnable::run, consume);
    }

    @Benchmark
    public VideoFrame noopDirect() {
        VideoFrame out = VideoFrame.allocate(640, 480);
        noop.handle(frame, out, Inputs.none());
        return out;
    }

    @Benchmark
    public void noopThroughPipeline() {
        noopPipeline.offer(frame);
    }

    @Benchmark
    public VideoFrame flipDirect() {
        VideoFrame out = VideoFrame.allocate(640, 480);
        flip.handle(frame, out, Inputs.none());
        return out;
    }

    @Benchmark
    public void flipThroughPipeline() {
        flipPipeline.offer(frame);
    }
}
