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
import com.vaadin.flow.router.QueryParameters;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.auth.AnonymousAllowed;
import java.time.ZoneId;

/** 我的购买: the buyer's recent purchases; escrow trades that were shipped can be confirmed here. */
@Route(value = "purchases", autoLayout = false)
@AnonymousAllowed
public class PurchasesView extends Div implements BeforeEnterObserver, HasDynamicTitle {

    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    /** Ten cards fill about one screen of a phone-sized cashier. */
    static final int PAGE_SIZE = 10;

    private final TradeService trades;
    private final BuyerService buyers;
    private final MerchantService merchants;
    private final Div body = new Div();
    private int pageNumber = 1;

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
        pageNumber = event.getLocation()
                .getQueryParameters()
                .getSingleParameter("page")
                .filter(p -> p.matches("[1-9][0-9]{0,5}"))
                .map(Integer::parseInt)
                .orElse(1);
        render();
    }

    private void render() {
        body.removeAll();
        if (CashierSession.buyerId().isEmpty()) {
            body.add(new BuyerSignInForm(buyers, getTranslation("purchases.signIn.title"), this::render));
            return;
        }
        Buyer buyer = buyers.buyer(CashierSession.buyerId().get());
        Div head = new Div(
                new H3(getTranslation("purchases.title")),
                new Span(buyer.displayName() + " · " + buyer.maskedAccount()));
        head.addClassName("sp-cashier-section");
        body.add(head);
        TradeService.Purchases purchases = trades.purchases(buyer.id(), (pageNumber - 1) * PAGE_SIZE, PAGE_SIZE);
        int pages = (int) Math.max(1, (purchases.total() + PAGE_SIZE - 1) / PAGE_SIZE);
        if (pageNumber > pages) {
            // A page beyond the last (an old link after purchases moved on): show the last one.
            pageNumber = pages;
            purchases = trades.purchases(buyer.id(), (pageNumber - 1) * PAGE_SIZE, PAGE_SIZE);
        }
        if (purchases.page().isEmpty()) {
            body.add(CashierChrome.message(VaadinIcon.CART, getTranslation("purchases.empty"), null, "info"));
            return;
        }
        purchases.page().forEach(trade -> body.add(card(buyer, trade)));
        body.add(pager(purchases, pages));
    }

    private Component pager(TradeService.Purchases purchases, int pages) {
        int first = (pageNumber - 1) * PAGE_SIZE + 1;
        int last = first + purchases.page().size() - 1;
        Span info = new Span(
                pages == 1
                        ? getTranslation("purchases.page.count", purchases.total())
                        : getTranslation("purchases.page.info", purchases.total(), first, last, pageNumber, pages));
        info.setId("purchases-page-info");
        Button previous = new Button(getTranslation("recon.page.previous"), e -> go(pageNumber - 1));
        previous.setId("purchases-previous");
        previous.setEnabled(pageNumber > 1);
        Button next = new Button(getTranslation("recon.page.next"), e -> go(pageNumber + 1));
        next.setId("purchases-next");
        next.setEnabled(pageNumber < pages);
        Div buttons = new Div(previous, next);
        buttons.addClassName("sp-purchases-pager-buttons");
        buttons.setVisible(pages > 1);
        Div pager = new Div(info, buttons);
        pager.addClassNames("sp-cashier-section", "sp-purchases-pager");
        return pager;
    }

    /** Pages through the URL, so that the browser's back button and a reload keep the page. */
    private void go(int page) {
        getUI().ifPresent(ui -> ui.navigate(PurchasesView.class, QueryParameters.of("page", String.valueOf(page))));
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
