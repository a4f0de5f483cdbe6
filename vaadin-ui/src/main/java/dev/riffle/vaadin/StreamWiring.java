package dev.riffle.vaadin;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.HasValue;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.server.VaadinService;
import com.vaadin.flow.server.VaadinServlet;
import dev.riffle.blocks.Placement;
import dev.riffle.blocks.Textbox;
import dev.riffle.server.Stream;
import dev.riffle.server.StreamHost;
import dev.riffle.stream.Modality;
import dev.riffle.stream.Mode;
import dev.riffle.stream.StreamOptions;
import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * A stream event in a Vaadin view, Gradio's {@code webcam.stream(fn, inputs, outputs, ...)}: made by a source's
 * {@code stream(...)} and configured in the same terms.
 *
 * <ul>
 * <li>{@link #inputs} - server-side components ({@code Select}, {@code Slider}, {@code TextField}, ...) whose values
 * the handler receives after the frame or chunk; a change reaches the running session at once.</li>
 * <li>{@link #outputs} - where answers go: {@link StreamingImage} / {@link StreamingAudio} (or the source itself, the
 * unified demo) show the media, which travels straight between browser and handler; value components
 * ({@code NumberField}, {@code TextField}, {@code MessageList} as a chatbot, ...) show the handler's
 * {@code AdditionalOutputs}, updated through Vaadin Push (put {@code @Push} on your {@code AppShellConfigurator}).</li>
 * <li>{@link #placement} - {@link Placement#LITE LITE} runs the handler in the browser (WebAssembly; only handlers with
 * a Lite build), {@link Placement#SERVER SERVER} on the server behind the queue over WebRTC (WebSocket as fallback),
 * {@link Placement#AUTO AUTO} (the default) Lite when the handler has a Lite build, else the server; a browser
 * that cannot run the Lite build (no WebAssembly GC) streams to the server instead, when the app runs on a Riffle
 * server.</li>
 * <li>{@link #timeLimit}, {@link #concurrencyLimit}, {@link #concurrencyId}, {@link #streamEvery} - Gradio's.</li>
 * </ul>
 *
 * The server-side stream is mounted the first time a view showing the source attaches, under {@link #key} (by default
 * the view's class and the stream's name): every user of the view shares its queue, as every user of a Gradio app
 * shares an event's. The first declaration's limits win.
 */
public final class StreamWiring implements Serializable {
    private final MediaSource source;
    private final String name;
    private final String liteId;
    /** Makes the server-side stream; not kept when the session is serialized (the mounted stream stays by key). */
    private final transient Supplier<Stream> server;
    private final List<HasValue<?, ?>> inputs = new ArrayList<>();
    private final List<Component> outputs = new ArrayList<>();
    /** outputs a composite source (WebRtcStream) put first, kept by {@link #outputs} */
    private final List<Component> fixedOutputs = new ArrayList<>();
    private Placement placement = Placement.AUTO;
    /** the limits and rate shared with the server-side stream; modality and mode are this wiring's own */
    private final StreamOptions options = new StreamOptions(Modality.VIDEO, Mode.SEND_RECEIVE);
    private String key;
    /** FastRTC's modality and mode as the client knows them; {@code null} modality: from the source's kind */
    private String modality;
    private String mode = Mode.SEND_RECEIVE.wire();

    private transient Stream stream;
    private transient Runnable unsubscribe;

    /** A wiring whose server-side stream is {@code builder}'s with this wiring's limits, inputs and outputs. */
    StreamWiring(MediaSource source, String name, String liteId, Supplier<Stream.Builder> builder) {
        this(source, name, liteId, builder, null);
    }

    /** A wiring whose server-side stream is {@code prebuilt}'s, limits and all. */
    static StreamWiring ofStream(MediaSource source, String name, String liteId, Supplier<Stream> prebuilt) {
        return new StreamWiring(source, name, liteId, null, prebuilt);
    }

    private StreamWiring(MediaSource source, String name, String liteId, Supplier<Stream.Builder> builder,
            Supplier<Stream> prebuilt) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("A stream needs a name");
        }
        this.source = source;
        this.name = name;
        this.liteId = liteId;
        this.server = prebuilt != null ? prebuilt : () -> build(builder.get());
        source.addAttachListener(this::attached);
        source.addDetachListener(e -> cancelOutputs());
        source.addSessionStartedListener(e -> subscribeOutputs(e.getSessionId()));
        source.addStreamStoppedListener(e -> cancelOutputs());
    }

    /** Components whose values the handler receives with each frame or chunk, in order. */
    public StreamWiring inputs(HasValue<?, ?>... components) {
        inputs.clear();
        for (HasValue<?, ?> c : components) {
            inputs.add(Objects.requireNonNull(c, "input"));
            c.addValueChangeListener(e -> sendInputs());
        }
        sendInputs();
        return this;
    }

    /**
     * Where the handler's answers go, in order: media components first take the media, value components take the
     * handler's {@code AdditionalOutputs} values in order. A {@link WebRtcStream}'s own media outputs stay first.
     */
    public StreamWiring outputs(Component... components) {
        outputs.clear();
        outputs.addAll(fixedOutputs);
        for (Component c : components) {
            outputs.add(Objects.requireNonNull(c, "output"));
        }
        return this;
    }

    /** On a new wiring: makes {@code media} the first outputs, whatever {@link #outputs} is given later. */
    StreamWiring fixedOutputs(List<Component> media) {
        fixedOutputs.addAll(media);
        return outputs();
    }

    /** Where the handler runs. Default {@link Placement#AUTO}. */
    public StreamWiring placement(Placement placement) {
        Objects.requireNonNull(placement, "placement");
        if (placement == Placement.LITE && liteId == null) {
            throw new IllegalArgumentException("'" + name + "' has no Lite build: it runs on the server only"
                    + " (pass a LiteHandler, e.g. one of Filters, to run in the browser)");
        }
        this.placement = placement;
        return this;
    }

    /** How long a session may stream before it goes to the back of the line; {@code null} = no limit. */
    public StreamWiring timeLimit(Duration limit) {
        options.timeLimit(limit);
        return this;
    }

    /** Sessions served at once; further ones wait in line. {@code null} = unlimited. Default 1 (Gradio's). */
    public StreamWiring concurrencyLimit(Integer limit) {
        options.concurrencyLimit(limit);
        return this;
    }

    /** Streams with the same id share one concurrency limit. */
    public StreamWiring concurrencyId(String id) {
        options.concurrencyId(id);
        return this;
    }

    /**
     * Gradio's stream_every: the handler gets at most one frame per this many seconds, on the WebSocket (the webcam
     * captures at this interval) and over WebRTC (the server passes on the first frame of each interval). Not set:
     * the webcam captures at the camera's rate and WebRTC passes every frame, as FastRTC's component does
     * ({@link StreamOptions#streamEvery(double)}).
     */
    public StreamWiring streamEvery(double seconds) {
        options.streamEvery(seconds);
        return this;
    }

    /** Takes the options every declaration of a stream shares ({@link StreamOptions#adopt}) from {@code shared}. */
    public StreamWiring options(StreamOptions shared) {
        options.adopt(shared);
        return this;
    }

    /**
     * The key the server-side stream is mounted under ({@code /riffle/streams/<key>}): views that use the same key
     * share one stream and its queue. Default: the view's class name and the stream's name.
     */
    public StreamWiring key(String key) {
        this.key = key;
        return this;
    }

    /**
     * What the stream carries and which way, as the browser client names them: modality {@code video}, {@code audio}
     * or {@code audio_video}, mode {@code send_receive}, {@code send} or {@code receive} (a generator).
     */
    StreamWiring media(String modality, String mode) {
        this.modality = Objects.requireNonNull(modality, "modality");
        this.mode = Objects.requireNonNull(mode, "mode");
        return this;
    }

    /** {@code video}, {@code audio} or {@code audio_video}. */
    public String getModality() {
        if (modality != null) {
            return modality;
        }
        if (source instanceof MicrophoneAudio) {
            return Modality.AUDIO.wire();
        }
        return source instanceof WebcamImage w && w.isAudio() ? Modality.AUDIO_VIDEO.wire() : Modality.VIDEO.wire();
    }

    /** {@code send_receive}, {@code send} or {@code receive}. */
    public String getMode() {
        return mode;
    }

    public String getName() {
        return name;
    }

    public Placement getPlacement() {
        return placement;
    }

    /** Where the handler runs for this declaration: {@code AUTO} resolved. */
    public Placement effectivePlacement() {
        return placement == Placement.AUTO ? (liteId != null ? Placement.LITE : Placement.SERVER) : placement;
    }

    public Duration getTimeLimit() {
        return options.timeLimit();
    }

    public Integer getConcurrencyLimit() {
        return options.concurrencyLimit();
    }

    public String getConcurrencyId() {
        return options.concurrencyId();
    }

    /** How often the webcam captures a frame (the microphone sends a chunk), in seconds. */
    public double getStreamEvery() {
        return clientOptions().captureEvery();
    }

    /** The options with this wiring's modality and mode, as the client gets them. */
    private StreamOptions clientOptions() {
        return options.withModality(Modality.fromWire(getModality())).mode(Mode.fromWire(mode));
    }

    public List<HasValue<?, ?>> getInputs() {
        return List.copyOf(inputs);
    }

    public List<Component> getOutputs() {
        return List.copyOf(outputs);
    }

    /**
     * The server-side stream once mounted (after the source attached: placement SERVER, or AUTO on a Riffle server for
     * browsers without WebAssembly GC), else {@code null}.
     */
    public Stream getStream() {
        return stream;
    }

    /** The inputs' current values as the handler receives them (strings, numbers, booleans or null). */
    public List<Object> inputValues() {
        List<Object> values = new ArrayList<>();
        for (HasValue<?, ?> c : inputs) {
            values.add(OutputValues.toHandler(c.getValue()));
        }
        return values;
    }

    /** The stream event as the browser client knows it. */
    Map<String, Object> spec(String serverPath, String base) {
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("trigger", "source");
        spec.put("handler", liteId != null ? liteId : name);
        spec.putAll(clientOptions().clientSpec());
        spec.put("inputs", List.of("source"));
        List<String> ids = new ArrayList<>();
        if (outputs.contains(source)) {
            ids.add("source");
        }
        for (int n = 0; n < mediaOutputs().size(); n++) {
            ids.add("out" + n);
        }
        spec.put("outputs", ids);
        if (serverPath != null) {
            spec.put("server", serverPath);
        }
        spec.put("base", base);
        return spec;
    }

    private void attached(AttachEvent event) {
        boolean unified = outputs.contains(source);
        source.getElement().setAttribute("unified", unified);
        source.getElement().setAttribute("stream-every", String.valueOf(getStreamEvery()));
        String context = contextPath();
        StreamHost riffle = host();
        boolean onServer = effectivePlacement() == Placement.SERVER;
        // AUTO with a Lite build on a Riffle server: the server too, for a browser that cannot run the Lite bundle
        // (no WebAssembly GC)
        boolean fallback = !onServer && placement == Placement.AUTO && riffle != null;
        if (onServer || fallback) {
            stream = mount(riffle, event.getUI());
        }
        // a mounted stream's path is as the browser requests it, the context's path included
        Map<String, Object> spec = spec(onServer ? stream.path() : null, context + StreamHost.CLIENT_BASE);
        if (fallback) {
            spec.put("fallback", stream.path());
        }
        List<Object> args = new ArrayList<>();
        args.add(spec);
        for (Component c : mediaOutputs()) {
            args.add(c.getElement());
        }
        StringBuilder js = new StringBuilder("return window.riffleVaadin.wire(this, $0");
        for (int i = 1; i < args.size(); i++) {
            js.append(", $").append(i);
        }
        source.getElement().executeJs(js.append(")").toString(), args.toArray());
    }

    /** Where this Vaadin app's server-side streams run (a Riffle server, or Riffle mounted into its container). */
    private static StreamHost host() {
        return VaadinServlet.getCurrent() == null ? null
                : StreamHost.of(VaadinServlet.getCurrent().getServletContext());
    }

    private Stream mount(StreamHost riffle, UI ui) {
        if (riffle == null) {
            throw new IllegalStateException("Stream '" + name + "' runs on the server, but Riffle serves no streams"
                    + " in this Vaadin app's servlet context: on Spring Boot add riffle-spring-boot-starter; in a"
                    + " servlet container install a RiffleMount (RiffleMount.create().install(servletContext));"
                    + " standalone start the app with RiffleVaadin.server()");
        }
        return riffle.mountLive(key != null ? key : defaultKey(ui), () -> {
            if (server == null) {
                throw new IllegalStateException("Stream '" + name + "' was restored from a serialized session before"
                        + " it was ever mounted: declare it again in the view");
            }
            return server.get();
        });
    }

    /** {@code b} with this wiring's limits, and one extra input and output per input and value output. */
    private Stream build(Stream.Builder b) {
        b.options(options); // streamEvery only when chosen: else every WebRTC frame, as FastRTC's component does
        // the handler's extra inputs and outputs, as the stream's own page would show them; an output that is
        // also an input (a transcript the handler appends to) is one component, so its value feeds back
        Map<Object, dev.riffle.blocks.Component> same = new IdentityHashMap<>();
        List<dev.riffle.blocks.Component> in = new ArrayList<>();
        for (HasValue<?, ?> c : inputs) {
            in.add(same.computeIfAbsent(c, x -> Textbox.create().label(labelOf(x))));
        }
        List<dev.riffle.blocks.Component> out = new ArrayList<>();
        for (Component c : valueOutputs()) {
            out.add(same.computeIfAbsent(c, x -> Textbox.create().label(labelOf(x))));
        }
        return b.additionalInputs(in.toArray(dev.riffle.blocks.Component[]::new))
                .additionalOutputs(out.toArray(dev.riffle.blocks.Component[]::new))
                .build();
    }

    private String defaultKey(UI ui) {
        List<?> chain = ui.getInternals().getActiveRouterTargetsChain();
        String view = chain.isEmpty() ? "ui" : chain.get(0).getClass().getName();
        return (view + "." + name).replaceAll("[^A-Za-z0-9_.-]", "-");
    }

    private static String labelOf(Object component) {
        return component instanceof Component c ? c.getElement().getProperty("label", c.getClass().getSimpleName())
                : "";
    }

    private static String contextPath() {
        var request = VaadinService.getCurrentRequest();
        return request == null ? "" : request.getContextPath();
    }

    private static boolean isMedia(Component c) {
        return c instanceof StreamingImage || c instanceof StreamingAudio;
    }

    /** Outputs that play the handler's media, other than the source itself, in order ({@code out0}, ...). */
    List<Component> mediaOutputs() {
        return outputs.stream().filter(c -> c != source && isMedia(c)).toList();
    }

    /** Outputs that show values (everything but the media components). */
    List<Component> valueOutputs() {
        return outputs.stream().filter(c -> c != source && !isMedia(c)).toList();
    }

    private void sendInputs() {
        source.getElement().setPropertyList("riffleInputs", inputValues());
    }

    private void subscribeOutputs(String sessionId) {
        cancelOutputs();
        List<Component> targets = valueOutputs();
        Stream s = stream;
        if (s == null || targets.isEmpty() || sessionId == null) {
            return;
        }
        UI ui = source.getUI().orElse(null);
        if (ui == null) {
            return;
        }
        try {
            unsubscribe = s.outputStream(sessionId, outs -> ui.access(() -> OutputValues.show(targets,
                    outs.values())), () -> { });
        } catch (RuntimeException e) {
            // the session ended before we asked (a quick stop): nothing to show
        }
    }

    private void cancelOutputs() {
        Runnable u = unsubscribe;
        unsubscribe = null;
        if (u != null) {
            u.run();
        }
    }
}
