package dev.riffle.blocks;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A declarative app, Gradio's {@code gr.Blocks}: components in layout containers, plus the stream events that wire
 * them. One definition renders as a static Lite page ({@link LiteExporter}) and as a server view.
 *
 * <pre>{@code
 * Dropdown transform = Dropdown.of("cartoon", "edges", "flip").value("flip").label("Transformation");
 * Image input = Image.webcam();
 * Image output = Image.output().streaming(true);
 * input.stream(Filters.TRANSFORM).inputs(input, transform).outputs(output).streamEvery(0.1);
 * Blocks app = new Blocks("Webcam filters").add(Row.of(Column.of(transform, input), Column.of(output)));
 * }</pre>
 */
public final class Blocks extends Container {
    private final String title;
    private String css = "";

    /** An empty app with this page title. */
    public Blocks(String title) {
        if (title == null || title.isBlank()) {
            throw new IllegalArgumentException("An app needs a title");
        }
        this.title = title;
    }

    /** Extra CSS for the page, as Gradio's {@code launch(css=...)}; target components with elem classes. */
    public Blocks css(String css) {
        this.css = css == null ? "" : css;
        return this;
    }

    public String title() {
        return title;
    }

    public String css() {
        return css;
    }

    @Override
    String type() {
        return "blocks";
    }

    /** Every component in the app, depth first, the app itself first. */
    public List<Component> components() {
        List<Component> all = new ArrayList<>();
        collect(this, all);
        return all;
    }

    private static void collect(Component c, List<Component> all) {
        all.add(c);
        for (Component child : c.children()) {
            collect(child, all);
        }
    }

    /** Every stream event of the app's webcam images, microphones and generator outputs. */
    public List<StreamEvent> streams() {
        List<StreamEvent> streams = new ArrayList<>();
        for (Component c : components()) {
            if (c instanceof MediaComponent media) {
                streams.addAll(media.streams());
            }
        }
        return streams;
    }

    /**
     * The app as the JSON-ready tree the browser's page renderer reads: {@code title}, {@code css}, {@code layout},
     * {@code streams}.
     *
     * @throws IllegalStateException if a stream names a component that is not in the app, or a component appears
     *     twice
     */
    public Map<String, Object> describe() {
        Map<Component, String> ids = new IdentityHashMap<>();
        int n = 0;
        for (Component c : components()) {
            if (ids.containsKey(c)) {
                throw new IllegalStateException("A " + c.type() + " was added to the app twice");
            }
            ids.put(c, c.elemId() != null ? c.elemId() : "component-" + n);
            n++;
        }
        Map<String, Object> app = new LinkedHashMap<>();
        app.put("title", title);
        app.put("css", css);
        app.put("layout", node(this, ids));
        List<Object> streams = new ArrayList<>();
        for (StreamEvent s : streams()) {
            Map<String, Object> m = new LinkedHashMap<>();
            if (s.trigger() == null) {
                throw new IllegalStateException("Stream '" + s.handlerId() + "' has no trigger: pass a button to"
                        + " trigger(...)");
            }
            m.put("trigger", idOf(s.trigger(), ids));
            m.put("handler", s.handlerId());
            m.putAll(s.options().clientSpec());
            m.put("inputs", s.inputs().stream().map(c -> idOf(c, ids)).toList());
            m.put("outputs", s.outputs().stream().map(c -> idOf(c, ids)).toList());
            m.put("placement", s.placement().name());
            streams.add(m);
        }
        app.put("streams", streams);
        return app;
    }

    private static String idOf(Component c, Map<Component, String> ids) {
        String id = ids.get(c);
        if (id == null) {
            throw new IllegalStateException("A stream uses a " + c.type() + " that is not in the app; add it to a"
                    + " container of the Blocks");
        }
        return id;
    }

    private static Map<String, Object> node(Component c, Map<Component, String> ids) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", c.type());
        m.put("id", ids.get(c));
        if (c.label() != null) {
            m.put("label", c.label());
        }
        if (!c.elemClasses().isEmpty()) {
            m.put("classes", c.elemClasses());
        }
        c.describe(m);
        if (c instanceof Container) {
            m.put("children", c.children().stream().map(child -> node(child, ids)).toList());
        }
        return m;
    }
}
