package com.safepay.security.ui;

import com.vaadin.flow.router.RouteConfiguration;
import com.vaadin.flow.server.ServiceInitEvent;
import com.vaadin.flow.server.VaadinServiceInitListener;
import org.springframework.stereotype.Component;

/**
 * Vaadin answers every address with its page (HTTP 200) and routes in the browser afterwards, so the
 * not-found view's 404 would reach only Vaadin's own request. The page itself answers 404 when its
 * address is no route, for browsers, bookmarks checkers and monitoring alike.
 */
@Component
class NotFoundStatus implements VaadinServiceInitListener {

    @Override
    public void serviceInit(ServiceInitEvent event) {
        event.addIndexHtmlRequestListener(response -> {
            String path = response.getVaadinRequest().getPathInfo();
            String route = path == null ? "" : path.replaceFirst("^/", "");
            if (RouteConfiguration.forApplicationScope().getRoute(route).isEmpty()) {
                response.getVaadinResponse().setStatus(404);
            }
        });
    }
}
