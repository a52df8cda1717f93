package com.safepay.payment.ui;

import com.safepay.merchant.MerchantService;
import com.safepay.merchant.MerchantView;
import com.safepay.payment.Buyer;
import com.safepay.payment.BuyerService;
import com.safepay.payment.CashierLinks;
import com.safepay.payment.PaymentException;
import com.safepay.payment.PaymentProperties;
import com.safepay.payment.Trade;
import com.safepay.payment.TradeService;
import com.safepay.payment.TradeStatus;
import com.safepay.payment.TradeType;
import com.safepay.shared.Money;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.auth.AnonymousAllowed;
import java.time.Clock;

/**
 * 收银台: the buyer sees merchant, subject and amount, signs in, and pays from the wallet with the
 * step-up the amount needs. Steps are separate sections so that later steps (top-up, SMS) can be
 * inserted.
 */
@Route(value = "cashier/:tradeNo/:token?", autoLayout = false)
@AnonymousAllowed
public class CashierView extends Div implements BeforeEnterObserver, HasDynamicTitle {

    static final String TIER_CONFIRM = "CONFIRM";
    static final String TIER_PASSWORD = "PASSWORD";

    private final TradeService trades;
    private final CashierLinks links;
    private final BuyerService buyers;
    private final MerchantService merchants;
    private final PaymentProperties properties;
    private final Clock clock;
    private final Div body = new Div();
    private String tradeNo;
    private String token;

    public CashierView(
            TradeService trades,
            CashierLinks links,
            BuyerService buyers,
            MerchantService merchants,
            PaymentProperties properties,
            Clock clock) {
        this.trades = trades;
        this.links = links;
        this.buyers = buyers;
        this.merchants = merchants;
        this.properties = properties;
        this.clock = clock;
        addClassName("sp-cashier-page");
        body.addClassName("sp-cashier");
        add(CashierChrome.header(getTranslation("cashier.title")), body);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        tradeNo = event.getRouteParameters().get("tradeNo").orElse("");
        token = event.getRouteParameters().get("token").orElse("");
        render();
    }

    private void render() {
        body.removeAll();
        // without the trade's token the cashier says no more than for a trade that does not exist
        Trade trade = links.isValid(tradeNo, token) ? trades.find(tradeNo).orElse(null) : null;
        if (trade == null) {
            body.add(CashierChrome.message(VaadinIcon.WARNING, getTranslation("cashier.notFound"), null, "error"));
            return;
        }
        MerchantView merchant = merchants.findForSystem(trade.merchantId()).orElseThrow();
        body.add(orderSummary(trade, merchant));
        if (trade.isPaid()) {
            body.add(paidResult(trade));
            return;
        }
        if (trade.status() == TradeStatus.TRADE_CLOSED || !clock.instant().isBefore(trade.expiresAt())) {
            body.add(CashierChrome.message(
                    VaadinIcon.CLOSE_CIRCLE,
                    getTranslation("cashier.closed"),
                    getTranslation("cashier.closed.hint"),
                    "error"));
            body.add(returnLink(trade, false));
            return;
        }
        if (CashierSession.buyerId().isEmpty()) {
            body.add(new BuyerSignInForm(buyers, getTranslation("cashier.signIn.title"), this::render));
            body.add(cancelLink(trade));
            return;
        }
        body.add(payment(trade, buyers.buyer(CashierSession.buyerId().get())));
    }

    private Component orderSummary(Trade trade, MerchantView merchant) {
        Div summary = new Div();
        summary.addClassName("sp-cashier-order");
        Span amount = new Span(Money.ofMinor(trade.totalAmount()).format());
        amount.addClassName("sp-cashier-amount");
        amount.setId("cashier-amount");
        Div rows = new Div(
                CashierChrome.row(getTranslation("cashier.merchant"), merchant.name()),
                CashierChrome.row(getTranslation("cashier.subject"), trade.subject()),
                CashierChrome.row(
                        getTranslation("cashier.type"),
                        getTranslation(
                                trade.type() == TradeType.ESCROW ? "cashier.type.escrow" : "cashier.type.instant")),
                CashierChrome.row(getTranslation("cashier.tradeNo"), trade.tradeNo()));
        rows.addClassName("sp-cashier-rows");
        summary.add(amount, rows);
        return summary;
    }

