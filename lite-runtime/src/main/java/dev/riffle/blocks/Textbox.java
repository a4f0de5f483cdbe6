package dev.riffle.blocks;

import java.util.Map;

/**
 * Text (Gradio's {@code gr.Textbox}): as an output it shows what the handler's additional outputs say - a
 * transcript, the words read in a frame.
 */
public final class Textbox extends Component {
    private String value = "";
    private int lines = 1;

    private Textbox() {
    }

    /** An empty one-line text box. */
    public static Textbox create() {
        return new Textbox();
    }

    public Textbox value(String value) {
        this.value = value == null ? "" : value;
        return this;
    }

    public String value() {
        return value;
    }

    /** How many lines tall it is. Default 1. */
    public int lines() {
        return lines;
    }

    /** How many lines tall it is. */
    public Textbox lines(int lines) {
        if (lines < 1) {
            throw new IllegalArgumentException("lines must be >= 1, got " + lines);
        }
        this.lines = lines;
        return this;
    }

    @Override
    public Object initialValue() {
        return value;
    }

    @Override
    String type() {
        return "textbox";
    }

    @Override
    void describe(Map<String, Object> out) {
        out.put("value", value);
        out.put("lines", lines);
    }
}
