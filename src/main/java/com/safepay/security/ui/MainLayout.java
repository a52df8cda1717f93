package com.safepay.security.ui;

import com.safepay.merchant.MerchantService;
import com.safepay.security.UserService;
import com.safepay.shared.CurrentUser;
import com.safepay.shared.CurrentUser.SignedInUser;
import com.safepay.shared.Role;
import com.safepay.shared.ui.LanguageSwitch;
import com.safepay.shared.ui.Languages;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.applayout.AppLayout;
import com.vaadin.flow.component.applayout.DrawerToggle;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.Icon;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.Scroller;
import com.vaadin.flow.component.sidenav.SideNav;
import com.vaadin.flow.component.sidenav.SideNavItem;
import com.vaadin.flow.router.AfterNavigationEvent;
import com.vaadin.flow.router.AfterNavigationObserver;
import com.vaadin.flow.router.Layout;
import com.vaadin.flow.server.menu.MenuConfiguration;
import com.vaadin.flow.server.menu.MenuEntry;
import com.vaadin.flow.spring.security.AuthenticationContext;
import jakarta.annotation.security.PermitAll;

/**
 * The back-office shell: brand, side navigation with only the views the user may open, the page
 * title, who is signed in, the language switch and sign-out.
 */
@Layout
@PermitAll
public class MainLayout extends AppLayout implements AfterNavigationObserver {

    private final H1 pageTitle = new H1();

    public MainLayout(
            CurrentUser currentUser,
            AuthenticationContext authentication,
            UserService users,
            MerchantService merchants) {
        SignedInUser user = currentUser.require();
        setPrimarySection(Section.DRAWER);
        addClassName("sp-shell");

        DrawerToggle toggle = new DrawerToggle();
        toggle.setAriaLabel(getTranslation("shell.menu"));
        pageTitle.addClassName("sp-page-title");

        Div account = new Div();
        account.addClassName("sp-account");
        Span who = new Span(user.username());
        who.addClassName("sp-account-name");
        Span role = new Span(getTranslation("role." + user.role().name()));
        role.addClassName("sp-account-role");
        account.add(new Icon(VaadinIcon.USER), who, role);
        if (user.role() != Role.ADMIN) {
            Span merchant = new Span(merchants.myMerchant().name());
            merchant.addClassName("sp-account-merchant");
            account.add(merchant);
        }

        LanguageSwitch language = new LanguageSwitch(getLocale(), locale -> {
            users.changeMyLocale(locale);
            Languages.switchTo(locale);
        });
        Button logout =
                new Button(getTranslation("shell.logout"), new Icon(VaadinIcon.SIGN_OUT), e -> authentication.logout());
        logout.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        logout.addClassName("sp-logout");

        Div spacer = new Div();
        spacer.addClassName("sp-spacer");
        addToNavbar(toggle, pageTitle, spacer, account, language, logout);

        addToDrawer(brand(), new Scroller(navigation()));
    }

    private Component brand() {
        Div brand = new Div();
        brand.addClassName("sp-brand");
        Span logo = new Span("S");
        logo.addClassName("sp-logo");
        Div text = new Div(new Span(getTranslation("app.name")), new Span(getTranslation("shell.subtitle")));
        text.addClassName("sp-brand-text");
        brand.add(logo, text);
        return brand;
    }

    private SideNav navigation() {
        SideNav nav = new SideNav();
        nav.addClassName("sp-nav");
        for (MenuEntry entry : MenuConfiguration.getMenuEntries()) {
            SideNavItem item = new SideNavItem(getTranslation(entry.title()), entry.path());
            if (entry.icon() != null) {
                item.setPrefixComponent(new Icon(entry.icon()));
            }
            nav.addItem(item);
        }
        return nav;
    }

    @Override
    public void afterNavigation(AfterNavigationEvent event) {
        pageTitle.setText(MenuConfiguration.getPageHeader(getContent()).orElse(""));
    }
}
