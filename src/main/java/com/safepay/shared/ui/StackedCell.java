package com.safepay.shared.ui;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;

/** A grid cell of a name, which wraps, above a number in small type, which fits the column whole. */
public final class StackedCell {

    private StackedCell() {}

    public static Div of(String name, String number) {
        Span small = new Span(number);
        small.addClassName("sp-small-number");
        Div cell = new Div(new Span(name), small);
        cell.addClassName("sp-stacked");
        return cell;
    }
}
