package com.safepay.security.ui;

import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.ErrorParameter;
import com.vaadin.flow.router.HasErrorParameter;
import com.vaadin.flow.router.NotFoundException;
import com.vaadin.flow.router.ParentLayout;
import jakarta.annotation.security.PermitAll;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Shown inside the shell, with HTTP 404, when a signed-in user opens a back-office address that does
 * not exist. Signed-out visitors of such an address are sent to the sign-in page instead.
 */
@ParentLayout(MainLayout.class)
@PermitAll
public class NotFoundView extends ShellErrorPage implements HasErrorParameter<NotFoundException> {

    public NotFoundView() {
        super("notFound.title");
    }

    @Override
    public int setErrorParameter(BeforeEnterEvent event, ErrorParameter<NotFoundException> parameter) {
        show(
                "not-found",
                getTranslation("notFound.message", "/" + event.getLocation().getPath()));
        return HttpServletResponse.SC_NOT_FOUND;
    }
}
