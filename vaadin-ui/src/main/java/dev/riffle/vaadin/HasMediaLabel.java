package dev.riffle.vaadin;

import com.vaadin.flow.component.HasElement;

/** The text above a Riffle media element (its {@code label} attribute, read when the element renders). */
public interface HasMediaLabel extends HasElement {

    default void setLabel(String label) {
        getElement().setAttribute("label", label == null ? "" : label);
    }

    default String getLabel() {
        return getElement().getAttribute("label");
    }
}
