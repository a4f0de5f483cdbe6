package dev.riffle.blocks;

/** Stacks its children vertically (Gradio's {@code gr.Column}). */
public final class Column extends Container {
    /** A column holding the given components. */
    public static Column of(Component... components) {
        return new Column().add(components);
    }

    @Override
    String type() {
        return "column";
    }
}
