package dev.riffle.server;

import dev.riffle.server.engine.StreamCounters;
import dev.riffle.server.engine.StreamRuntime;
import dev.riffle.server.engine.StreamSession;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;
import java.util.function.ToLongFunction;

/**
 * Riffle's meters for Micrometer, per stream (tags {@code stream} - its path - and {@code name}): sessions streaming
 * and waiting, queue wait, time-limit expiries, refusals, frames and audio chunks received, processed and dropped,
 * handler time and failures, the audio backlog, WebRTC connections and their set-up time, WebSocket bytes in and out.
 * Streams mounted later (a Vaadin view's) get their meters when they are mounted.
 *
 * <pre>{@code
 * new RiffleMetrics(server).bindTo(registry);   // a RiffleServer or a RiffleMount; the Spring Boot starter does it
 * }</pre>
 *
 * Counting costs nothing more with or without a registry: the engine always counts (adders), the meters read the
 * counts when the registry asks. Needs {@code io.micrometer:micrometer-core} on the class path.
 */
public final class RiffleMetrics implements MeterBinder {
    private final StreamHost host;

    public RiffleMetrics(StreamHost host) {
        this.host = Objects.requireNonNull(host, "host");
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        host.onStream(stream -> bind(stream, registry));
    }

    private static void bind(Stream stream, MeterRegistry registry) {
        StreamRuntime runtime = stream.runtime();
        StreamCounters c = runtime.counters();
        Tags tags = Tags.of("stream", String.valueOf(runtime.path()), "name", runtime.name());
        Gauge.builder("riffle.sessions.active", runtime, r -> count(r, true))
                .description("Sessions holding a slot: their handler runs").tags(tags).register(registry);
        Gauge.builder("riffle.sessions.waiting", runtime, r -> count(r, false))
                .description("Sessions waiting in line for a slot").tags(tags).register(registry);
        counter(registry, "riffle.sessions.refused", "Sessions refused: queue full, or no queue and no free slot", tags,
                c, x -> x.sessionsRefused.sum(), null);
        counter(registry, "riffle.time.limit.expiries", "Sessions sent back to the queue by their time limit", tags,
                c, x -> x.timeLimitExpiries.sum(), null);
        counter(registry, "riffle.frames.received", "Video frames that reached the server", tags, c,
                x -> x.framesReceived.sum(), null);
        counter(registry, "riffle.frames.processed", "Video frames the handler processed", tags, c,
                x -> x.framesProcessed.sum(), null);
        counter(registry, "riffle.frames.dropped", "Video frames replaced by a newer one before the handler was free",
                tags, c, x -> x.framesDropped.sum(), null);
        counter(registry, "riffle.audio.chunks.received", "Audio chunks that reached the server", tags, c,
                x -> x.chunksReceived.sum(), null);
        counter(registry, "riffle.audio.chunks.processed", "Audio chunks the handler received", tags, c,
                x -> x.chunksProcessed.sum(), null);
        counter(registry, "riffle.handler.failures", "Handler calls that threw", tags, c,
                x -> x.handlerFailures.sum(), null);
        counter(registry, "riffle.websocket.bytes.in", "Bytes clients sent over the WebSocket transport", tags, c,
                x -> x.bytesIn.sum(), "bytes");
        counter(registry, "riffle.websocket.bytes.out", "Bytes sent to clients over the WebSocket transport", tags, c,
                x -> x.bytesOut.sum(), "bytes");
        timer(registry, "riffle.handler.time", "One handler call per frame or audio chunk", tags, c.handlerTime);
        timer(registry, "riffle.queue.wait", "From waiting in line to being admitted", tags, c.queueWait);
        timer(registry, "riffle.webrtc.setup", "From a WebRTC offer to the connection's being up", tags,
                c.webrtcSetup);
        TimeGauge.builder("riffle.handler.time.max", c.handlerTime, TimeUnit.NANOSECONDS,
                StreamCounters.Durations::maxNanos).description("The longest handler call so far").tags(tags)
                .register(registry);
        TimeGauge.builder("riffle.audio.backlog", runtime, TimeUnit.MILLISECONDS, RiffleMetrics::backlogMillis)
                .description("The largest audio backlog of any session now: audio waiting for its handler")
                .tags(tags).register(registry);
        Gauge.builder("riffle.webrtc.connections", c, x -> x.webrtcConnections.get())
                .description("WebRTC connections of the stream that are up").tags(tags).register(registry);
    }

    private static void counter(MeterRegistry registry, String name, String description, Tags tags,
            StreamCounters c, ToDoubleFunction<StreamCounters> read, String unit) {
        FunctionCounter.builder(name, c, read).description(description).baseUnit(unit).tags(tags).register(registry);
    }

    private static void timer(MeterRegistry registry, String name, String description, Tags tags,
            StreamCounters.Durations d) {
        ToLongFunction<StreamCounters.Durations> count = StreamCounters.Durations::count;
        FunctionTimer.builder(name, d, count, StreamCounters.Durations::totalNanos, TimeUnit.NANOSECONDS)
                .description(description).tags(tags).register(registry);
    }

    private static double count(StreamRuntime runtime, boolean admitted) {
        return runtime.sessions().values().stream()
                .filter(admitted ? StreamSession::isAdmitted : StreamSession::isWaiting).count();
    }

    private static double backlogMillis(StreamRuntime runtime) {
        return runtime.sessions().values().stream().mapToDouble(StreamSession::audioBacklogMillis).max().orElse(0);
    }
}
