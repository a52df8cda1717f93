package com.safepay.security.ui;

import com.safepay.shared.CurrentUser;
import com.safepay.shared.ui.LanguageSwitch;
import com.safepay.shared.ui.Languages;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.login.LoginForm;
import com.vaadin.flow.component.login.LoginI18n;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.auth.AnonymousAllowed;

/** The back-office sign-in page. Error texts never tell whether a user name exists. */
@Route(value = "login", autoLayout = false)
@AnonymousAllowed
public class LoginView extends Div implements BeforeEnterObserver, HasDynamicTitle {

    private final LoginForm form = new LoginForm();
    private final CurrentUser currentUser;

    public LoginView(CurrentUser currentUser) {
        this.currentUser = currentUser;
        addClassName("sp-login-page");

        Div brand = new Div();
        brand.addClassName("sp-login-brand");
        Span logo = new Span("S");
        logo.addClassName("sp-logo");
        H1 title = new H1(getTranslation("app.name"));
        Paragraph tagline = new Paragraph(getTranslation("login.tagline"));
        brand.add(logo, title, tagline);

        form.setAction("login");
        form.setForgotPasswordButtonVisible(false);
        form.setI18n(i18n(getTranslation("login.error.title"), getTranslation("login.error.message")));

        Div card = new Div(brand, form);
        card.addClassName("sp-login-card");

        Div footer =
                new Div(new LanguageSwitch(getLocale(), Languages::switchTo), new Span(getTranslation("login.footer")));
        footer.addClassName("sp-login-footer");

        add(card, footer);
    }

    private LoginI18n i18n(String errorTitle, String errorMessage) {
        LoginI18n i18n = LoginI18n.createDefault();
        i18n.getForm().setTitle(getTranslation("login.title"));
        i18n.getForm().setUsername(getTranslation("login.username"));
        i18n.getForm().setPassword(getTranslation("login.password"));
        i18n.getForm().setSubmit(getTranslation("login.submit"));
        i18n.getErrorMessage().setTitle(errorTitle);
        i18n.getErrorMessage().setMessage(errorMessage);
        i18n.getErrorMessage().setUsername(getTranslation("login.required.username"));
        i18n.getErrorMessage().setPassword(getTranslation("login.required.password"));
        return i18n;
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        if (currentUser.get().isPresent()) {
            event.forwardTo("");
            return;
        }
        var parameters = event.getLocation().getQueryParameters().getParameters();
        if (parameters.containsKey("unavailable")) {
            form.setI18n(i18n(getTranslation("login.unavailable.title"), getTranslation("login.unavailable.message")));
            form.setError(true);
        } else if (parameters.containsKey("error")) {
            // Locked and disabled accounts get the wrong-password message too (it states the lockout
            // rule): a message of their own would tell anyone which accounts exist and are locked.
            form.setError(true);
        }
    }

    @Override
    public String getPageTitle() {
        return getTranslation("login.pageTitle");
    }
}
