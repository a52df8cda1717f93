package com.safepay.merchant.ui;

import com.safepay.merchant.MerchantService;
import com.safepay.merchant.MerchantView;
import com.safepay.shared.CurrentUser;
import com.safepay.shared.Role;
import com.safepay.shared.ui.Badge;
import com.safepay.shared.ui.DateTimes;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
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
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES);
        grid.addColumn(m -> m.merchantNo().value())
                .setHeader(getTranslation("account.merchantNo"))
                .setAutoWidth(true);
        grid.addColumn(MerchantView::name)
                .setHeader(getTranslation("merchants.name"))
                .setAutoWidth(true);
        grid.addColumn(MerchantView::sellerAccount).setHeader(getTranslation("account.sellerAccount"));
        grid.addColumn(m -> String.format("%.2f%%", m.feeRatePpm() / 10_000.0))
                .setHeader(getTranslation("merchants.feeRate"));
        grid.addComponentColumn(m -> m.realNameVerified()
                        ? new Badge(getTranslation("account.verified"), "success")
                        : new Badge(getTranslation("account.unverified"), "contrast"))
                .setHeader(getTranslation("merchants.verification"));
        grid.addColumn(m -> DateTimes.format(m.createdAt(), zone))
                .setHeader(getTranslation("merchants.createdAt"))
                .setAutoWidth(true);
        grid.addComponentColumn(m -> {
                    Button toggle = new Button(
                            getTranslation(m.realNameVerified() ? "merchants.unverify" : "merchants.verify"), e -> {
                                merchants.setRealNameVerified(m.id(), !m.realNameVerified());
                                refresh();
                            });
                    toggle.addThemeVariants(ButtonVariant.LUMO_SMALL);
                    toggle.addClassName("sp-toggle-verification");
                    return toggle;
                })
                .setHeader(getTranslation("bank.actions"));
        grid.setAllRowsVisible(true);
        grid.setId("admin-merchants");
        add(grid);
        refresh();
    }

    private void refresh() {
        grid.setItems(merchants.all());
    }

    @Override
    public String getPageTitle() {
        return getTranslation("nav.merchants");
    }
}
