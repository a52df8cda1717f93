package com.safepay.shared.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.html.Pre;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.dom.Element;

/**
 * Long values shown whole: a URL that wraps at its separators rather than inside a word, and a
 * block for a long response text. Both copy as the plain value.
 */
public final class LongText {

    /** After these a URL may break onto the next line. */
    private static final String BREAK_AFTER = "/?&=#";

    private LongText() {}

    /**
     * The URL with a line break opportunity ({@code <wbr>}) after each {@code / ? & = #}; a part
     * still too long for the line breaks where it must (CSS {@code overflow-wrap: anywhere}).
     */
    public static Span url(String url) {
        Span span = new Span();
        span.addClassName("sp-url");
        if (url == null || url.isEmpty()) {
            span.setText("—");
            return span;
        }
        span.getElement().setAttribute("title", url);
        int start = 0;
        for (int i = 0; i < url.length(); i++) {
            // "//" of the scheme stays together: break after the second slash only
            boolean separator = BREAK_AFTER.indexOf(url.charAt(i)) >= 0
                    && !(url.charAt(i) == '/' && i + 1 < url.length() && url.charAt(i + 1) == '/');
            if (separator) {
                span.getElement().appendChild(Element.createText(url.substring(start, i + 1)), new Element("wbr"));
                start = i + 1;
            }
        }
        if (start < url.length()) {
            span.getElement().appendChild(Element.createText(url.substring(start)));
        }
        return span;
    }

    /** A long text (a response body, an error) whole, wrapped, selectable. */
    public static Component block(String text) {
        Pre pre = new Pre(text == null || text.isEmpty() ? "—" : text);
        pre.addClassName("sp-long-text");
        return pre;
    }
}
