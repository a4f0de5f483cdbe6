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

    @Override
    public List<Component> children() {
        return List.copyOf(children);
    }
}
