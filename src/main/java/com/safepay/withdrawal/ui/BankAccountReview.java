package com.safepay.withdrawal.ui;

import com.safepay.merchant.MerchantView;
import com.safepay.shared.ui.Field;
import com.safepay.withdrawal.BankAccount;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.html.Div;

/**
 * An admin's decision on a bank account, confirmed with what is being decided on: the merchant,
 * holder, bank, branch and masked number. Only the confirm button acts; cancel changes nothing.
 */
class BankAccountReview extends ConfirmDialog {

    /** What the admin does: its i18n key prefix ({@code .title}, {@code .confirm}) and button colour. */
    enum Decision {
        VERIFY("bank.review.verify", ButtonVariant.LUMO_SUCCESS),
        REJECT("bank.review.reject", ButtonVariant.LUMO_ERROR),
        DISABLE("bank.review.disable", ButtonVariant.LUMO_ERROR);

        final String key;
        final ButtonVariant variant;

        Decision(String key, ButtonVariant variant) {
            this.key = key;
            this.variant = variant;
        }
    }

    BankAccountReview(BankAccount account, MerchantView merchant, Decision decision, Runnable act) {
        setHeader(getTranslation(decision.key + ".title"));
        Div summary = new Div(
                new Field(getTranslation("users.merchant"), merchant.name() + " (" + merchant.merchantNo() + ")"),
                new Field(getTranslation("bank.holder"), account.holderName()),
                new Field(
                        getTranslation("bank.bank"),
                        getTranslation("bank." + account.bank().name())),
                new Field(getTranslation("bank.branch"), account.branch()),
                new Field(getTranslation("bank.number"), account.maskedNumber()));
        summary.addClassName("sp-confirm-summary");
        summary.setId("bank-review-summary");
        setText(summary);
        Button yes = new Button(getTranslation(decision.key + ".confirm"));
        yes.addThemeVariants(ButtonVariant.LUMO_PRIMARY, decision.variant);
        yes.setId("bank-review-confirm");
        yes.setDisableOnClick(true);
        yes.addClickListener(e -> {
            close();
            act.run();
        });
        Button no = new Button(getTranslation("bank.review.cancel"), e -> close());
        no.setId("bank-review-cancel");
        setConfirmButton(yes);
        setCancelable(true);
        setCancelButton(no);
    }
}
