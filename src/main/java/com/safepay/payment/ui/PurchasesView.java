package com.safepay.payment.ui;

import com.safepay.merchant.MerchantService;
import com.safepay.payment.Buyer;
import com.safepay.payment.BuyerService;
import com.safepay.payment.PaymentException;
import com.safepay.payment.Trade;
import com.safepay.payment.TradeService;
import com.safepay.payment.TradeStatus;
import com.safepay.shared.Money;
import com.safepay.shared.ui.DateTimes;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.auth.AnonymousAllowed;
import java.time.ZoneId;
import java.util.List;

/** 我的购买: the buyer's recent purchases; escrow trades that were shipped can be confirmed here. */
@Route(value = "purchases", autoLayout = false)
@AnonymousAllowed
public class PurchasesView extends Div implements BeforeEnterObserver, HasDynamicTitle {

    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    private final TradeService trades;
    private final BuyerService buyers;
    private final MerchantService merchants;
    private final Div body = new Div();

    public PurchasesView(TradeService trades, BuyerService buyers, MerchantService merchants) {
        this.trades = trades;
        this.buyers = buyers;
        this.merchants = merchants;
        addClassName("sp-cashier-page");
        body.addClassName("sp-cashier");
        add(CashierChrome.header(getTranslation("purchases.title")), body);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        render();
    }

    private void render() {
        body.removeAll();
        if (CashierSession.buyerId().isEmpty()) {
            body.add(new BuyerSignInForm(buyers, this::render));
            return;
        }
        Buyer buyer = buyers.buyer(CashierSession.buyerId().get());
        Div head = new Div(
                new H3(getTranslation("purchases.title")),
                new Span(buyer.displayName() + " · " + buyer.maskedAccount()));
        head.addClassName("sp-cashier-section");
        body.add(head);
        List<Trade> list = trades.purchases(buyer.id(), 50);
        if (list.isEmpty()) {
            body.add(CashierChrome.message(VaadinIcon.CART, getTranslation("purchases.empty"), null, "info"));
        }
        list.forEach(trade -> body.add(card(buyer, trade)));
    }

    private Component card(Buyer buyer, Trade trade) {
        Div card = new Div();
        card.addClassNames("sp-cashier-section", "sp-purchase");
        card.getElement().setAttribute("data-trade-no", trade.tradeNo());
        String merchant =
                merchants.findForSystem(trade.merchantId()).orElseThrow().name();
        Span amount = new Span(Money.ofMinor(trade.totalAmount()).format());
        amount.addClassName("sp-purchase-amount");
        Div title = new Div(new Span(trade.subject()), amount);
        title.addClassName("sp-purchase-title");
        card.add(
                title,
                CashierChrome.row(getTranslation("cashier.merchant"), merchant),
                CashierChrome.row(getTranslation("purchases.paidAt"), DateTimes.format(trade.paidAt(), CHINA)),
                CashierChrome.row(
                        getTranslation("purchases.status"),
                        getTranslation("status." + trade.status().name())));
        if (trade.status() == TradeStatus.WAIT_BUYER_CONFIRM) {
            PasswordField password = new PasswordField(getTranslation("cashier.paymentPassword"));
            password.setMaxLength(6);
            password.setAllowedCharPattern("[0-9]");
            password.setWidthFull();
            password.addClassName("sp-confirm-password");
            Paragraph error = new Paragraph();
            error.addClassName("sp-cashier-error");
            error.setVisible(false);
            Button confirm = new Button(getTranslation("purchases.confirm"), e -> {
                BuyerService.PasswordResult check = buyers.checkPaymentPassword(buyer.id(), password.getValue());
                switch (check.outcome()) {
                    case OK -> {
                        try {
                            trades.confirmReceipt(buyer.id(), trade.tradeNo());
                            render();
                        } catch (PaymentException failure) {
                            error.setText(getTranslation(
                                    "cashier.failed." + failure.reason().name()));
                            error.setVisible(true);
                        }
                    }
                    case WRONG -> {
                        password.clear();
                        error.setText(getTranslation("cashier.paymentPassword.wrong", check.remainingTries()));
                        error.setVisible(true);
                    }
                    case LOCKED_TODAY -> {
                        error.setText(getTranslation("cashier.paymentLocked"));
                        error.setVisible(true);
                    }
                }
            });
            confirm.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
            confirm.addClassName("sp-confirm-receipt");
            confirm.setWidthFull();
            Paragraph hint = new Paragraph(getTranslation("purchases.confirm.hint"));
            hint.addClassName("sp-cashier-hint");
            card.add(hint, password, error, confirm);
        }
        return card;
    }

    @Override
    public String getPageTitle() {
        return getTranslation("purchases.title");
    }
}
