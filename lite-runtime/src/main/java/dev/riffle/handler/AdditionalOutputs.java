package dev.riffle.handler;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Values a handler sends to the stream's non-media outputs (a number, a textbox, a chatbot) next to its media
 * output, FastRTC's {@code AdditionalOutputs}. The values go to the outputs in the order the stream lists them.
 */
public final class AdditionalOutputs {
    private final List<Object> values;

    private AdditionalOutputs(List<Object> values) {
        this.values = Collections.unmodifiableList(values);
    }

    /** The given values, in output order. */
    public static AdditionalOutputs of(Object... values) {
        List<Object> list = new ArrayList<>(values.length);
        for (Object value : values) {
            list.add(value);
        }
        return new AdditionalOutputs(list);
    }

    /** The values, unmodifiable. */
    public List<Object> values() {
        return values;
    }

    @Override
    public String toString() {
        return "AdditionalOutputs" + values;
    }
}
