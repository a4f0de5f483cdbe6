package dev.riffle.blocks;

import java.util.Map;

/** A number chosen on a scale (Gradio's {@code gr.Slider}); its value reaches a stream's handler as a number. */
public final class Slider extends Component {
    private final double minimum;
    private final double maximum;
    private double step = 1;
    private double value;

    private Slider(double minimum, double maximum) {
        if (!(minimum < maximum)) {
            throw new IllegalArgumentException("Slider minimum must be below maximum, got " + minimum + " and "
                    + maximum);
        }
        this.minimum = minimum;
        this.maximum = maximum;
        this.value = minimum;
    }

    /** A slider from {@code minimum} to {@code maximum}, starting at the minimum, in steps of 1. */
    public static Slider of(double minimum, double maximum) {
        return new Slider(minimum, maximum);
    }

    /**
     * The distance between selectable values.
     *
     * @throws IllegalArgumentException if not positive
     */
    public Slider step(double step) {
        if (!(step > 0)) {
            throw new IllegalArgumentException("Slider step must be positive, got " + step);
        }
        this.step = step;
        return this;
    }

    /**
     * The starting value.
     *
     * @throws IllegalArgumentException if outside [minimum, maximum]
     */
    public Slider value(double value) {
        if (!(value >= minimum && value <= maximum)) {
            throw new IllegalArgumentException("Slider value " + value + " is outside [" + minimum + ", " + maximum
                    + "]");
        }
        this.value = value;
        return this;
    }

    public double minimum() {
        return minimum;
    }

    public double maximum() {
        return maximum;
    }

    public double step() {
        return step;
    }

    public double value() {
        return value;
    }

    @Override
    public Object initialValue() {
        return value;
    }

    @Override
    String type() {
        return "slider";
    }

    @Override
    void describe(Map<String, Object> out) {
        out.put("minimum", minimum);
        out.put("maximum", maximum);
        out.put("step", step);
        out.put("value", value);
    }
}
