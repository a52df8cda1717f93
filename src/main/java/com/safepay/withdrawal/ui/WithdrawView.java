package com.safepay.withdrawal.ui;

import com.safepay.shared.Money;
import com.safepay.shared.MoneyFormatException;
import com.safepay.shared.Role;
import com.safepay.withdrawal.BankAccount;
import com.safepay.withdrawal.BankAccountService;
import com.safepay.withdrawal.BankAccountStatus;
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
import com.vaadin.flow.data.binder.Binder;
import com.vaadin.flow.data.binder.Result;
import com.vaadin.flow.data.converter.Converter;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import java.util.List;
import java.util.UUID;

/**
 * 提现: withdraw the available balance to a verified bank account with the payment password, after
 * a confirmation that shows where the money goes. The form carries a request id from the moment it
 * is shown, so a double click or a resubmission makes one withdrawal.
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
        List<BankAccount> mine = bankAccounts.mine();
        List<BankAccount> usable = mine.stream().filter(BankAccount::isUsable).toList();
        if (usable.isEmpty()) {
            add(noUsableAccount(mine));
            return;
        }
        Money withdrawable = withdrawals.withdrawable();
        Money leftToday = withdrawals.leftToday();
        Span amountText = new Span(withdrawable.format());
        amountText.addClassName("sp-balance-value");
        amountText.setId("withdrawable");
        Div balance = new Div(new Span(getTranslation("withdraw.withdrawable")), amountText);
        balance.addClassName("sp-balance");

        TextField amount = new TextField(getTranslation("withdraw.amount"));
        amount.setPrefixComponent(new Span("¥"));
        amount.setPlaceholder("0.00");
        String hint = getTranslation(
                "withdraw.amount.hint",
                Money.ofMinor(WithdrawalService.MINIMUM_FEN).format(),
                Money.ofMinor(withdrawals.dailyLimitFen()).format(),
                leftToday.format());
        amount.setHelperText(hint);
        amount.setAllowedCharPattern("[0-9.]");
        amount.setId("withdraw-amount");
        amount.setSuffixComponent(withdrawAll(amount, withdrawable, leftToday, hint));
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

        // All fields are checked at once; the service checks again and decides.
        Binder<Draft> binder = new Binder<>();
        binder.forField(amount)
                .asRequired(getTranslation("withdraw.amount.required"))
                .withConverter(Converter.from(this::parse, m -> m == null ? "" : m.toPlainString()))
                .withValidator(
                        m -> m.minorUnits() >= WithdrawalService.MINIMUM_FEN,
                        getTranslation("withdrawal.error.minimum"))
                .withValidator(m -> m.compareTo(withdrawable) <= 0, getTranslation("withdrawal.error.insufficient"))
                .withValidator(
                        m -> m.compareTo(leftToday) <= 0,
                        getTranslation("withdrawal.error.dailyLimit", leftToday.format()))
                .bind(Draft::amount, Draft::setAmount);
        binder.forField(account)
                .asRequired(getTranslation("withdrawal.error.accountNotVerified"))
                .bind(Draft::account, Draft::setAccount);
        binder.forField(password)
                .asRequired(getTranslation("withdraw.password.required"))
                .bind(Draft::password, Draft::setPassword);

        Paragraph error = new Paragraph();
        error.addClassName("sp-cashier-error");
        error.setId("withdraw-error");
        error.setVisible(false);
        Button submit = new Button(getTranslation("withdraw.submit"));
        submit.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        submit.setId("withdraw-submit");
        submit.addClickListener(e -> {
            error.setVisible(false);
            Draft draft = new Draft();
            if (binder.writeBeanIfValid(draft)) {
                new WithdrawConfirmation(
                                draft.amount(),
                                draft.account(),
                                withdrawals.typicalSettlement(),
                                () -> submit(draft, password, error))
                        .open();
            } else {
                binder.validate();
            }
        });
        Div form = new Div(new H3(getTranslation("withdraw.title")), balance, amount, account, password, error, submit);
        form.addClassNames("sp-card", "sp-form-card");
        add(form);
    }

    private Result<Money> parse(String text) {
        try {
            return Result.ok(Money.parse(text));
        } catch (MoneyFormatException invalid) {
            return Result.error(getTranslation(invalid.messageKey()));
        }
    }

    /** 全部提现: the whole available balance, or what the daily limit still allows today if that is less. */
    private Button withdrawAll(TextField amount, Money withdrawable, Money leftToday, String hint) {
        Money most = withdrawable.compareTo(leftToday) <= 0 ? withdrawable : leftToday;
        Button all = new Button(getTranslation("withdraw.all"), e -> {
            amount.setValue(most.toPlainString());
            amount.setHelperText(
                    most.equals(withdrawable) ? hint : getTranslation("withdraw.all.capped", most.format()));
        });
        all.addThemeVariants(ButtonVariant.LUMO_TERTIARY_INLINE, ButtonVariant.LUMO_SMALL);
        all.setId("withdraw-all");
        all.setEnabled(most.minorUnits() >= WithdrawalService.MINIMUM_FEN);
        return all;
    }

    private void submit(Draft draft, PasswordField password, Paragraph error) {
        try {
            Withdrawal done = withdrawals.request(
                    requestId, draft.amount().minorUnits(), draft.account().id(), draft.password());
            requestId = UUID.randomUUID().toString();
            Notification.show(
                            getTranslation("withdraw.done", done.withdrawalNo()),
                            5000,
                            Notification.Position.TOP_CENTER)
                    .addThemeVariants(NotificationVariant.LUMO_SUCCESS);
            getUI().ifPresent(ui -> ui.navigate("withdrawals"));
        } catch (WithdrawalException refused) {
            password.clear();
            password.setInvalid(false);
            error.setText(getTranslation(refused.messageKey(), refused.args()));
            error.setVisible(true);
        }
    }

    /**
     * No verified account yet: say why — one is still being reviewed, it was turned down or disabled,
     * or there is none — and where to go next.
     */
    private Div noUsableAccount(List<BankAccount> mine) {
        String state;
        if (mine.stream().anyMatch(a -> a.status() == BankAccountStatus.PENDING)) {
            state = "pending";
        } else if (mine.stream().anyMatch(BankAccount::wasRejected)) {
            state = "rejected";
        } else if (!mine.isEmpty()) {
            state = "disabled";
        } else {
            state = "noAccount";
        }
        Div card = new Div();
        card.addClassNames("sp-card", "sp-empty-state");
        card.setId(state.equals("noAccount") ? "withdraw-no-account" : "withdraw-account-" + state);
        Anchor link = new Anchor(
                "bank-accounts",
                getTranslation(state.equals("pending") ? "withdraw.pending.link" : "withdraw.noAccount.link"));
        link.setId("withdraw-add-account");
        card.add(
                new H3(getTranslation("withdraw." + state)),
                new Paragraph(getTranslation("withdraw." + state + ".hint")),
                link);
        return card;
    }

    /** What the form holds once every field is valid. */
    private static final class Draft {
        private Money amount;
        private BankAccount account;
        private String password;

        Money amount() {
            return amount;
        }

        void setAmount(Money amount) {
            this.amount = amount;
        }

        BankAccount account() {
            return account;
        }

        void setAccount(BankAccount account) {
            this.account = account;
        }

        String password() {
            return password;
        }

        void setPassword(String password) {
            this.password = password;
        }
    }

    @Override
    public String getPageTitle() {
        return getTranslation("nav.withdraw");
    }
}
