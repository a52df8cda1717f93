package com.safepay.withdrawal.ui;

import com.safepay.merchant.MerchantService;
import com.safepay.merchant.MerchantView;
import com.safepay.shared.CurrentUser;
import com.safepay.shared.Role;
import com.safepay.shared.ui.Badge;
import com.safepay.shared.ui.DateTimes;
import com.safepay.withdrawal.BankAccount;
import com.safepay.withdrawal.BankAccountService;
import com.safepay.withdrawal.BankAccountStatus;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import java.time.ZoneId;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** ADMIN: every merchant's bank accounts; verify, disable, reveal a number, add one for a merchant. */
@Route("admin/bank-accounts")
@Menu(title = "nav.adminBankAccounts", order = 120, icon = "vaadin:institution")
@RolesAllowed(Role.ADMIN_NAME)
public class AdminBankAccountsView extends VerticalLayout implements HasDynamicTitle {

    private final BankAccountService accounts;
    private final Grid<BankAccount> grid = new Grid<>(BankAccount.class, false);

    public AdminBankAccountsView(BankAccountService accounts, MerchantService merchants, CurrentUser currentUser) {
        this.accounts = accounts;
        ZoneId zone = currentUser.require().zone();
        addClassName("sp-page");
        Map<Long, MerchantView> byId =
                merchants.all().stream().collect(Collectors.toMap(MerchantView::id, Function.identity()));

        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES);
        grid.addColumn(a -> byId.get(a.merchantId()).name() + " ("
                        + byId.get(a.merchantId()).merchantNo() + ")")
                .setHeader(getTranslation("users.merchant"))
                .setAutoWidth(true);
        grid.addColumn(a -> getTranslation("bank." + a.bank().name())).setHeader(getTranslation("bank.bank"));
        grid.addColumn(BankAccount::holderName).setHeader(getTranslation("bank.holder"));
        grid.addComponentColumn(this::number)
                .setHeader(getTranslation("bank.number"))
                .setAutoWidth(true);
        grid.addComponentColumn(a -> new Badge(
                        getTranslation("bank.status." + a.status().name()),
                        a.status() == BankAccountStatus.VERIFIED
                                ? "success"
                                : a.status() == BankAccountStatus.PENDING ? "contrast" : "error"))
                .setHeader(getTranslation("bank.status"));
        grid.addColumn(a -> DateTimes.format(a.createdAt(), zone) + " · " + a.createdBy())
                .setHeader(getTranslation("bank.createdAt"))
                .setFlexGrow(2);
        grid.addComponentColumn(this::actions)
                .setHeader(getTranslation("bank.actions"))
                .setAutoWidth(true);
        grid.setAllRowsVisible(true);
        grid.setId("admin-bank-accounts");

        ComboBox<MerchantView> merchant = new ComboBox<>(getTranslation("users.merchant"));
        merchant.setItems(byId.values());
        merchant.setItemLabelGenerator(m -> m.name() + " (" + m.merchantNo() + ")");
        BankAccountForm form = new BankAccountForm();
        Button add = new Button(getTranslation("bank.add"), e -> {
            form.clearErrors();
            if (merchant.getValue() == null) {
                merchant.setInvalid(true);
                return;
            }
            try {
                accounts.addFor(
                        merchant.getValue().id(),
                        form.holder.getValue(),
                        form.bank.getValue(),
                        form.branch.getValue(),
                        form.number.getValue());
                form.clear();
                form.clearErrors();
                refresh();
            } catch (IllegalArgumentException invalid) {
                form.showError(invalid.getMessage());
            }
        });
        add.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        Div addCard = new Div(new H3(getTranslation("bank.adminAdd")), merchant, form, add);
        addCard.addClassName("sp-card");
        add(grid, addCard);
        refresh();
    }

    private Span number(BankAccount account) {
        Span number = new Span(account.maskedNumber());
        Button reveal = new Button(getTranslation("bank.reveal"), e -> {
            number.setText(accounts.revealNumber(account.id()));
            e.getSource().setVisible(false);
        });
        reveal.addThemeVariants(ButtonVariant.LUMO_TERTIARY_INLINE, ButtonVariant.LUMO_SMALL);
        return new Span(number, new Span(" "), reveal);
    }

    private HorizontalLayout actions(BankAccount account) {
        HorizontalLayout actions = new HorizontalLayout();
        if (account.status() != BankAccountStatus.VERIFIED) {
            Button verify = new Button(getTranslation("bank.verify"), e -> {
                accounts.verify(account.id());
                Notification.show(getTranslation("bank.verified"));
                refresh();
            });
            verify.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_SUCCESS);
            verify.addClassName("sp-verify");
            actions.add(verify);
        }
        if (account.status() != BankAccountStatus.DISABLED) {
            Button disable = new Button(getTranslation("bank.disable"), e -> {
                accounts.disable(account.id());
                refresh();
            });
            disable.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_ERROR);
            actions.add(disable);
        }
        return actions;
    }

    private void refresh() {
        grid.setItems(accounts.all());
    }

    @Override
    public String getPageTitle() {
        return getTranslation("nav.adminBankAccounts");
    }
}
