package com.safepay.withdrawal.ui;

import com.safepay.shared.CurrentUser;
import com.safepay.shared.Role;
import com.safepay.shared.ui.Badge;
import com.safepay.shared.ui.DateTimes;
import com.safepay.withdrawal.BankAccount;
import com.safepay.withdrawal.BankAccountService;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import java.time.ZoneId;

/** 银行账户: the merchant's bank accounts for withdrawals; new ones wait for an admin's verification. */
@Route("bank-accounts")
@Menu(title = "nav.bankAccounts", order = 42, icon = "vaadin:institution")
@RolesAllowed(Role.MERCHANT_NAME)
public class BankAccountsView extends VerticalLayout implements HasDynamicTitle {

    private final BankAccountService accounts;
    private final Grid<BankAccount> grid = new Grid<>(BankAccount.class, false);

    public BankAccountsView(BankAccountService accounts, CurrentUser currentUser) {
        this.accounts = accounts;
        ZoneId zone = currentUser.require().zone();
        addClassName("sp-page");
        // Long bank and branch names wrap instead of being cut.
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES, GridVariant.LUMO_WRAP_CELL_CONTENT);
        grid.addColumn(a -> getTranslation("bank." + a.bank().name()))
                .setHeader(getTranslation("bank.bank"))
                .setWidth("10rem")
                .setPartNameGenerator(a -> "sp-bank-name");
        grid.addColumn(BankAccount::branch)
                .setHeader(getTranslation("bank.branch"))
                .setWidth("9rem");
        grid.addColumn(BankAccount::holderName)
                .setHeader(getTranslation("bank.holder"))
                .setWidth("8rem");
        grid.addColumn(BankAccount::maskedNumber)
                .setHeader(getTranslation("bank.number"))
                .setAutoWidth(true);
        grid.addComponentColumn(this::status).setHeader(getTranslation("bank.status"));
        grid.addColumn(a -> DateTimes.format(a.createdAt(), zone))
                .setHeader(getTranslation("bank.createdAt"))
                .setAutoWidth(true);
        grid.setAllRowsVisible(true);
        grid.setId("bank-accounts");

        BankAccountForm form = new BankAccountForm();
        Button add = new Button(
                getTranslation("bank.add"),
                e -> form.validValues().ifPresent(values -> {
                    try {
                        accounts.addMine(values.holder(), values.bank(), values.branch(), values.number());
                        form.clear();
                        refresh();
                        Notification.show(getTranslation("bank.added"), 4000, Notification.Position.TOP_CENTER)
                                .addThemeVariants(NotificationVariant.LUMO_SUCCESS);
                    } catch (IllegalArgumentException invalid) {
                        form.showError(invalid.getMessage());
                    }
                }));
        add.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        add.setId("bank-add");
        Div addCard =
                new Div(new H3(getTranslation("bank.add")), new Paragraph(getTranslation("bank.add.hint")), form, add);
        addCard.addClassName("sp-card");
        add(grid, addCard);
        refresh();
    }

    private void refresh() {
        grid.setItems(accounts.mine());
    }

    private Badge status(BankAccount account) {
        return BankAccountBadge.of(account, key -> getTranslation(key));
    }

    @Override
    public String getPageTitle() {
        return getTranslation("nav.bankAccounts");
    }
}
