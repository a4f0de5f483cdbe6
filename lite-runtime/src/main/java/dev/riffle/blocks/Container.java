package dev.riffle.blocks;

import java.util.ArrayList;
import java.util.List;

/** A layout container: Gradio's {@code Row}, {@code Column} and {@code Group}. */
public abstract class Container extends Component {
    private final List<Component> children = new ArrayList<>();

    /** Appends components, in display order. */
    @SuppressWarnings("unchecked")
    public <T extends Container> T add(Component... components) {
        for (Component c : components) {
            if (c == null) {
                throw new IllegalArgumentException("Cannot add a null component to a " + type());
            }
            children.add(c);
        }
        return (T) this;
    }

    /**
     * Puts components before the present ones, in the given order: a header (a {@link Markdown} title and
     * description) for an app made elsewhere.
     */
    @SuppressWarnings("unchecked")
    public <T extends Container> T addFirst(Component... components) {
        for (int i = components.length - 1; i >= 0; i--) {
            if (components[i] == null) {
                throw new IllegalArgumentException("Cannot add a null component to a " + type());
            }
            children.add(0, components[i]);
        }
        return (T) this;
    }

    @Override
    public List<Component> children() {
        return List.copyOf(children);
    }
}
