package dev.riffle.handler;

import java.util.ArrayList;
import java.util.List;

/**
 * The values of a stream's additional inputs for one call, in the order the stream event lists them (the media
 * input itself is not among them). Values are strings, numbers, booleans or {@code null}.
 */
public final class Inputs {
    private static final Inputs NONE = new Inputs(new ArrayList<>());

    private final List<Object> values;

    private Inputs(List<Object> values) {
        this.values = values;
    }

    /** No additional inputs. */
    public static Inputs none() {
        return NONE;
    }

    /** The given values, in order. */
    public static Inputs of(Object... values) {
        List<Object> list = new ArrayList<>(values.length);
        for (Object value : values) {
            list.add(value);
        }
        return new Inputs(list);
    }

    public int size() {
        return values.size();
    }

    /** The value at {@code index}, or {@code null} when the stream has fewer inputs. */
    public Object get(int index) {
        return index >= 0 && index < values.size() ? values.get(index) : null;
    }

    /** The value at {@code index} as text, or {@code fallback} when it is missing. */
    public String text(int index, String fallback) {
        Object value = get(index);
        return value == null ? fallback : value.toString();
    }

    /**
     * The value at {@code index} as a number, or {@code fallback} when it is missing. Text is read as a decimal
     * number: exactly as {@link Double#parseDouble} up to 18 significant digits below 2^53 and exponents within +-22
     * (beyond that within a relative 1e-14), without its general algorithm, which would grow every Lite bundle by
     * some 30 KB.
     *
     * @throws IllegalArgumentException if the value is text that is not a number
     */
    public double number(int index, double fallback) {
        Object value = get(index);
        if (value == null) {
            return fallback;
        }
        if (value instanceof Number number) {
            return number.doubleValue();
        }
        try {
            return Decimal.parse(value.toString());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Input " + index + " must be a number, got '" + value + "'");
        }
    }

    @Override
    public String toString() {
        return "Inputs" + values;
    }
}
