package dev.riffle.examples.vaadin;

import com.vaadin.flow.component.page.AppShellConfigurator;
import com.vaadin.flow.component.dependency.StyleSheet;
import com.vaadin.flow.component.page.Push;
import com.vaadin.flow.theme.lumo.Lumo;

/**
 * The gallery's Vaadin app shell: the Lumo theme, and Push on, so a handler's additional outputs (a number, a transcript, a chat message)
 * reach the page as they are computed.
 */
@Push
@StyleSheet(Lumo.STYLESHEET)
public class GalleryShell implements AppShellConfigurator {
}
