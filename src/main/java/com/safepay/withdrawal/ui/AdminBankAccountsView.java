package com.safepay.withdrawal.ui;

import com.safepay.merchant.MerchantService;
import com.safepay.merchant.MerchantView;
import com.safepay.shared.CurrentUser;
import com.safepay.shared.Role;
import com.safepay.shared.ui.DateTimes;
import com.safepay.shared.ui.StackedCell;
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

/** ADMIN: every merchant's bank accounts; verify, reject or disable (each confirmed), reveal a number, add one. */
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

        // Long text wraps instead of being cut; the actions keep their width and stay in view.
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES, GridVariant.LUMO_WRAP_CELL_CONTENT);
        grid.addComponentColumn(a -> merchant(byId.get(a.merchantId())))
                .setHeader(getTranslation("users.merchant"))
                .setWidth("8.5rem")
                .setFlexGrow(2);
        grid.addColumn(a -> getTranslation("bank." + a.bank().name()))
                .setHeader(getTranslation("bank.bank"))
                .setWidth("8.5rem")
                .setFlexGrow(1)
                .setPartNameGenerator(a -> "sp-bank-name");
        grid.addColumn(BankAccount::holderName)
                .setHeader(getTranslation("bank.holder"))
                .setWidth("5rem")
                .setFlexGrow(1);
        grid.addComponentColumn(this::number)
                .setHeader(getTranslation("bank.number"))
                .setWidth("9.5rem")
                .setFlexGrow(0);
        grid.addComponentColumn(a -> BankAccountBadge.of(a, key -> getTranslation(key)))
                .setHeader(getTranslation("bank.status"))
                .setWidth("9rem")
                .setFlexGrow(0);
        grid.addColumn(a -> DateTimes.format(a.createdAt(), zone) + " · " + a.createdBy())
                .setHeader(getTranslation("bank.createdAt"))
                .setWidth("7rem")
                .setFlexGrow(1);
        grid.addComponentColumn(a -> actions(a, byId.get(a.merchantId())))
                .setHeader(getTranslation("bank.actions"))
                .setAutoWidth(true)
                .setFlexGrow(0)
                .setFrozenToEnd(true)
                .setPartNameGenerator(a -> "sp-actions");
        grid.addClassName("sp-dense-grid");
        grid.setAllRowsVisible(true);
        grid.setId("admin-bank-accounts");

        ComboBox<MerchantView> merchant = new ComboBox<>(getTranslation("users.merchant"));
        merchant.setItems(byId.values());
        merchant.setItemLabelGenerator(AdminBankAccountsView::merchantLabel);
        merchant.setErrorMessage(getTranslation("bank.merchant.required"));
        BankAccountForm form = new BankAccountForm();
        Button add = new Button(getTranslation("bank.add"), e -> {
            merchant.setInvalid(merchant.getValue() == null);
            form.validValues().filter(values -> merchant.getValue() != null).ifPresent(values -> {
                try {
                    accounts.addFor(
                            merchant.getValue().id(), values.holder(), values.bank(), values.branch(), values.number());
                    form.clear();
                    refresh();
                } catch (IllegalArgumentException invalid) {
                    form.showError(invalid.getMessage());
                }
            });
        });
        add.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        Div addCard = new Div(new H3(getTranslation("bank.adminAdd")), merchant, form, add);
        addCard.addClassName("sp-card");
        add(grid, addCard);
        refresh();
    }

    private static String merchantLabel(MerchantView merchant) {
        return merchant.name() + " (" + merchant.merchantNo() + ")";
    }

    private static Div merchant(MerchantView merchant) {
        return StackedCell.of(merchant.name(), merchant.merchantNo().value());
    }

    /** The masked number, with the button that reveals it whole on its own line so the column stays narrow. */
    private Div number(BankAccount account) {
        Span number = new Span(account.maskedNumber());
        Button reveal = new Button(getTranslation("bank.reveal"), e -> {
            number.setText(accounts.revealNumber(account.id()));
            e.getSource().setVisible(false);
        });
        reveal.addThemeVariants(ButtonVariant.LUMO_TERTIARY_INLINE, ButtonVariant.LUMO_SMALL);
        Div cell = new Div(number, reveal);
        cell.addClassName("sp-stacked");
        return cell;
    }

    /**
     * Verify, reject (a pending account) or disable (a verified one); each asks first, showing what
     * it acts on.
     */
    private HorizontalLayout actions(BankAccount account, MerchantView merchant) {
        HorizontalLayout actions = new HorizontalLayout();
        actions.addClassName("sp-row-actions");
        if (account.status() != BankAccountStatus.VERIFIED) {
            Button verify = new Button(
                    getTranslation("bank.verify"),
                    e -> new BankAccountReview(account, merchant, BankAccountReview.Decision.VERIFY, () -> {
                                accounts.verify(account.id());
                                Notification.show(getTranslation("bank.verified"));
                                refresh();
                            })
                            .open());
            verify.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_SUCCESS);
            verify.addClassName("sp-verify");
            verify.setId("bank-verify-" + account.id());
            actions.add(verify);
        }
        if (account.status() != BankAccountStatus.DISABLED) {
            boolean pending = account.status() == BankAccountStatus.PENDING;
            BankAccountReview.Decision decision =
                    pending ? BankAccountReview.Decision.REJECT : BankAccountReview.Decision.DISABLE;
            Button disable = new Button(
                    getTranslation(pending ? "bank.reject" : "bank.disable"),
                    e -> new BankAccountReview(account, merchant, decision, () -> {
                                accounts.disable(account.id());
                                refresh();
                            })
                            .open());
            disable.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_ERROR);
            disable.addClassName("sp-disable");
            disable.setId("bank-disable-" + account.id());
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
