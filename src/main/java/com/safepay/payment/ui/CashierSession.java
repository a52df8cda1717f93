package com.safepay.payment.ui;

import com.vaadin.flow.server.VaadinSession;
import java.util.Optional;

/** The buyer signed in to the cashier in this browser session (separate from back-office users). */
final class CashierSession {

    private static final String BUYER = CashierSession.class.getName() + ".buyer";

    private CashierSession() {}

    static Optional<Long> buyerId() {
        return Optional.ofNullable((Long) VaadinSession.getCurrent().getAttribute(BUYER));
    }

    static void signIn(long buyerId) {
        VaadinSession.getCurrent().setAttribute(BUYER, buyerId);
    }

    static void signOut() {
        VaadinSession.getCurrent().setAttribute(BUYER, null);
    }
}
