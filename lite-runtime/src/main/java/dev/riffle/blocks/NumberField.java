package dev.riffle.blocks;

import java.util.Map;

/**
 * A number (Gradio's {@code gr.Number}): as an input its value reaches the handler, as an output it shows a value
 * the handler returns in its additional outputs (e.g. a count of detections).
 */
public final class NumberField extends Component {
    private Double value;

    private NumberField() {
    }

    /** An empty number field. */
    public static NumberField create() {
        return new NumberField();
    }

    /** The value shown at first; {@code null} for none. */
    public NumberField value(Double value) {
        this.value = value;
        return this;
    }

    public Double value() {
        return value;
    }

    @Override
    public Object initialValue() {
        return value;
    }

    @Override
    String type() {
        return "number";
    }

    @Override
    void describe(Map<String, Object> out) {
        out.put("value", value);
    }
}
