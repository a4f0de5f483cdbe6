package dev.riffle.blocks;

import java.util.List;
import java.util.Map;

/** A choice among fixed strings (Gradio's {@code gr.Dropdown}); its value reaches a stream's handler as text. */
public final class Dropdown extends Component {
    private final List<String> choices;
    private String value;

    private Dropdown(List<String> choices) {
        if (choices.isEmpty()) {
            throw new IllegalArgumentException("A dropdown needs at least one choice");
        }
        for (String choice : choices) {
            if (choice == null || choice.isEmpty() || choice.contains(",")) {
                throw new IllegalArgumentException("Choices must be non-empty and free of commas, got '" + choice
                        + "'");
            }
        }
        this.choices = List.copyOf(choices);
        this.value = choices.get(0);
    }

    /** A dropdown with these choices; the first is selected until {@link #value(String)} says otherwise. */
    public static Dropdown of(String... choices) {
        return new Dropdown(List.of(choices));
    }

    /**
     * Selects {@code value}.
     *
     * @throws IllegalArgumentException if it is not one of the choices
     */
    public Dropdown value(String value) {
        if (!choices.contains(value)) {
            throw new IllegalArgumentException("'" + value + "' is not one of the choices " + choices);
        }
        this.value = value;
        return this;
    }

    public String value() {
        return value;
    }

    @Override
    public Object initialValue() {
        return value;
    }

    public List<String> choices() {
        return choices;
    }

    @Override
    String type() {
        return "dropdown";
    }

    @Override
    void describe(Map<String, Object> out) {
        out.put("choices", choices);
        out.put("value", value);
    }
}
