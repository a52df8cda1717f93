package com.safepay.security.ui;

import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.router.HasDynamicTitle;

/** An error shown inside the shell: a title (also the page's), what happened, and the way back. */
abstract class ShellErrorPage extends Div implements HasDynamicTitle {

    private final String titleKey;
    private final H2 title = new H2();

    ShellErrorPage(String titleKey) {
        this.titleKey = titleKey;
        addClassNames("sp-page", "sp-denied");
    }

    /** Shows the title and {@code message}; the title element gets {@code titleId} when it is not null. */
    void show(String titleId, String message) {
        removeAll();
        title.setText(getTranslation(titleKey));
        if (titleId != null) {
            title.setId(titleId);
        }
        add(title, new Paragraph(message), new Anchor("", getTranslation("denied.home")));
    }

    @Override
    public String getPageTitle() {
        return getTranslation(titleKey);
    }
}
