package dev.riffle.examples.vaadin;

import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.NotFoundException;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.VaadinServlet;
import dev.riffle.blocks.Blocks;
import dev.riffle.blocks.Markdown;
import dev.riffle.vaadin.BlocksRenderer;
import java.util.Map;
import java.util.function.Supplier;

/**
 * This example shows how to:
 * <ul>
 * <li>render any Blocks app of the gallery as a Vaadin view with {@link BlocksRenderer}: the same definition that
 * exports a Lite page and serves a Riffle page ({@code /vaadin/blocks/<demo>});</li>
 * <li>keep each app's streams, limits and placement: server demos run behind the queue, Lite ones in the browser.</li>
 * </ul>
 * The gallery keeps its apps in the servlet context under {@link #APPS}.
 */
@Route("vaadin/blocks/:demo")
public class BlocksDemoView extends VerticalLayout implements BeforeEnterObserver, HasDynamicTitle {
    /** The servlet-context attribute holding the gallery's Blocks apps by name. */
    public static final String APPS = "dev.riffle.examples.gallery.blocks";
    private String title = "Riffle";

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        String demo = event.getRouteParameters().get("demo").orElse("");
        @SuppressWarnings("unchecked")
        Map<String, Supplier<Blocks>> apps = (Map<String, Supplier<Blocks>>) VaadinServlet.getCurrent()
                .getServletContext().getAttribute(APPS);
        Supplier<Blocks> app = apps == null ? null : apps.get(demo);
        if (app == null) {
            throw new NotFoundException("No demo '" + demo + "' in the gallery");
        }
        Blocks blocks = app.get();
        title = blocks.title() + " (Vaadin)";
        removeAll();
        // the app's own Markdown header (the gallery puts one on every demo) is its heading
        boolean headed = !blocks.children().isEmpty() && blocks.children().getFirst() instanceof Markdown;
        if (!headed) {
            add(new H2(blocks.title()));
        }
        add(BlocksRenderer.render(blocks, "gallery.blocks." + demo));
    }

    @Override
    public String getPageTitle() {
        return title;
    }
}
