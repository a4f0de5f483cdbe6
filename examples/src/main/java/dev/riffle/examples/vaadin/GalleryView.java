package dev.riffle.examples.vaadin;

import com.vaadin.flow.component.Html;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.VaadinServlet;

/**
 * The gallery's index at {@code /}: links to every demo (Lite pages, server pages, Vaadin views). The links are made
 * where the demos are mounted ({@code Gallery}) and kept in the servlet context under {@link #CONTENT}.
 */
@Route("")
@PageTitle("Riffle gallery")
public class GalleryView extends Div {
    /** The servlet-context attribute holding the index's HTML (one root element). */
    public static final String CONTENT = "dev.riffle.examples.gallery.html";

    public GalleryView() {
        Object html = VaadinServlet.getCurrent().getServletContext().getAttribute(CONTENT);
        add(new Html(html instanceof String s ? s : "<div>The gallery has no demos mounted.</div>"));
        getStyle().set("font-family", "system-ui, sans-serif").set("margin", "32px").set("max-width", "760px");
    }
}
