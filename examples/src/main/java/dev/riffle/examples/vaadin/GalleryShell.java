package dev.riffle.examples.vaadin;

import com.vaadin.flow.component.page.AppShellConfigurator;
import com.vaadin.flow.component.page.Push;

/**
 * The gallery's Vaadin app shell: Push on, so a handler's additional outputs (a number, a transcript, a chat message)
 * reach the page as they are computed.
 */
@Push
public class GalleryShell implements AppShellConfigurator {
}
