package com.safepay.withdrawal.ui;

import com.safepay.withdrawal.Bank;
import com.safepay.withdrawal.BankAccountNumber;
import com.vaadin.flow.component.Composite;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.binder.Binder;
import java.util.Optional;

/**
 * Holder name, bank, branch and account number. A {@link Binder} checks every field at once, so an
 * empty form flags all four; the service checks again and its refusals land on their field.
 */
class BankAccountForm extends Composite<FormLayout> {

    /** What a valid form holds. */
    record Values(String holder, Bank bank, String branch, String number) {}

    final TextField holder = new TextField();
    final ComboBox<Bank> bank = new ComboBox<>();
    final TextField branch = new TextField();
    final TextField number = new TextField();
    private final Binder<Draft> binder = new Binder<>();

    BankAccountForm() {
        holder.setLabel(getTranslation("bank.holder"));
        holder.setMaxLength(64);
        holder.setId("bank-holder");
        bank.setLabel(getTranslation("bank.bank"));
        bank.setItems(Bank.values());
        bank.setItemLabelGenerator(b -> getTranslation("bank." + b.name()));
        bank.setId("bank-bank");
        branch.setLabel(getTranslation("bank.branch"));
        branch.setMaxLength(128);
        branch.setId("bank-branch");
        number.setLabel(getTranslation("bank.number"));
        number.setHelperText(getTranslation("bank.number.hint"));
        number.setAllowedCharPattern("[0-9 ]");
        number.setMaxLength(23);
        number.setId("bank-number");
        binder.forField(holder)
                .asRequired(getTranslation("withdrawal.error.holder"))
                .withValidator(v -> !v.isBlank() && v.strip().length() <= 64, getTranslation("withdrawal.error.holder"))
                .bind(d -> d.holder, (d, v) -> d.holder = v);
        binder.forField(bank)
                .asRequired(getTranslation("withdrawal.error.bank"))
                .bind(d -> d.bank, (d, v) -> d.bank = v);
        binder.forField(branch)
                .asRequired(getTranslation("withdrawal.error.branch"))
                .withValidator(v -> !v.isBlank(), getTranslation("withdrawal.error.branch"))
                .bind(d -> d.branch, (d, v) -> d.branch = v);
        binder.forField(number)
                .asRequired(getTranslation("withdrawal.error.accountNumber"))
                .withValidator(BankAccountForm::isAccountNumber, getTranslation("withdrawal.error.accountNumber"))
                .bind(d -> d.number, (d, v) -> d.number = v);
        getContent().add(holder, bank, branch, number);
        getContent()
                .setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1), new FormLayout.ResponsiveStep("40rem", 2));
    }

    private static boolean isAccountNumber(String text) {
        try {
            BankAccountNumber.parse(text);
            return true;
        } catch (IllegalArgumentException invalid) {
            return false;
        }
    }

    /** The values when every field is valid; otherwise empty, with every invalid field flagged. */
    Optional<Values> validValues() {
        if (!binder.validate().isOk()) {
            return Optional.empty();
        }
        Draft draft = new Draft();
        binder.writeBeanIfValid(draft);
        return Optional.of(new Values(draft.holder, draft.bank, draft.branch, draft.number));
    }

    /** Shows the service's refusal (an i18n key) next to the field it is about. */
    void showError(String key) {
        switch (key) {
            case "withdrawal.error.holder" -> flag(holder, key);
            case "withdrawal.error.branch" -> flag(branch, key);
            case "withdrawal.error.bank" -> {
                bank.setErrorMessage(getTranslation(key));
                bank.setInvalid(true);
            }
            default -> flag(number, key);
        }
    }

    private void flag(TextField field, String key) {
        field.setErrorMessage(getTranslation(key));
        field.setInvalid(true);
    }

    /** Empties the form without flagging the now-empty fields. */
    void clear() {
        binder.readBean(null);
    }

    private static final class Draft {
        private String holder;
        private Bank bank;
        private String branch;
        private String number;
    }
}
