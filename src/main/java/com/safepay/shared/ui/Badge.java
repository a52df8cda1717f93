package com.safepay.shared.ui;

import com.vaadin.flow.component.html.Span;

/** A small coloured label for statuses ({@code success}, {@code error}, {@code contrast} or none). */
public final class Badge extends Span {

    public Badge(String text, String variant) {
        super(text);
        addClassName("sp-badge");
        if (variant != null && !variant.isBlank()) {
            addClassName("sp-badge-" + variant);
        }
    }
}