    private Component payment(Trade trade, Buyer buyer) {
        Div section = new Div();
        section.addClassName("sp-cashier-section");
        Money balance = buyers.balance(buyer.id());
        Money amount = Money.ofMinor(trade.totalAmount());
        Button switchAccount = new Button(getTranslation("cashier.switchAccount"), e -> {
            CashierSession.signOut();
            render();
        });
        switchAccount.addThemeVariants(ButtonVariant.LUMO_TERTIARY_INLINE);
        Div who = new Div(
                new Span(getTranslation("cashier.payer", buyer.displayName(), buyer.maskedAccount())), switchAccount);
        who.addClassName("sp-cashier-payer");
        Div wallet = CashierChrome.row(getTranslation("cashier.balance"), balance.format());
        wallet.setId("cashier-balance");
        section.add(who, wallet);

        if (balance.compareTo(amount) < 0) {
            section.add(CashierChrome.message(
                    VaadinIcon.WALLET,
                    getTranslation("cashier.insufficient"),
                    getTranslation(
                            "cashier.insufficient.hint", amount.minus(balance).format()),
                    "error"));
            section.add(cancelLink(trade));
            return section;
        }
        if (buyers.isPaymentLockedToday(buyer.id())) {
            section.add(CashierChrome.message(VaadinIcon.LOCK, getTranslation("cashier.paymentLocked"), null, "error"));
            section.add(cancelLink(trade));
            return section;
        }
        boolean needsPassword = trade.totalAmount() > properties.passwordFreeLimitFen();
        PasswordField password = new PasswordField(getTranslation("cashier.paymentPassword"));
        password.setId("payment-password");
        password.setMaxLength(6);
        password.setAllowedCharPattern("[0-9]");
        password.setWidthFull();
        password.setVisible(needsPassword);
        password.setHelperText(getTranslation("cashier.paymentPassword.hint"));
        Paragraph error = new Paragraph();
        error.addClassName("sp-cashier-error");
        error.setVisible(false);
        Button pay = new Button(getTranslation("cashier.pay", amount.format()));
        pay.setId("cashier-pay");
        pay.addThemeVariants(ButtonVariant.LUMO_PRIMARY, ButtonVariant.LUMO_LARGE);
        pay.setWidthFull();
        pay.setDisableOnClick(true);
        pay.addClickShortcut(Key.ENTER);
        pay.addClickListener(e -> {
            try {
                String tier = TIER_CONFIRM;
                if (needsPassword) {
                    BuyerService.PasswordResult check = buyers.checkPaymentPassword(buyer.id(), password.getValue());
                    switch (check.outcome()) {
                        case WRONG -> {
                            password.clear();
                            error.setText(getTranslation("cashier.paymentPassword.wrong", check.remainingTries()));
                            error.setVisible(true);
                            return;
                        }
                        case LOCKED_TODAY -> {
                            render();
                            return;
                        }
                        case OK -> tier = TIER_PASSWORD;
                    }
                }
                trades.pay(trade.tradeNo(), buyer.id(), tier);
                render();
            } catch (PaymentException failure) {
                error.setText(
                        getTranslation("cashier.failed." + failure.reason().name()));
                error.setVisible(true);
            } finally {
                pay.setEnabled(true);
            }
        });
        if (!needsPassword) {
            Paragraph free = new Paragraph(getTranslation("cashier.passwordFree"));
            free.addClassName("sp-cashier-hint");
            section.add(free);
        }
        section.add(password, error, pay, cancelLink(trade));
        return section;
    }

    private Component paidResult(Trade trade) {
        Div result = new Div();
        result.addClassName("sp-cashier-section");
        boolean escrow = trade.type() == TradeType.ESCROW;
        result.add(CashierChrome.message(
                VaadinIcon.CHECK_CIRCLE,
                getTranslation("cashier.paid"),
                getTranslation(escrow ? "cashier.paid.escrow" : "cashier.paid.instant"),
                "success"));
        result.add(returnLink(trade, false));
        if (escrow) {
            Anchor purchases = new Anchor("purchases", getTranslation("cashier.myPurchases"));
            purchases.addClassName("sp-cashier-link");
            result.add(purchases);
        }
        return result;
    }

    private Component returnLink(Trade trade, boolean cancel) {
        Anchor link = new Anchor(
                links.returnPath(trade.tradeNo()) + (cancel ? "?cancel=true" : ""),
                getTranslation(trade.returnUrl() == null ? "cashier.done" : "cashier.backToMerchant"));
        link.setRouterIgnore(true);
        link.addClassName("sp-cashier-button");
        link.setId("cashier-return");
        if (trade.returnUrl() == null) {
            link.setVisible(false);
        }
        return link;
    }

    private Component cancelLink(Trade trade) {
        Anchor link = new Anchor(links.returnPath(trade.tradeNo()) + "?cancel=true", getTranslation("cashier.cancel"));
        link.setRouterIgnore(true);
        link.addClassName("sp-cashier-link");
        link.setId("cashier-cancel");
        link.setVisible(trade.returnUrl() != null);
        return link;
    }

    @Override
    public String getPageTitle() {
        return getTranslation("cashier.pageTitle");
    }
}
