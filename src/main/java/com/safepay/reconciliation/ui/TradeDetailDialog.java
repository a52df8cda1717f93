package com.safepay.reconciliation.ui;

import com.safepay.notification.Attempt;
import com.safepay.payment.PaymentException;
import com.safepay.payment.Refund;
import com.safepay.payment.Trade;
import com.safepay.reconciliation.ReconciliationService;
import com.safepay.reconciliation.RefundOutcome;
import com.safepay.reconciliation.TradeDetail;
import com.safepay.shared.Money;
import com.safepay.shared.MoneyFormatException;
import com.safepay.shared.ui.Badge;
import com.safepay.shared.ui.DateTimes;
import com.safepay.shared.ui.Field;
import com.safepay.shared.ui.LongText;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.ColumnTextAlign;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.renderer.ComponentRenderer;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * A trade in full: every field, its ledger postings, refunds and notifications; for merchants the
 * ship and refund actions.
 */
final class TradeDetailDialog extends Dialog {

    private final ReconciliationService reconciliation;
    private final ZoneId zone;
    private final String tradeNo;
    private final Runnable onChange;
    /** One refund request no per opened refund form: a double submit refunds once. */
    private String refundRequestNo = newRequestNo();

    TradeDetailDialog(ReconciliationService reconciliation, ZoneId zone, String tradeNo, Runnable onChange) {
        this.reconciliation = reconciliation;
        this.zone = zone;
        this.tradeNo = tradeNo;
        this.onChange = onChange;
        setWidth("min(72rem, 96vw)");
        addClassName("sp-recon-detail");
        setId("recon-detail");
        Button close = new Button(getTranslation("recon.close"), e -> close());
        close.setId("recon-detail-close");
        getFooter().add(close);
        render();
    }

    private void render() {
        removeAll();
        Optional<TradeDetail> found = reconciliation.detail(tradeNo);
        if (found.isEmpty()) {
            setHeaderTitle(getTranslation("recon.detail.title", tradeNo));
            Paragraph none = new Paragraph(getTranslation("recon.detail.notFound"));
            none.setId("recon-detail-not-found");
            add(none);
            return;
        }
        TradeDetail detail = found.get();
        Trade trade = detail.trade();
        setHeaderTitle(getTranslation("recon.detail.title", trade.tradeNo()));
        add(facts(detail), section("recon.detail.postings", postings(detail)));
        if (!detail.refunds().isEmpty()) {
            add(section("recon.detail.refunds", refunds(detail.refunds())));
        }
        add(section("recon.detail.notifications", notifications(detail)));
        if (detail.canShip() || detail.canRefund()) {
            add(section("recon.detail.actions", actions(detail)));
        }
    }

    private Component facts(TradeDetail detail) {
        Trade t = detail.trade();
        Div heading = new Div(
                TypeIcons.label(t.type(), this::getTranslation),
                StatusBadges.of(t.status(), this::getTranslation),
                amount(t.total()));
        heading.addClassName("sp-recon-detail-heading");
        Div facts = new Div(
                new Field(getTranslation("recon.col.tradeNo"), t.tradeNo()),
                new Field(getTranslation("recon.col.outTradeNo"), t.outTradeNo()),
                new Field(getTranslation("recon.col.subject"), t.subject()),
                new Field(getTranslation("recon.detail.body"), t.body()),
                new Field(getTranslation("recon.col.counterparty"), t.buyerAccount()),
                new Field(getTranslation("recon.col.amount"), t.total().format()),
                new Field(
                        getTranslation("recon.col.refunded"),
                        Money.ofMinor(t.refundTotal()).format()),
                new Field(
                        getTranslation("recon.col.fee"),
                        Money.ofMinor(detail.fee()).format()),
                new Field(
                        getTranslation("recon.col.net"),
                        Money.ofMinor(detail.net()).format()),
                new Field(getTranslation("recon.detail.feeRate"), feeRate(t.feeRatePpm())),
                new Field(
                        getTranslation("recon.detail.feeCharged"),
                        Money.ofMinor(t.feeAmount()).format()),
                new Field(
                        getTranslation("recon.detail.feeRefunded"),
                        Money.ofMinor(t.feeRefunded()).format()),
                new Field(getTranslation("recon.col.createdAt"), time(t.createdAt())),
                new Field(getTranslation("recon.detail.expiresAt"), time(t.expiresAt())),
                new Field(getTranslation("recon.detail.paidAt"), time(t.paidAt())),
                new Field(getTranslation("recon.detail.shippedAt"), time(t.shippedAt())),
                new Field(getTranslation("recon.detail.confirmDueAt"), time(t.confirmDueAt())),
                new Field(getTranslation("recon.detail.confirmedAt"), time(t.confirmedAt())),
                new Field(getTranslation("recon.detail.finishDueAt"), time(t.finishDueAt())),
                new Field(getTranslation("recon.detail.finishedAt"), time(t.finishedAt())),
                new Field(getTranslation("recon.detail.closedAt"), time(t.closedAt())),
                new Field(
                        getTranslation("recon.detail.closeReason"),
                        t.closeReason() == null ? null : getTranslation("recon.closeReason." + t.closeReason())),
                new Field(
                        getTranslation("recon.detail.riskTier"),
                        t.riskTier() == null ? null : getTranslation("recon.riskTier." + t.riskTier())),
                new Field(getTranslation("recon.detail.timeout"), t.timeoutExpress()),
                urlField("recon.detail.notifyUrl", t.notifyUrl(), "recon-detail-notify-url"),
                urlField("recon.detail.returnUrl", t.returnUrl(), "recon-detail-return-url"));
        facts.addClassNames("sp-facts", "sp-recon-detail-facts");
        facts.setId("recon-detail-facts");
        return new Div(heading, facts);
    }

