package com.safepay.payment.ui;

import com.vaadin.flow.server.VaadinService;
import com.vaadin.flow.server.VaadinServletRequest;
import com.vaadin.flow.server.VaadinSession;
import java.util.Optional;

/** The buyer signed in to the cashier in this browser session (separate from back-office users). */
final class CashierSession {

    private static final String BUYER = CashierSession.class.getName() + ".buyer";

    private CashierSession() {}

    static Optional<Long> buyerId() {
        return Optional.ofNullable((Long) VaadinSession.getCurrent().getAttribute(BUYER));
    }

    /**
     * Signs the buyer in under a new session id, as the back office does at sign-in: a session id
     * planted in the buyer's browser before (session fixation) is worthless afterwards. The servlet
     * container keeps the session's attributes, the Vaadin session among them, and the response of
     * this request carries the new cookie.
     */
    static void signIn(long buyerId) {
        if (VaadinService.getCurrentRequest() instanceof VaadinServletRequest request) {
            request.getHttpServletRequest().changeSessionId();
        }
        VaadinSession.getCurrent().setAttribute(BUYER, buyerId);
    }

    static void signOut() {
        VaadinSession.getCurrent().setAttribute(BUYER, null);
    }
}
