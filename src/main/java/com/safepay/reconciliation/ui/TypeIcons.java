package com.safepay.reconciliation.ui;

import com.safepay.payment.TradeType;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.Icon;
import com.vaadin.flow.component.icon.VaadinIcon;
import java.util.function.Function;

/** The icons of the legend: escrow (担保交易), instant (即时到账), has refund. */
final class TypeIcons {

    private TypeIcons() {}

    static Icon icon(TradeType type) {
        Icon icon = type == TradeType.ESCROW ? VaadinIcon.SHIELD.create() : VaadinIcon.BOLT.create();
        icon.addClassNames(
                "sp-recon-icon", type == TradeType.ESCROW ? "sp-recon-icon-escrow" : "sp-recon-icon-instant");
        return icon;
    }

    static Icon refundIcon() {
        Icon icon = VaadinIcon.REPLY.create();
        icon.addClassNames("sp-recon-icon", "sp-recon-icon-refund");
        return icon;
    }

    static Component label(TradeType type, Function<String, String> translate) {
        Span label = new Span(icon(type), new Span(translate.apply("recon.type." + type.name())));
        label.addClassName("sp-recon-type");
        return label;
    }
}
