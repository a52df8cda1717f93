package com.safepay.security.ui;

import com.safepay.shared.CurrentUser;
import com.safepay.shared.Role;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.PermitAll;

/** The start page after sign-in: each role's first view. */
@Route("")
@PermitAll
public class HomeView extends Div implements BeforeEnterObserver {

    private final CurrentUser currentUser;

    public HomeView(CurrentUser currentUser) {
        this.currentUser = currentUser;
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        Role role = currentUser.require().role();
        event.forwardTo(role == Role.ADMIN ? "admin/users" : "account");
    }
}
