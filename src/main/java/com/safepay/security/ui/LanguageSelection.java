package com.safepay.security.ui;

import com.safepay.shared.CurrentUser;
import com.safepay.shared.ui.Languages;
import com.vaadin.flow.server.ServiceInitEvent;
import com.vaadin.flow.server.VaadinServiceInitListener;
import com.vaadin.flow.server.VaadinSession;
import java.util.Locale;
import org.springframework.stereotype.Component;

/**
 * Chooses each new UI's language: the signed-in user's remembered language the first time after
 * sign-in, afterwards what was switched to in this session; Chinese for everybody else.
 */
@Component
class LanguageSelection implements VaadinServiceInitListener {

    private final CurrentUser currentUser;

    LanguageSelection(CurrentUser currentUser) {
        this.currentUser = currentUser;
    }

    @Override
    public void serviceInit(ServiceInitEvent event) {
        event.getSource().addUIInitListener(uiEvent -> {
            VaadinSession session = uiEvent.getUI().getSession();
            Locale locale = currentUser
                    .get()
                    .map(user -> {
                        if (!Long.valueOf(user.userId()).equals(session.getAttribute(Languages.SESSION_LOCALE_USER))) {
                            session.setAttribute(Languages.SESSION_LOCALE_USER, user.userId());
                            session.setAttribute(Languages.SESSION_LOCALE, Languages.supported(user.locale()));
                        }
                        return (Locale) session.getAttribute(Languages.SESSION_LOCALE);
                    })
                    .orElseGet(() -> (Locale) session.getAttribute(Languages.SESSION_LOCALE));
            Locale chosen = Languages.supported(locale == null ? Languages.CHINESE : locale);
            session.setLocale(chosen);
            uiEvent.getUI().setLocale(chosen);
        });
    }
}
