package dev.riffle.examples.vaadin;

import com.vaadin.flow.component.page.AppShellConfigurator;
import com.vaadin.flow.component.dependency.StyleSheet;
import com.vaadin.flow.component.page.Push;
import com.vaadin.flow.server.LoadDependenciesOnStartup;
import com.vaadin.flow.theme.lumo.Lumo;

/**
 * The gallery's Vaadin app shell: the Lumo theme, and Push on, so a handler's additional outputs (a number, a transcript, a chat message)
 * reach the page as they are computed. Every view's client code loads with the first page (one bundle, no chunk per
 * route): the gallery's views share most of it, and views the production build never saw - a test's own - still
 * find the Riffle and Vaadin elements they use.
 */
@Push
@LoadDependenciesOnStartup
@StyleSheet(Lumo.STYLESHEET)
public class GalleryShell implements AppShellConfigurator {
}
