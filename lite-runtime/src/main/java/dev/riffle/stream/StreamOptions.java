package dev.riffle.stream;

import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A stream's options, in one place for every way of declaring a stream: a Blocks stream event (Gradio's
 * {@code .stream(...)}), the server's {@code Stream.Builder} (FastRTC's {@code Stream}) and the Vaadin components'
 * wiring all keep their options here, check them here, and hand them to the browser through {@link #clientSpec()}.
 * The defaults are the constants below - the seeds' (Gradio's and FastRTC's) unless a demo sets its own.
 *
 * <pre>{@code StreamOptions o = new StreamOptions(Modality.VIDEO, Mode.SEND_RECEIVE)
 *     .streamEvery(0.1).timeLimit(Duration.ofSeconds(30)).concurrencyLimit(4);
 * o.check("flip", false); // what build() does: refuses options the stream's kind would ignore}</pre>
 *
 * <p>Setters check their value at once ({@link IllegalArgumentException} naming it); {@link #check} checks them
 * together against the stream's kind.
 */
public final class StreamOptions implements java.io.Serializable {
    private static final long serialVersionUID = 1L;

    /** Gradio's {@code stream_every} for a Blocks stream event that sets none, in seconds. */
    public static final double GRADIO_STREAM_EVERY = 0.5;
    /** The length of an audio chunk from the microphone, in seconds (FastRTC's 20 ms frame). */
    public static final double AUDIO_CHUNK = 0.02;
    /** Frames per second of a camera, and of a generator's video unless it sets its own. */
    public static final double DEFAULT_FPS = 30;
    /** Gradio's and FastRTC's default concurrency limit. */
    public static final int DEFAULT_CONCURRENCY_LIMIT = 1;
    /** The sample rate an audio handler receives unless set (WebRTC's Opus rate), in Hz. */
    public static final int DEFAULT_SAMPLE_RATE = 48_000;
    /** The largest frame accepted unless set, in pixels (1920x1080). */
    public static final long DEFAULT_MAX_PIXELS = 1920L * 1080;
    /** The quality of JPEG frames sent back unless set. */
    public static final float DEFAULT_JPEG_QUALITY = 0.8f;
    public static final Duration DEFAULT_HANDLER_TIMEOUT = Duration.ofSeconds(30);
    public static final Duration DEFAULT_MAX_AUDIO_BACKLOG = Duration.ofSeconds(2);
    public static final Duration DEFAULT_MAX_OUTPUT_BACKLOG = Duration.ofSeconds(60);

    /** What a stream's name may hold: it is part of URLs, keys and logs. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.:-]{1,100}");

    private final Modality modality;
    private Mode mode;
    private Double streamEvery;
    private Duration timeLimit;
    private Integer concurrencyLimit = DEFAULT_CONCURRENCY_LIMIT;
    private String concurrencyId;
    private boolean queueOverLimit = true;
    private double fps = DEFAULT_FPS;
    private int sampleRate = DEFAULT_SAMPLE_RATE;
    private long maxPixels = DEFAULT_MAX_PIXELS;
    private float jpegQuality = DEFAULT_JPEG_QUALITY;
    private Duration handlerTimeout = DEFAULT_HANDLER_TIMEOUT;
    private Duration maxAudioBacklog = DEFAULT_MAX_AUDIO_BACKLOG;
    private Duration maxOutputBacklog = DEFAULT_MAX_OUTPUT_BACKLOG;
    /** the kind-specific options set by hand, checked against the stream's kind */
    private final Set<String> set = new HashSet<>();

    public StreamOptions(Modality modality, Mode mode) {
        this.modality = Objects.requireNonNull(modality, "modality");
        this.mode = Objects.requireNonNull(mode, "mode");
    }

    /** A copy that changes independently of this one. */
    public StreamOptions copy() {
        return withModality(modality);
    }

    /** A copy for a stream of another modality ({@link #check} checks the kind-specific options again). */
    public StreamOptions withModality(Modality modality) {
        StreamOptions c = new StreamOptions(modality, mode);
        c.streamEvery = streamEvery;
        c.timeLimit = timeLimit;
        c.concurrencyLimit = concurrencyLimit;
        c.concurrencyId = concurrencyId;
        c.queueOverLimit = queueOverLimit;
        c.fps = fps;
        c.sampleRate = sampleRate;
        c.maxPixels = maxPixels;
        c.jpegQuality = jpegQuality;
        c.handlerTimeout = handlerTimeout;
        c.maxAudioBacklog = maxAudioBacklog;
        c.maxOutputBacklog = maxOutputBacklog;
        c.set.addAll(set);
        return c;
    }

    /**
     * Takes from {@code other} the options every way of declaring a stream shares - {@code streamEvery} (when set),
     * the time limit, the concurrency limit and group - leaving this stream's kind and kind-specific options.
     */
    public StreamOptions adopt(StreamOptions other) {
        if (other.streamEvery != null) {
            this.streamEvery = other.streamEvery;
        }
        this.timeLimit = other.timeLimit;
        this.concurrencyLimit = other.concurrencyLimit;
        this.concurrencyId = other.concurrencyId;
        for (String chosen : new String[] {"timeLimit", "concurrencyLimit"}) {
            if (other.set.contains(chosen)) {
                set.add(chosen);
            } else {
                set.remove(chosen);
            }
        }
        return this;
    }

    public Modality modality() {
        return modality;
    }

    public Mode mode() {
        return mode;
    }

    /** Which way media flows; {@link #check} refuses a mode that does not fit the stream's kind. */
    public StreamOptions mode(Mode mode) {
        this.mode = Objects.requireNonNull(mode, "mode");
        return this;
    }

    /**
     * Gradio's {@code stream_every}: the handler gets at most one frame (the latest) per this many seconds. The
     * browser captures at this interval (or sends audio in chunks this long); over WebRTC the camera's track runs at
     * its own rate and the server passes the first frame of each interval. Not set (the default of FastRTC's
     * {@code Stream}): every frame over WebRTC, and the camera's rate ({@link #DEFAULT_FPS}) on the WebSocket.
     *
     * @throws IllegalArgumentException unless {@code 0 < seconds <= 60}
     */
    public StreamOptions streamEvery(double seconds) {
        if (!(seconds > 0 && seconds <= 60)) {
            throw new IllegalArgumentException("streamEvery must be in (0, 60] seconds, got " + seconds);
        }
        this.streamEvery = seconds;
        return this;
    }

    /** The {@link #streamEvery(double)} set, or {@code null}: every frame. */
    public Double streamEvery() {
        return streamEvery;
    }

    /** How often the browser captures a frame or sends a chunk: {@link #streamEvery()}, else the camera's rate. */
    public double captureEvery() {
        if (streamEvery != null) {
            return streamEvery;
        }
        return modality == Modality.AUDIO ? AUDIO_CHUNK : 1 / DEFAULT_FPS;
    }

    /** How often a WebRTC session's camera frame goes to the handler: {@link Duration#ZERO} = every frame. */
    public Duration webRtcFrameInterval() {
        return streamEvery == null ? Duration.ZERO : Duration.ofNanos(Math.round(streamEvery * 1e9));
    }

    /**
     * How long a session may hold a slot (wall-clock, never queue time) before it rejoins the back of the line;
     * {@code null} (the default) = no limit.
     *
     * @throws IllegalArgumentException if zero or negative
     */
    public StreamOptions timeLimit(Duration limit) {
        if (limit != null && (limit.isNegative() || limit.isZero())) {
            throw new IllegalArgumentException("timeLimit must be positive or null, got " + limit);
        }
        this.timeLimit = limit;
        set.add("timeLimit");
        return this;
    }

    /**
     * A server's default for streams that chose no time limit of their own (a Spring Boot app's
     * {@code riffle.default-time-limit}); a stream's own choice, {@code null} included, stays.
     */
    public StreamOptions defaultTimeLimit(Duration limit) {
        if (!set.contains("timeLimit")) {
            timeLimit(limit);
            set.remove("timeLimit");
        }
        return this;
    }

    /** A server's default for streams that chose no concurrency limit of their own; their own choice stays. */
    public StreamOptions defaultConcurrencyLimit(Integer limit) {
        if (!set.contains("concurrencyLimit")) {
            concurrencyLimit(limit);
            set.remove("concurrencyLimit");
        }
        return this;
    }

    public Duration timeLimit() {
        return timeLimit;
    }

    /** {@link #timeLimit()} in seconds, {@code null} for none: the wire's form. */
    public Double timeLimitSeconds() {
        return timeLimit == null ? null : timeLimit.toMillis() / 1000.0;
    }

    /**
     * Streams served at once in the stream's concurrency group; further ones wait in line. {@code null} = unlimited.
     * Default {@value #DEFAULT_CONCURRENCY_LIMIT}.
     *
     * @throws IllegalArgumentException if below 1
     */
    public StreamOptions concurrencyLimit(Integer limit) {
        if (limit != null && limit < 1) {
            throw new IllegalArgumentException("concurrencyLimit must be at least 1, or null for no limit, got "
                    + limit);
        }
        this.concurrencyLimit = limit;
        set.add("concurrencyLimit");
        return this;
    }

    public Integer concurrencyLimit() {
        return concurrencyLimit;
    }

    /** Streams with the same id share one concurrency limit; {@code null} (the default) = the stream's own. */
    public StreamOptions concurrencyId(String id) {
        this.concurrencyId = id == null || id.isBlank() ? null : id;
        return this;
    }

    public String concurrencyId() {
        return concurrencyId;
    }

    /**
     * What happens to a session over the concurrency limit: {@code true} (the default) - it waits in line with its
     * position and ETA shown; {@code false} - it is refused at once with {@code concurrency_limit_reached}, as
     * FastRTC refuses.
     */
    public StreamOptions queueOverLimit(boolean queue) {
        this.queueOverLimit = queue;
        return this;
    }

    public boolean queueOverLimit() {
        return queueOverLimit;
    }

    /**
     * Frames per second a generator's video goes out at (it is pulled no faster). Default {@value #DEFAULT_FPS}.
     *
     * @throws IllegalArgumentException unless {@code 0 < fps <= 120}
     */
    public StreamOptions fps(double fps) {
        if (!(fps > 0 && fps <= 120)) {
            throw new IllegalArgumentException("fps must be in (0, 120], got " + fps);
        }
        this.fps = fps;
        set.add("fps");
        return this;
    }

    public double fps() {
        return fps;
    }

    /**
     * The sample rate the audio handler receives, in Hz; chunks at other rates are resampled. Default 48000
     * (WebRTC's Opus rate); speech recognisers often want 16000.
     *
     * @throws IllegalArgumentException outside 8000..96000
     */
    public StreamOptions sampleRate(int hz) {
        if (hz < 8000 || hz > 96_000) {
            throw new IllegalArgumentException("sampleRate must be 8000..96000 Hz, got " + hz);
        }
        this.sampleRate = hz;
        set.add("sampleRate");
        return this;
    }

    public int sampleRate() {
        return sampleRate;
    }

    /** The largest frame accepted, in pixels (it bounds a frame message's size). Default 1920x1080. */
    public StreamOptions maxPixels(long pixels) {
        if (pixels < 1) {
            throw new IllegalArgumentException("maxPixels must be positive, got " + pixels);
        }
        this.maxPixels = pixels;
        set.add("maxPixels");
        return this;
    }

    public long maxPixels() {
        return maxPixels;
    }

    /** Quality of the JPEG frames sent back, 0..1. Default 0.8. */
    public StreamOptions jpegQuality(double quality) {
        if (!(quality > 0 && quality <= 1)) {
            throw new IllegalArgumentException("jpegQuality must be in (0, 1], got " + quality);
        }
        this.jpegQuality = (float) quality;
        set.add("jpegQuality");
        return this;
    }

    public float jpegQuality() {
        return jpegQuality;
    }

    /** A handler call running longer ends its session (its thread cannot be reclaimed). Default 30 s. */
    public StreamOptions handlerTimeout(Duration timeout) {
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("handlerTimeout must be positive, got " + timeout);
        }
        this.handlerTimeout = timeout;
        return this;
    }

    public Duration handlerTimeout() {
        return handlerTimeout;
    }

    /**
     * How far an audio handler may fall behind the microphone, in audio time; beyond it the stream ends with a clear
     * error instead of growing memory or skipping speech. Default 2 s.
     */
    public StreamOptions maxAudioBacklog(Duration backlog) {
        if (backlog == null || backlog.isNegative() || backlog.isZero()) {
            throw new IllegalArgumentException("maxAudioBacklog must be positive, got " + backlog);
        }
        this.maxAudioBacklog = backlog;
        set.add("maxAudioBacklog");
        return this;
    }

    public Duration maxAudioBacklog() {
        return maxAudioBacklog;
    }

    /**
     * How much of the handler's own audio may wait to be played (audio goes out in real time): a handler that emits
     * faster than real time for longer ends its stream with {@code output_backlog}. Default 60 s.
     */
    public StreamOptions maxOutputBacklog(Duration backlog) {
        if (backlog == null || backlog.isNegative() || backlog.isZero()) {
            throw new IllegalArgumentException("maxOutputBacklog must be positive, got " + backlog);
        }
        this.maxOutputBacklog = backlog;
        set.add("maxOutputBacklog");
        return this;
    }

    public Duration maxOutputBacklog() {
        return maxOutputBacklog;
    }

    /**
     * Checks the options together against the stream's kind: a setting the stream would silently ignore is refused
     * here rather than at its first session.
     *
     * @param name the stream's name
     * @param generator whether a generator makes the stream's media (mode receive)
     * @throws IllegalArgumentException naming the setting and what the stream is, for a name with characters other
     *     than letters, digits, {@code - _ . :}; a mode that does not fit ({@code RECEIVE} without a generator, or a
     *     generator that is not {@code RECEIVE}); {@code fps} on a stream that is not a video generator;
     *     {@code sampleRate} or {@code maxAudioBacklog} without microphone audio; {@code maxPixels} or
     *     {@code jpegQuality} on an audio-only stream
     */
    public void check(String name, boolean generator) {
        if (name == null || !NAME.matcher(name).matches()) {
            String shown = name == null ? "" : name;
            throw new IllegalArgumentException("Stream name '" + shown + "' may only hold letters, digits, '-',"
                    + " '_', '.' and ':' (it appears in URLs, keys and logs): e.g. '"
                    + shown.trim().replaceAll("[^A-Za-z0-9_.:-]+", "-") + "'");
        }
        if (generator != (mode == Mode.RECEIVE)) {
            throw new IllegalArgumentException(generator
                    ? "A generator's stream only sends to the client (mode RECEIVE); '" + name + "' is " + mode.wire()
                    : "A RECEIVE stream needs a generator; '" + name + "' has a handler of the client's media");
        }
        String kind = modality.wire() + (generator ? " generator (mode receive)" : " stream");
        if (set.contains("fps") && !(generator && modality != Modality.AUDIO)) {
            throw new IllegalArgumentException("fps(...) sets a video generator's frame rate; '" + name + "' is a "
                    + kind + (generator ? "" : ": the camera sets the rate (use streamEvery to take fewer frames)"));
        }
        boolean microphone = !generator && modality != Modality.VIDEO;
        for (String audioOnly : List.of("sampleRate", "maxAudioBacklog")) {
            if (set.contains(audioOnly) && !microphone) {
                throw new IllegalArgumentException(audioOnly + "(...) applies to the microphone's audio; '" + name
                        + "' is a " + kind);
            }
        }
        for (String videoOnly : List.of("maxPixels", "jpegQuality")) {
            if (set.contains(videoOnly) && modality == Modality.AUDIO) {
                throw new IllegalArgumentException(videoOnly + "(...) applies to video frames; '" + name + "' is a "
                        + kind);
            }
        }
    }

    /**
     * The options as the browser client reads them (one writer for every host: Lite pages, stream pages, Vaadin):
     * {@code modality}, {@code mode}, {@code streamEvery} (the capture interval, {@link #captureEvery()}),
     * {@code timeLimit} (seconds or null), {@code concurrencyLimit}, {@code concurrencyId}.
     */
    public Map<String, Object> clientSpec() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("modality", modality.wire());
        m.put("mode", mode.wire());
        m.put("streamEvery", captureEvery());
        m.put("timeLimit", timeLimitSeconds());
        m.put("concurrencyLimit", concurrencyLimit);
        m.put("concurrencyId", concurrencyId);
        return m;
    }
}
