package com.safepay.security.ui;

import com.vaadin.flow.router.AccessDeniedException;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.ErrorParameter;
import com.vaadin.flow.router.HasErrorParameter;
import com.vaadin.flow.router.ParentLayout;
import jakarta.annotation.security.PermitAll;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Shown inside the shell, with the navigation the user may use, when a signed-in user opens a view
 * their role may not see. Signed-out visitors are sent to the sign-in page before it comes to this.
 */
@ParentLayout(MainLayout.class)
@PermitAll
public class AccessDeniedView extends ShellErrorPage implements HasErrorParameter<AccessDeniedException> {

    public AccessDeniedView() {
        super("denied.title");
    }

    @Override
    public int setErrorParameter(BeforeEnterEvent event, ErrorParameter<AccessDeniedException> parameter) {
        show(null, getTranslation("denied.message"));
        return HttpServletResponse.SC_FORBIDDEN;
    }
}
