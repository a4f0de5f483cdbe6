package dev.riffle.server.engine;

import dev.riffle.blocks.Component;
import dev.riffle.blocks.Dropdown;
import dev.riffle.blocks.NumberField;
import dev.riffle.blocks.Slider;

/**
 * Whether a value a client sends for an additional input fits the input's component: a slider takes a finite
 * number within its range and on its steps, a dropdown one of its choices, a number field a finite number; a
 * textbox takes text, numbers and booleans (Riffle's Vaadin wiring declares every Vaadin field as one).
 */
final class InputCheck {
    private InputCheck() {
    }

    /** What is wrong with {@code value} for {@code input}, or null when it fits. */
    static String problem(Component input, Object value) {
        if (input instanceof Slider slider) {
            if (!(value instanceof Number n) || !Double.isFinite(n.doubleValue())) {
                return "a slider takes a number, got " + shown(value);
            }
            double v = n.doubleValue();
            double tolerance = 1e-9 * Math.max(1, Math.abs(slider.maximum() - slider.minimum()));
            if (v < slider.minimum() - tolerance || v > slider.maximum() + tolerance) {
                return v + " is outside the slider's range " + plain(slider.minimum()) + ".." + plain(slider.maximum());
            }
            double steps = (v - slider.minimum()) / slider.step();
            if (slider.step() > 0 && Math.abs(steps - Math.rint(steps)) > 1e-6) {
                return v + " is not on the slider's steps (" + plain(slider.minimum()) + " + k * "
                        + plain(slider.step()) + ")";
            }
            return null;
        }
        if (input instanceof Dropdown dropdown) {
            if (!(value instanceof String text) || !dropdown.choices().isEmpty()
                    && !dropdown.choices().contains(text)) {
                return "the dropdown takes one of " + dropdown.choices() + ", got " + shown(value);
            }
            return null;
        }
        if (input instanceof NumberField) {
            if (value != null && (!(value instanceof Number n) || !Double.isFinite(n.doubleValue()))) {
                return "a number field takes a finite number, got " + shown(value);
            }
            return null;
        }
        return null;
    }

    private static String shown(Object value) {
        if (value instanceof String s) {
            return "'" + (s.length() > 40 ? s.substring(0, 40) + "..." : s) + "'";
        }
        return String.valueOf(value);
    }

    private static String plain(double d) {
        return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
    }
}
