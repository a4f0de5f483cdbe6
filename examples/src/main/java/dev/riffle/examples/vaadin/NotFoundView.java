package dev.riffle.examples.vaadin;

import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.ErrorParameter;
import com.vaadin.flow.router.NotFoundException;
import com.vaadin.flow.router.RouteNotFoundError;
import com.vaadin.flow.server.HttpStatusCode;

/**
 * What the gallery shows for an address it has no page for: a heading, the address, and the way back to the
 * gallery, in the gallery's look (Vaadin's own page is a bare "Could not navigate" line). The status stays 404.
 */
public class NotFoundView extends RouteNotFoundError {

    @Override
    public int setErrorParameter(BeforeEnterEvent event, ErrorParameter<NotFoundException> parameter) {
        getElement().removeAllChildren();
        getElement().setAttribute("class", "riffle-not-found");
        getStyle().set("font-family", "system-ui, sans-serif").set("margin", "32px").set("max-width", "760px");
        Paragraph where = new Paragraph("There is no page at /" + event.getLocation().getPath() + ".");
        Anchor back = new Anchor("./", "\u2190 Back to the gallery");
        getElement().appendChild(new H1("Page not found").getElement(), where.getElement(), back.getElement());
        return HttpStatusCode.NOT_FOUND.getCode();
    }
}
