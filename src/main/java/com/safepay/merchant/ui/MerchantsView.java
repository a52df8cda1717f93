package com.safepay.merchant.ui;

import com.safepay.merchant.MerchantService;
import com.safepay.merchant.MerchantView;
import com.safepay.shared.CurrentUser;
import com.safepay.shared.Role;
import com.safepay.shared.ui.Badge;
import com.safepay.shared.ui.DateTimes;
import com.safepay.shared.ui.Field;
import com.safepay.shared.ui.StackedCell;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import java.time.ZoneId;

/** ADMIN: merchants, their fee rate and real-name verification (实名认证), which lifts the free allowance. */
@Route("admin/merchants")
@Menu(title = "nav.merchants", order = 90, icon = "vaadin:shop")
@RolesAllowed(Role.ADMIN_NAME)
public class MerchantsView extends VerticalLayout implements HasDynamicTitle {

    private final MerchantService merchants;
    private final Grid<MerchantView> grid = new Grid<>(MerchantView.class, false);

    public MerchantsView(MerchantService merchants, CurrentUser currentUser) {
        this.merchants = merchants;
        ZoneId zone = currentUser.require().zone();
        addClassName("sp-page");
        // Long text wraps instead of being cut; the action keeps its width and stays in view.
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES, GridVariant.LUMO_WRAP_CELL_CONTENT);
        grid.addComponentColumn(MerchantsView::merchant)
                .setHeader(getTranslation("merchants.name") + " / " + getTranslation("account.merchantNo"))
                .setWidth("10rem")
                .setFlexGrow(2);
        grid.addColumn(MerchantView::sellerAccount)
                .setHeader(getTranslation("account.sellerAccount"))
                .setAutoWidth(true)
                .setFlexGrow(1)
                .setTooltipGenerator(MerchantView::sellerAccount);
        grid.addColumn(m -> String.format("%.2f%%", m.feeRatePpm() / 10_000.0))
                .setHeader(getTranslation("merchants.feeRate"))
                .setWidth("4.5rem")
                .setFlexGrow(0);
        grid.addComponentColumn(m -> m.realNameVerified()
                        ? new Badge(getTranslation("account.verified"), "success")
                        : new Badge(getTranslation("account.unverified"), "contrast"))
                .setHeader(getTranslation("merchants.verification"))
                .setWidth("10rem")
                .setFlexGrow(0);
        grid.addColumn(m -> DateTimes.format(m.createdAt(), zone))
                .setHeader(getTranslation("merchants.createdAt"))
                .setWidth("7rem")
                .setFlexGrow(1);
        grid.addComponentColumn(this::toggle)
                .setHeader(getTranslation("bank.actions"))
                .setAutoWidth(true)
                .setFlexGrow(0)
                .setFrozenToEnd(true)
                .setPartNameGenerator(m -> "sp-actions");
        grid.addClassName("sp-dense-grid");
        grid.setAllRowsVisible(true);
        grid.setId("admin-merchants");
        add(grid);
        refresh();
    }

    private static Div merchant(MerchantView merchant) {
        return StackedCell.of(merchant.name(), merchant.merchantNo().value());
    }

    /** Verifying lifts the free allowance, withdrawing it brings the allowance back: both ask first. */
    private Button toggle(MerchantView merchant) {
        boolean verify = !merchant.realNameVerified();
        Button toggle = new Button(getTranslation(verify ? "merchants.verify" : "merchants.unverify"), e -> {
            ConfirmDialog confirm = new ConfirmDialog();
            confirm.setHeader(getTranslation(verify ? "merchants.verify.title" : "merchants.unverify.title"));
            Div summary = new Div(
                    new Field(getTranslation("merchants.name"), merchant.name()),
                    new Field(
                            getTranslation("account.merchantNo"),
                            merchant.merchantNo().value()),
                    new Field(getTranslation("account.sellerAccount"), merchant.sellerAccount()),
                    new Field(
                            getTranslation("merchants.verification.effect"),
                            getTranslation(verify ? "merchants.verify.effect" : "merchants.unverify.effect")));
            summary.addClassName("sp-confirm-summary");
            summary.setId("merchant-verify-summary");
            confirm.setText(summary);
            Button yes = new Button(getTranslation(verify ? "merchants.verify" : "merchants.unverify"));
            yes.addThemeVariants(
                    ButtonVariant.LUMO_PRIMARY, verify ? ButtonVariant.LUMO_SUCCESS : ButtonVariant.LUMO_ERROR);
            yes.setId("merchant-verify-confirm");
            yes.setDisableOnClick(true);
            yes.addClickListener(c -> {
                confirm.close();
                merchants.setRealNameVerified(merchant.id(), verify);
                refresh();
            });
            Button no = new Button(getTranslation("bank.review.cancel"), c -> confirm.close());
            no.setId("merchant-verify-cancel");
            confirm.setConfirmButton(yes);
            confirm.setCancelable(true);
            confirm.setCancelButton(no);
            confirm.open();
        });
        toggle.addThemeVariants(ButtonVariant.LUMO_SMALL);
        toggle.addClassName("sp-toggle-verification");
        toggle.setId("merchant-toggle-" + merchant.merchantNo().value());
        return toggle;
    }

    private void refresh() {
        grid.setItems(merchants.all());
    }

    @Override
    public String getPageTitle() {
        return getTranslation("nav.merchants");
    }
}
