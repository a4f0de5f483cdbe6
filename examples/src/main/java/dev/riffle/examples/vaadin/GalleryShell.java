package dev.riffle.examples.vaadin;

import com.vaadin.flow.component.dependency.StyleSheet;
import com.vaadin.flow.component.page.AppShellConfigurator;
import com.vaadin.flow.component.page.Push;
import com.vaadin.flow.server.AppShellSettings;
import com.vaadin.flow.theme.lumo.Lumo;

/**
 * The gallery's Vaadin app shell: the Lumo theme, and Push on, so a handler's additional outputs (a number, a
 * transcript, a chat message) reach the page as they are computed. Its icon is inline, as on Riffle's own pages: the
 * browser asks the server for no {@code /favicon.ico}.
 */
@Push
@StyleSheet(Lumo.STYLESHEET)
public class GalleryShell implements AppShellConfigurator {
    /** An orange dot. */
    static final String ICON = "data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 16 16'%3E"
            + "%3Ccircle cx='8' cy='8' r='7' fill='%23ea580c'/%3E%3C/svg%3E";

    @Override
    public void configurePage(AppShellSettings settings) {
        settings.addFavIcon("icon", ICON, "any");
    }
}
