package com.safepay.shared.ui;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.server.VaadinSession;
import java.util.Locale;

/** The two UI languages and how the current one is chosen and kept in the session. */
public final class Languages {

    public static final Locale CHINESE = Locale.SIMPLIFIED_CHINESE;
    public static final Locale ENGLISH = Locale.ENGLISH;
    public static final String SESSION_LOCALE = "safepay.locale";
    public static final String SESSION_LOCALE_USER = "safepay.locale.user";

    private Languages() {}

    public static Locale supported(Locale locale) {
        return locale != null && "en".equals(locale.getLanguage()) ? ENGLISH : CHINESE;
    }

    /** Switches this session to {@code locale} and reloads the page so every text is re-rendered. */
    public static void switchTo(Locale locale) {
        VaadinSession session = VaadinSession.getCurrent();
        session.setAttribute(SESSION_LOCALE, supported(locale));
        session.setLocale(supported(locale));
        UI.getCurrent().getPage().reload();
    }
}
