package com.safepay.merchant.ui;

import com.safepay.merchant.MerchantBalances;
import com.safepay.merchant.MerchantService;
import com.safepay.merchant.MerchantView;
import com.safepay.shared.CurrentUser;
import com.safepay.shared.CurrentUser.SignedInUser;
import com.safepay.shared.Money;
import com.safepay.shared.Role;
import com.safepay.shared.ui.Badge;
import com.safepay.shared.ui.DateTimes;
import com.safepay.shared.ui.Field;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;

/** 账户查询: who the merchant is and when this user last signed in. */
@Route("account")
@Menu(title = "nav.account", order = 10, icon = "vaadin:wallet")
@RolesAllowed({Role.MERCHANT_NAME, Role.FINANCE_NAME})
public class AccountOverviewView extends VerticalLayout implements HasDynamicTitle {

    public AccountOverviewView(MerchantService merchants, CurrentUser currentUser) {
        addClassName("sp-page");
        SignedInUser user = currentUser.require();
        MerchantView merchant = merchants.myMerchant();

        Div card = new Div();
        card.addClassName("sp-card");
        Div heading = new Div(new H2(merchant.name()), verification(merchant));
        heading.addClassName("sp-card-heading");

        Div facts = new Div(
                new Field(
                        getTranslation("account.merchantNo"),
                        merchant.merchantNo().value()),
                new Field(getTranslation("account.sellerAccount"), merchant.sellerAccount()),
                new Field(
                        getTranslation("account.user"),
                        user.username() + " · "
                                + getTranslation("role." + user.role().name())),
                new Field(getTranslation("account.timeZone"), merchant.zone().getId()),
                new Field(
                        getTranslation("account.previousLogin"),
                        user.previousLoginAt() == null
                                ? getTranslation("account.firstLogin")
                                : DateTimes.format(user.previousLoginAt(), user.zone())),
                new Field(getTranslation("account.previousLoginIp"), user.previousLoginIp()));
        facts.addClassName("sp-facts");
        card.add(heading, facts);

        MerchantBalances balances = merchants.myBalances();
        Div money = new Div(
                balance(getTranslation("account.available"), balances.available(), "account-available"),
                balance(getTranslation("account.unavailable"), balances.unavailable(), "account-unavailable"),
                balance(getTranslation("account.total"), balances.total(), "account-total"));
        money.addClassName("sp-balances");
        Paragraph breakdown = new Paragraph(
                getTranslation("account.escrow") + "：" + balances.escrow().format());
        breakdown.addClassName("sp-muted");
        add(money, breakdown, card);
    }

    private static Div balance(String label, Money amount, String id) {
        Span value = new Span(amount.format());
        value.addClassName("sp-balance-value");
        value.setId(id);
        Span caption = new Span(label);
        caption.addClassName("sp-field-label");
        Div tile = new Div(caption, value);
        tile.addClassName("sp-balance");
        return tile;
    }

    private Badge verification(MerchantView merchant) {
        return merchant.realNameVerified()
                ? new Badge(getTranslation("account.verified"), "success")
                : new Badge(getTranslation("account.unverified"), "contrast");
    }

    @Override
    public String getPageTitle() {
        return getTranslation("nav.account");
    }
}
