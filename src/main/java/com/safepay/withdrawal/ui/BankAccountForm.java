package com.safepay.withdrawal.ui;

import com.safepay.withdrawal.Bank;
import com.vaadin.flow.component.Composite;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.textfield.TextField;

/** Holder name, bank, branch and account number, with the checks a person sees at once. */
class BankAccountForm extends Composite<FormLayout> {

    final TextField holder = new TextField();
    final ComboBox<Bank> bank = new ComboBox<>();
    final TextField branch = new TextField();
    final TextField number = new TextField();

    BankAccountForm() {
        holder.setLabel(getTranslation("bank.holder"));
        holder.setRequiredIndicatorVisible(true);
        holder.setMaxLength(64);
        holder.setId("bank-holder");
        bank.setLabel(getTranslation("bank.bank"));
        bank.setItems(Bank.values());
        bank.setItemLabelGenerator(b -> getTranslation("bank." + b.name()));
        bank.setRequiredIndicatorVisible(true);
        bank.setId("bank-bank");
        branch.setLabel(getTranslation("bank.branch"));
        branch.setRequiredIndicatorVisible(true);
        branch.setMaxLength(128);
        branch.setId("bank-branch");
        number.setLabel(getTranslation("bank.number"));
        number.setHelperText(getTranslation("bank.number.hint"));
        number.setAllowedCharPattern("[0-9 ]");
        number.setMaxLength(23);
        number.setRequiredIndicatorVisible(true);
        number.setId("bank-number");
        getContent().add(holder, bank, branch, number);
        getContent()
                .setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1), new FormLayout.ResponsiveStep("40rem", 2));
    }

    /** Shows the refusal next to the field it is about. */
    void showError(String key) {
        TextField field = switch (key) {
            case "withdrawal.error.holder" -> holder;
            case "withdrawal.error.branch" -> branch;
            default -> number;
        };
        if ("withdrawal.error.bank".equals(key)) {
            bank.setInvalid(true);
            bank.setErrorMessage(getTranslation(key));
            return;
        }
        field.setInvalid(true);
        field.setErrorMessage(getTranslation(key));
    }

    void clearErrors() {
        holder.setInvalid(false);
        branch.setInvalid(false);
        number.setInvalid(false);
        bank.setInvalid(false);
    }

    void clear() {
        holder.clear();
        bank.clear();
        branch.clear();
        number.clear();
    }
}
