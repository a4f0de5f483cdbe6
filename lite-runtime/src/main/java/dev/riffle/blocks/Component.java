package dev.riffle.blocks;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A piece of a {@link Blocks} app: a component (image, dropdown) or a layout container. Gradio's {@code label},
 * {@code elem_id} and {@code elem_classes} are {@link #label}, {@link #elemId} and {@link #elemClasses}.
 */
public abstract class Component {
    private String label;
    private String elemId;
    private final List<String> elemClasses = new ArrayList<>();

    /** The text shown above the component. */
    @SuppressWarnings("unchecked")
    public <T extends Component> T label(String label) {
        this.label = label;
        return (T) this;
    }

    /** The HTML id; left empty, the exporter assigns {@code component-N}. */
    @SuppressWarnings("unchecked")
    public <T extends Component> T elemId(String id) {
        if (id != null && !id.matches("[A-Za-z][A-Za-z0-9_-]*")) {
            throw new IllegalArgumentException("elemId must start with a letter and hold letters, digits, '_' or"
                    + " '-', got '" + id + "'");
        }
        this.elemId = id;
        return (T) this;
    }

    /** CSS classes added to the component, for the app's {@link Blocks#css(String) css}. */
    @SuppressWarnings("unchecked")
    public <T extends Component> T elemClasses(String... classes) {
        for (String c : classes) {
            if (c == null || c.isBlank() || c.contains(" ")) {
                throw new IllegalArgumentException("A CSS class must be one word, got '" + c + "'");
            }
            elemClasses.add(c);
        }
        return (T) this;
    }

    public String label() {
        return label;
    }

    public String elemId() {
        return elemId;
    }

    public List<String> elemClasses() {
        return List.copyOf(elemClasses);
    }

    /**
     * The value this component gives a stream's handler before the user changes it (a dropdown's selection, a
     * slider's position); {@code null} for components without one.
     */
    public Object initialValue() {
        return null;
    }

    /** The type name in the exported app description, e.g. {@code "image"}. */
    abstract String type();

    /** Adds the component's own properties to its exported description. */
    void describe(Map<String, Object> out) {
    }

    /** Child components, for containers (a renderer walks them); empty for the others. */
    public List<Component> children() {
        return List.of();
    }
}
