package dev.riffle.vaadin;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.HasText;
import com.vaadin.flow.component.HasValue;
import com.vaadin.flow.component.messages.MessageList;
import com.vaadin.flow.component.messages.MessageListItem;
import com.vaadin.flow.component.textfield.BigDecimalField;
import com.vaadin.flow.component.textfield.IntegerField;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Converts values between Vaadin components and handlers (which see strings, numbers, booleans and null). */
final class OutputValues {
    private OutputValues() {
    }

    /** A component's value as a handler receives it. */
    static Object toHandler(Object value) {
        if (value == null || value instanceof String || value instanceof Boolean || value instanceof Integer
                || value instanceof Long || value instanceof Double || value instanceof Float) {
            return value;
        }
        if (value instanceof Number n) {
            return n.doubleValue();
        }
        if (value instanceof Enum<?> e) {
            return e.name();
        }
        return value.toString();
    }

    /** Shows a handler's additional output values in {@code targets}, in order; extra values are ignored. */
    static void show(List<Component> targets, List<Object> values) {
        for (int i = 0; i < targets.size() && i < values.size(); i++) {
            show(targets.get(i), values.get(i));
        }
    }

    /**
     * Shows one value: a field gets it converted to its type; a {@link MessageList} (a chatbot) gets a text appended
     * as the assistant's message, or a list of {@code {role, content}} messages as its whole history; any other
     * component with text shows it as text.
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static void show(Component target, Object value) {
        if (target instanceof MessageList chat) {
            if (value instanceof List<?> messages) {
                List<MessageListItem> items = new ArrayList<>();
                for (Object m : messages) {
                    items.add(message(m));
                }
                chat.setItems(items);
            } else if (value != null) {
                List<MessageListItem> items = new ArrayList<>(chat.getItems());
                items.add(message(value));
                chat.setItems(items);
            }
        } else if (target instanceof HasValue field) {
            field.setValue(convert(field, value));
        } else if (target instanceof HasText text) {
            text.setText(value == null ? "" : String.valueOf(value));
        } else {
            throw new IllegalArgumentException(target.getClass().getSimpleName() + " cannot show a stream's output:"
                    + " use a field (HasValue), a MessageList or a component with text");
        }
    }

    private static Object convert(HasValue<?, ?> field, Object value) {
        if (value == null) {
            return field.getEmptyValue();
        }
        Object empty = field.getEmptyValue();
        if (empty instanceof String) {
            return value instanceof Double d && d == Math.rint(d) && !Double.isInfinite(d)
                    ? String.valueOf(d.longValue()) : String.valueOf(value);
        }
        if (empty instanceof Boolean) {
            return value instanceof Boolean ? value : Boolean.parseBoolean(String.valueOf(value));
        }
        if (value instanceof Number n) {
            if (field instanceof IntegerField) {
                return n.intValue();
            }
            if (field instanceof BigDecimalField) {
                return new BigDecimal(n.toString());
            }
            Object current = field.getValue();
            return current instanceof Integer ? (Object) n.intValue() : (Object) n.doubleValue();
        }
        return value;
    }

    private static MessageListItem message(Object m) {
        if (m instanceof Map<?, ?> map) {
            String role = String.valueOf(map.containsKey("role") ? map.get("role") : "assistant");
            MessageListItem item = new MessageListItem(String.valueOf(map.get("content")), Instant.now(),
                    role.equals("user") ? "You" : "Assistant");
            item.setUserColorIndex(role.equals("user") ? 1 : 2);
            return item;
        }
        MessageListItem item = new MessageListItem(String.valueOf(m), Instant.now(), "Assistant");
        item.setUserColorIndex(2);
        return item;
    }
}
