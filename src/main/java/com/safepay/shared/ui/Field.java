package com.safepay.shared.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;

/** A label above a value, for read-only facts on overview cards. */
public final class Field extends Div {

    public Field(String label, String value) {
        addClassName("sp-field");
        Span labelSpan = new Span(label);
        labelSpan.addClassName("sp-field-label");
        Span valueSpan = new Span(value == null || value.isEmpty() ? "—" : value);
        valueSpan.addClassName("sp-field-value");
        add(labelSpan, valueSpan);
    }

    /** A label above a value that is a component of its own (e.g. a URL that wraps). */
    public Field(String label, Component value) {
        addClassName("sp-field");
        Span labelSpan = new Span(label);
        labelSpan.addClassName("sp-field-label");
        value.getElement().getClassList().add("sp-field-value");
        add(labelSpan, value);
    }
}
