package com.safepay.payment.ui;

import com.safepay.shared.ui.LanguageSwitch;
import com.safepay.shared.ui.Languages;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.Icon;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.server.VaadinRequest;

/** The cashier's own look: header bar, label/value rows, outcome messages. */
final class CashierChrome {

    private CashierChrome() {}

    static Component header(String title) {
        Div header = new Div();
        header.addClassName("sp-cashier-header");
        Span logo = new Span("S");
        logo.addClassName("sp-logo");
        Span text = new Span(title);
        header.add(logo, text);
        // the lock promises an encrypted connection: shown only when the page really came over https
        // (directly or, behind a TLS proxy, as its X-Forwarded-Proto says)
        VaadinRequest request = VaadinRequest.getCurrent();
        if (request != null && request.isSecure()) {
            Span secure = new Span(new Icon(VaadinIcon.LOCK), new Span("SSL"));
            secure.addClassName("sp-cashier-secure");
            secure.setId("cashier-secure");
            header.add(secure);
        }
        LanguageSwitch language = new LanguageSwitch(UI.getCurrent().getLocale(), Languages::switchTo);
        language.addClassName("sp-cashier-language");
        header.add(language);
        return header;
    }

    static Div row(String label, String value) {
        Span l = new Span(label);
        l.addClassName("sp-cashier-label");
        Span v = new Span(value);
        v.addClassName("sp-cashier-value");
        Div row = new Div(l, v);
        row.addClassName("sp-cashier-row");
        return row;
    }

    static Component message(VaadinIcon icon, String title, String detail, String variant) {
        Div box = new Div();
        box.addClassNames("sp-cashier-message", "sp-cashier-message-" + variant);
        Icon i = icon.create();
        Div text = new Div(new Span(title));
        if (detail != null) {
            text.add(new Paragraph(detail));
        }
        box.add(i, text);
        return box;
    }
}
