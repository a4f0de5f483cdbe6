package dev.riffle.blocks;

/** Shows its children as one panel with no gaps (Gradio's {@code gr.Group}). */
public final class Group extends Container {
    /** A group holding the given components. */
    public static Group of(Component... components) {
        return new Group().add(components);
    }

    @Override
    String type() {
        return "group";
    }
}
