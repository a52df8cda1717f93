package com.safepay.security.ui;

import com.safepay.merchant.MerchantService;
import com.safepay.merchant.MerchantView;
import com.safepay.security.UserAccount;
import com.safepay.security.UserService;
import com.safepay.shared.CurrentUser;
import com.safepay.shared.Role;
import com.safepay.shared.ui.Badge;
import com.safepay.shared.ui.ClientAddress;
import com.safepay.shared.ui.DateTimes;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** ADMIN: every back-office user with role, merchant, status and last sign-in. */
@Route("admin/users")
@Menu(title = "nav.users", order = 100, icon = "vaadin:users")
@RolesAllowed(Role.ADMIN_NAME)
public class UsersView extends VerticalLayout implements HasDynamicTitle {

    public UsersView(UserService users, MerchantService merchants, CurrentUser currentUser) {
        addClassName("sp-page");
        ZoneId zone = currentUser.require().zone();
        Map<Long, MerchantView> merchantsById =
                merchants.all().stream().collect(Collectors.toMap(MerchantView::id, Function.identity()));
        List<UserAccount> all = users.listUsers();

        Grid<UserAccount> grid = new Grid<>(UserAccount.class, false);
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES);
        grid.addColumn(UserAccount::username)
                .setHeader(getTranslation("users.username"))
                .setSortable(true);
        grid.addColumn(u -> getTranslation("role." + u.role().name())).setHeader(getTranslation("users.role"));
        grid.addColumn(u -> u.merchantId() == null ? "—" : merchantLabel(merchantsById.get(u.merchantId())))
                .setHeader(getTranslation("users.merchant"))
                .setAutoWidth(true)
                .setFlexGrow(2);
        grid.addComponentColumn(this::status).setHeader(getTranslation("users.status"));
        grid.addColumn(u -> DateTimes.format(u.lastLoginAt(), zone))
                .setHeader(getTranslation("users.lastLogin"))
                .setAutoWidth(true);
        grid.addColumn(u -> ClientAddress.display(u.lastLoginIp(), getTranslation("ip.local")))
                .setHeader(getTranslation("users.lastLoginIp"));
        grid.setItems(all);
        grid.setAllRowsVisible(all.size() <= 20);

        TextField filter = new TextField();
        filter.setPlaceholder(getTranslation("users.filter"));
        filter.setClearButtonVisible(true);
        filter.setValueChangeMode(ValueChangeMode.LAZY);
        filter.addValueChangeListener(e -> {
            String text = e.getValue().strip().toLowerCase(Locale.ROOT);
            grid.setItems(all.stream().filter(u -> u.username().contains(text)).toList());
        });

        Span count = new Span(getTranslation("users.count", all.size()));
        count.addClassName("sp-muted");
        add(filter, grid, count);
    }

    private static String merchantLabel(MerchantView merchant) {
        return merchant == null ? "" : merchant.name() + " (" + merchant.merchantNo() + ")";
    }

    private Badge status(UserAccount user) {
        if (!user.enabled()) {
            return new Badge(getTranslation("users.status.disabled"), "contrast");
        }
        if (user.locked()) {
            return new Badge(getTranslation("users.status.locked"), "error");
        }
        return new Badge(getTranslation("users.status.active"), "success");
    }

    @Override
    public String getPageTitle() {
        return getTranslation("nav.users");
    }
}
