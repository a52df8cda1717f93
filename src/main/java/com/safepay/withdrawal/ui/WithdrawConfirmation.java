package com.safepay.withdrawal.ui;

import com.safepay.shared.Money;
import com.safepay.shared.ui.Field;
import com.safepay.withdrawal.BankAccount;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.html.Div;
import java.time.Duration;
import java.util.Optional;

/**
 * The last look before a withdrawal: amount, bank, branch, masked number, holder and when the money
 * should arrive. Only its confirm button submits; cancel, Esc or closing it moves nothing.
 */
class WithdrawConfirmation extends ConfirmDialog {

    WithdrawConfirmation(Money amount, BankAccount account, Optional<Duration> settlement, Runnable submit) {
        setHeader(getTranslation("withdraw.confirm.title"));
        Div summary = new Div(
                new Field(getTranslation("withdraw.amount"), amount.format()),
                new Field(
                        getTranslation("bank.bank"),
                        getTranslation("bank." + account.bank().name()) + " · " + account.branch()),
                new Field(getTranslation("bank.number"), account.maskedNumber()),
                new Field(getTranslation("bank.holder"), account.holderName()),
                new Field(getTranslation("withdraw.confirm.timing"), timing(settlement)));
        summary.addClassName("sp-confirm-summary");
        summary.setId("withdraw-confirm-summary");
        setText(summary);
        Button yes = new Button(getTranslation("withdraw.confirm.yes", amount.format()));
        yes.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        yes.setId("withdraw-confirm");
        yes.setDisableOnClick(true);
        yes.addClickListener(e -> {
            close();
            submit.run();
        });
        Button no = new Button(getTranslation("withdraw.confirm.cancel"), e -> close());
        no.setId("withdraw-confirm-cancel");
        setConfirmButton(yes);
        setCancelable(true);
        setCancelButton(no);
    }

    /** What the configured bank promises, in the largest whole unit; the bank's own time when it promises none. */
    private String timing(Optional<Duration> settlement) {
        if (settlement.isEmpty()) {
            return getTranslation("withdraw.confirm.timing.bank");
        }
        Duration d = settlement.get();
        String about;
        if (d.toMinutes() < 1) {
            about = getTranslation("withdraw.timing.seconds", Math.max(1, d.toSeconds()));
        } else if (d.toHours() < 1) {
            about = getTranslation("withdraw.timing.minutes", d.toMinutes());
        } else {
            about = getTranslation("withdraw.timing.hours", d.toHours());
        }
        return getTranslation("withdraw.confirm.timing.about", about);
    }
}
