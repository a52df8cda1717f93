package com.safepay.reconciliation;

import com.safepay.payment.TradeStatus;
import com.safepay.payment.TradeType;
import java.text.MessageFormat;
import java.util.Locale;
import java.util.ResourceBundle;

/** The texts of an export in the user's language, from the UI's translation bundle. */
final class ExportTexts {

    private final ResourceBundle bundle;
    private final Locale locale;

    ExportTexts(Locale locale) {
        this.locale = locale;
        this.bundle = ResourceBundle.getBundle(
                "vaadin-i18n.translations",
                locale,
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
    }

    String get(String key, Object... args) {
        String text = bundle.containsKey(key) ? bundle.getString(key) : key;
        return args.length == 0 ? text : new MessageFormat(text, locale).format(args);
    }

    String type(TradeType type) {
        return get("recon.type." + type.name());
    }

    String status(TradeStatus status) {
        return get("recon.status." + status.name());
    }

    String tab(StatusTab tab) {
        return get("recon.tab." + tab.name());
    }
}
