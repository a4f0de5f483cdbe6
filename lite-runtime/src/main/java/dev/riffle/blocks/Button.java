package dev.riffle.blocks;

import java.util.Map;

/**
 * A button, Gradio's {@code gr.Button}: the trigger that starts a server-to-client stream (FastRTC's
 * {@code trigger=button.click}); pressed again while the stream runs, it stops it.
 */
public final class Button extends Component {
    private final String value;

    private Button(String value) {
        this.value = value;
    }

    /** A button showing {@code value}. */
    public static Button create(String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("A button needs a text");
        }
        return new Button(value);
    }

    public String value() {
        return value;
    }

    @Override
    String type() {
        return "button";
    }

    @Override
    void describe(Map<String, Object> out) {
        out.put("value", value);
    }
}