    /** A URL across the whole width, wrapping at its separators (a break-anywhere rule tore words). */
    private Field urlField(String labelKey, String url, String id) {
        Field field = new Field(getTranslation(labelKey), LongText.url(url));
        field.addClassName("sp-field-wide");
        field.setId(id);
        return field;
    }

    private static Span amount(Money money) {
        Span amount = new Span(money.format());
        amount.addClassName("sp-recon-detail-amount");
        return amount;
    }

    private static String feeRate(int ppm) {
        return java.math.BigDecimal.valueOf(ppm, 4).stripTrailingZeros().toPlainString() + "%";
    }

    private String time(java.time.Instant instant) {
        return DateTimes.format(instant, zone);
    }

    private Div section(String titleKey, Component content) {
        Div section = new Div(new H3(getTranslation(titleKey)), content);
        section.addClassName("sp-recon-detail-section");
        return section;
    }

    private Component postings(TradeDetail detail) {
        if (detail.postings().isEmpty()) {
            return muted("recon.detail.noPostings");
        }
        Grid<TradeDetail.Posting> grid = new Grid<>(TradeDetail.Posting.class, false);
        grid.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_NO_BORDER);
        grid.addColumn(p -> getTranslation("recon.entry." + p.entryType().name()))
                .setHeader(getTranslation("recon.detail.entry"))
                .setAutoWidth(true);
        grid.addColumn(p -> getTranslation("recon.party." + p.party().name()))
                .setHeader(getTranslation("recon.detail.account"))
                .setAutoWidth(true);
        grid.addColumn(p ->
                        (p.amount() > 0 ? "+" : "") + Money.ofMinor(p.amount()).format())
                .setHeader(getTranslation("recon.detail.postingAmount"))
                .setTextAlign(ColumnTextAlign.END)
                .setAutoWidth(true);
        grid.addColumn(p -> time(p.at()))
                .setHeader(getTranslation("recon.detail.time"))
                .setAutoWidth(true);
        grid.addColumn(TradeDetail.Posting::reference)
                .setHeader(getTranslation("recon.detail.reference"))
                .setFlexGrow(1);
        grid.setItems(detail.postings());
        grid.setAllRowsVisible(true);
        grid.setId("recon-detail-postings");
        return grid;
    }

    private Component refunds(List<Refund> refunds) {
        Grid<Refund> grid = new Grid<>(Refund.class, false);
        grid.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_NO_BORDER);
        grid.addColumn(Refund::outRequestNo)
                .setHeader(getTranslation("recon.detail.requestNo"))
                .setAutoWidth(true);
        grid.addColumn(r -> Money.ofMinor(r.amount()).format())
                .setHeader(getTranslation("recon.detail.refundAmount"))
                .setTextAlign(ColumnTextAlign.END)
                .setAutoWidth(true);
        grid.addColumn(r -> Money.ofMinor(r.feeRefund()).format())
                .setHeader(getTranslation("recon.detail.feeRefunded"))
                .setTextAlign(ColumnTextAlign.END)
                .setAutoWidth(true);
        grid.addColumn(r -> r.reason() == null ? "" : r.reason())
                .setHeader(getTranslation("recon.detail.reason"))
                .setFlexGrow(1);
        grid.addColumn(r -> time(r.createdAt()))
                .setHeader(getTranslation("recon.detail.time"))
                .setAutoWidth(true);
        grid.setItems(refunds);
        grid.setAllRowsVisible(true);
        grid.setId("recon-detail-refunds");
        return grid;
    }

    private Component notifications(TradeDetail detail) {
        if (detail.notifications().isEmpty()) {
            return muted("recon.detail.noNotifications");
        }
        Grid<TradeDetail.NotificationLog> grid = new Grid<>(TradeDetail.NotificationLog.class, false);
        grid.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_NO_BORDER);
        grid.addColumn(n -> time(n.notification().createdAt()))
                .setHeader(getTranslation("recon.detail.time"))
                .setAutoWidth(true);
        grid.addColumn(n -> getTranslation("notify.event." + n.notification().eventKind()))
                .setHeader(getTranslation("notify.event"))
                .setAutoWidth(true);
        grid.addComponentColumn(n -> new Badge(
                        getTranslation(
                                "notify.status." + n.notification().status().name()),
                        switch (n.notification().status()) {
                            case SUCCEEDED -> "success";
                            case FAILED -> "error";
                            case PENDING -> "contrast";
                        }))
                .setHeader(getTranslation("notify.status"))
                .setAutoWidth(true);
        grid.addColumn(n ->
                        n.notification().attempts() + " / " + n.notification().maxAttempts())
                .setHeader(getTranslation("notify.attempts"))
                .setAutoWidth(true);
        grid.addColumn(n -> time(n.notification().lastAttemptAt()))
                .setHeader(getTranslation("notify.lastAttempt"))
                .setAutoWidth(true);
        grid.addColumn(n -> n.notification().notifyId()).setHeader("notify_id").setFlexGrow(1);
        grid.setItems(detail.notifications());
        grid.setAllRowsVisible(true);
        grid.setId("recon-detail-notifications");
        List<Attempt> attempts = new ArrayList<>();
        detail.notifications().forEach(n -> attempts.addAll(n.attempts()));
        if (attempts.isEmpty()) {
            return grid;
        }
        Grid<Attempt> attemptGrid = new Grid<>(Attempt.class, false);
        attemptGrid.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_NO_BORDER);
        attemptGrid
                .addColumn(Attempt::attemptNo)
                .setHeader("#")
                .setWidth("3rem")
                .setFlexGrow(0);
        attemptGrid
                .addColumn(a -> time(a.startedAt()))
                .setHeader(getTranslation("notify.attempt.time"))
                .setAutoWidth(true);
        attemptGrid.addColumn(a -> a.latencyMs() + " ms").setHeader(getTranslation("notify.attempt.latency"));
        attemptGrid
                .addColumn(a -> a.httpStatus() == null ? "—" : a.httpStatus().toString())
                .setHeader("HTTP");
        attemptGrid
                .addComponentColumn(a -> new Badge(
                        getTranslation(a.succeeded() ? "notify.attempt.ok" : "notify.attempt.failed"),
                        a.succeeded() ? "success" : "error"))
                .setHeader(getTranslation("notify.attempt.result"));
        attemptGrid
                .addColumn(TradeDetailDialog::responseOf)
                .setHeader(getTranslation("notify.attempt.response"))
                .setTooltipGenerator(TradeDetailDialog::responseOf)
                .setFlexGrow(2);
        // a click on an attempt shows its whole response below it, to read and copy
        attemptGrid.setItemDetailsRenderer(new ComponentRenderer<>(a -> LongText.block(responseOf(a))));
        attemptGrid.setItems(attempts);
        attemptGrid.setAllRowsVisible(true);
        attemptGrid.setId("recon-detail-attempts");
        Span title = new Span(getTranslation("recon.detail.attempts"));
        title.addClassName("sp-field-label");
        Span hint = new Span(getTranslation("notify.attempt.expandHint"));
        hint.addClassName("sp-muted");
        return new Div(grid, title, attemptGrid, hint);
    }

    private static String responseOf(Attempt attempt) {
        return attempt.error() != null ? attempt.error() : attempt.responseExcerpt();
    }

    private Component actions(TradeDetail detail) {
        Div actions = new Div();
        actions.addClassName("sp-recon-actions");
        if (detail.canShip()) {
            Button ship = new Button(getTranslation("recon.action.ship"), e -> {
                try {
                    reconciliation.ship(tradeNo);
                    success("recon.action.shipped");
                } catch (PaymentException refused) {
                    error(refused);
                }
                changed();
            });
            ship.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
            ship.setId("recon-ship");
            actions.add(ship);
        }
        if (detail.canRefund()) {
            actions.add(refundForm(detail));
        }
        return actions;
    }

    /**
     * The refund form starts empty, and nothing moves before a dialog has stated the trade, the amount,
     * what stays refundable and the reason: a pre-filled amount had one password entry refund it all.
     */
    private Component refundForm(TradeDetail detail) {
        Money refundable = Money.ofMinor(detail.refundable());
        TextField amount = new TextField(getTranslation("recon.refund.amount"));
        amount.setPrefixComponent(new Span("¥"));
        amount.setHelperText(getTranslation("recon.refund.max", refundable.format()));
        amount.setId("recon-refund-amount");
        amount.setWidth("11rem");
        TextField reason = new TextField(getTranslation("recon.refund.reason"));
        reason.setMaxLength(200);
        reason.setId("recon-refund-reason");
        reason.setWidth("16rem");
        PasswordField password = new PasswordField(getTranslation("recon.refund.password"));
        password.setId("recon-refund-password");
        password.setWidth("11rem");
        password.setRevealButtonVisible(false);
        Button submit = new Button(getTranslation("recon.action.refund"));
        submit.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_PRIMARY);
        submit.setId("recon-refund");
        submit.addClickListener(e -> {
            Money money;
            try {
                money = Money.parse(amount.getValue());
            } catch (MoneyFormatException invalid) {
                amount.setInvalid(true);
                amount.setErrorMessage(getTranslation(invalid.messageKey()));
                return;
            }
            if (!money.isPositive() || money.compareTo(refundable) > 0) {
                amount.setInvalid(true);
                amount.setErrorMessage(getTranslation("recon.refund.tooMuch", refundable.format()));
                return;
            }
            amount.setInvalid(false);
            if (password.isEmpty()) {
                password.setInvalid(true);
                password.setErrorMessage(getTranslation("recon.refund.passwordRequired"));
                return;
            }
            password.setInvalid(false);
            confirmRefund(money, refundable, reason.getValue(), () -> refund(money, reason, password));
        });
        HorizontalLayout form = new HorizontalLayout(amount, reason, password, submit);
        form.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        form.setWrap(true);
        form.addClassName("sp-recon-refund-form");
        return form;
    }

    private void confirmRefund(Money amount, Money refundable, String reason, Runnable refund) {
        Div summary = new Div(
                new Field(getTranslation("recon.col.tradeNo"), tradeNo),
                new Field(getTranslation("recon.refund.amount"), amount.format()),
                new Field(
                        getTranslation("recon.refund.remaining"),
                        refundable.minus(amount).format()),
                new Field(
                        getTranslation("recon.refund.reason"),
                        reason == null || reason.isBlank() ? getTranslation("recon.refund.noReason") : reason));
        summary.setId("recon-refund-summary");
        summary.addClassName("sp-refund-summary");
        ConfirmDialog confirm = new ConfirmDialog();
        confirm.setHeader(getTranslation("recon.refund.confirmTitle"));
        confirm.setText(summary);
        Button yes = new Button(getTranslation("recon.refund.confirm", amount.format()));
        yes.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_PRIMARY);
        yes.setId("recon-refund-confirm");
        yes.setDisableOnClick(true);
        yes.addClickListener(e -> {
            confirm.close();
            refund.run();
        });
        Button no = new Button(getTranslation("recon.refund.cancel"), e -> confirm.close());
        no.setId("recon-refund-cancel");
        confirm.setConfirmButton(yes);
        confirm.setCancelable(true);
        confirm.setCancelButton(no);
        confirm.open();
    }

    private void refund(Money money, TextField reason, PasswordField password) {
        RefundOutcome outcome;
        try {
            outcome = reconciliation.refund(tradeNo, refundRequestNo, money, reason.getValue(), password.getValue());
        } catch (PaymentException refused) {
            error(refused);
            return;
        }
        password.clear();
        switch (outcome.status()) {
            case REFUNDED, ALREADY_DONE -> {
                refundRequestNo = newRequestNo();
                success("recon.refund.done");
                changed();
            }
            case WRONG_PASSWORD -> {
                password.setInvalid(true);
                password.setErrorMessage(getTranslation("recon.refund.wrongPassword", outcome.remainingTries()));
            }
            case PASSWORD_LOCKED -> {
                password.setInvalid(true);
                password.setErrorMessage(getTranslation("recon.refund.locked"));
            }
            case NO_PASSWORD -> {
                password.setInvalid(true);
                password.setErrorMessage(getTranslation("recon.refund.noPassword"));
            }
        }
    }

    private void changed() {
        onChange.run();
        render();
    }

    private void success(String key) {
        Notification.show(getTranslation(key), 3000, Notification.Position.TOP_CENTER)
                .addThemeVariants(NotificationVariant.LUMO_SUCCESS);
    }

    private void error(PaymentException refused) {
        Notification.show(
                        getTranslation("recon.refused." + refused.reason().name()),
                        5000,
                        Notification.Position.TOP_CENTER)
                .addThemeVariants(NotificationVariant.LUMO_ERROR);
    }

    private Paragraph muted(String key) {
        Paragraph text = new Paragraph(getTranslation(key));
        text.addClassName("sp-muted");
        return text;
    }

    private static String newRequestNo() {
        return "BO" + UUID.randomUUID().toString().replace("-", "");
    }
}
