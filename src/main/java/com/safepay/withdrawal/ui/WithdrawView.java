package com.safepay.withdrawal.ui;

import com.safepay.shared.Money;
import com.safepay.shared.MoneyFormatException;
import com.safepay.shared.Role;
import com.safepay.withdrawal.BankAccount;
import com.safepay.withdrawal.BankAccountService;
import com.safepay.withdrawal.Withdrawal;
import com.safepay.withdrawal.WithdrawalException;
import com.safepay.withdrawal.WithdrawalService;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import java.util.List;
import java.util.UUID;

/**
 * 提现: withdraw the available balance to a verified bank account with the payment password. The
 * form carries a request id from the moment it is shown, so a double click or a resubmission makes
 * one withdrawal.
 */
@Route("withdraw")
@Menu(title = "nav.withdraw", order = 40, icon = "vaadin:money-withdraw")
@RolesAllowed(Role.MERCHANT_NAME)
public class WithdrawView extends VerticalLayout implements HasDynamicTitle {

    private final WithdrawalService withdrawals;
    private final BankAccountService bankAccounts;
    private String requestId = UUID.randomUUID().toString();

    public WithdrawView(WithdrawalService withdrawals, BankAccountService bankAccounts) {
        this.withdrawals = withdrawals;
        this.bankAccounts = bankAccounts;
        addClassName("sp-page");
        render();
    }

    private void render() {
        removeAll();
        List<BankAccount> usable =
                bankAccounts.mine().stream().filter(BankAccount::isUsable).toList();
        if (usable.isEmpty()) {
            Div card = new Div();
            card.addClassNames("sp-card", "sp-empty-state");
            card.setId("withdraw-no-account");
            Anchor link = new Anchor("bank-accounts", getTranslation("withdraw.noAccount.link"));
            link.setId("withdraw-add-account");
            card.add(
                    new H3(getTranslation("withdraw.noAccount")),
                    new Paragraph(getTranslation("withdraw.noAccount.hint")),
                    link);
            add(card);
            return;
        }
        Money withdrawable = withdrawals.withdrawable();
        Span amountText = new Span(withdrawable.format());
        amountText.addClassName("sp-balance-value");
        amountText.setId("withdrawable");
        Div balance = new Div(new Span(getTranslation("withdraw.withdrawable")), amountText);
        balance.addClassName("sp-balance");

        TextField amount = new TextField(getTranslation("withdraw.amount"));
        amount.setPrefixComponent(new Span("¥"));
        amount.setPlaceholder("0.00");
        amount.setHelperText(getTranslation(
                "withdraw.amount.hint",
                Money.ofMinor(WithdrawalService.MINIMUM_FEN).format(),
                Money.ofMinor(withdrawals.dailyLimitFen()).format()));
        amount.setAllowedCharPattern("[0-9.]");
        amount.setId("withdraw-amount");
        Select<BankAccount> account = new Select<>();
        account.setLabel(getTranslation("withdraw.account"));
        account.setItems(usable);
        account.setItemLabelGenerator(
                a -> getTranslation("bank." + a.bank().name()) + " " + a.maskedNumber() + " · " + a.holderName());
        account.setValue(usable.getFirst());
        account.setId("withdraw-account");
        PasswordField password = new PasswordField(getTranslation("withdraw.password"));
        password.setMaxLength(6);
        password.setAllowedCharPattern("[0-9]");
        password.setId("withdraw-password");
        Paragraph error = new Paragraph();
        error.addClassName("sp-cashier-error");
        error.setVisible(false);
        Button submit = new Button(getTranslation("withdraw.submit"));
        submit.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        submit.setDisableOnClick(true);
        submit.setId("withdraw-submit");
        submit.addClickListener(e -> {
            error.setVisible(false);
            amount.setInvalid(false);
            try {
                Money money = Money.parse(amount.getValue());
                Withdrawal done = withdrawals.request(
                        requestId, money.minorUnits(), account.getValue().id(), password.getValue());
                requestId = UUID.randomUUID().toString();
                Notification.show(
                                getTranslation("withdraw.done", done.withdrawalNo()),
                                5000,
                                Notification.Position.TOP_CENTER)
                        .addThemeVariants(NotificationVariant.LUMO_SUCCESS);
                getUI().ifPresent(ui -> ui.navigate("withdrawals"));
            } catch (MoneyFormatException invalid) {
                amount.setErrorMessage(getTranslation(invalid.messageKey()));
                amount.setInvalid(true);
            } catch (WithdrawalException refused) {
                password.clear();
                error.setText(getTranslation(refused.messageKey(), refused.args()));
                error.setVisible(true);
            } finally {
                submit.setEnabled(true);
            }
        });
        Div form = new Div(new H3(getTranslation("withdraw.title")), balance, amount, account, password, error, submit);
        form.addClassNames("sp-card", "sp-form-card");
        add(form);
    }

    @Override
    public String getPageTitle() {
        return getTranslation("nav.withdraw");
    }
}
