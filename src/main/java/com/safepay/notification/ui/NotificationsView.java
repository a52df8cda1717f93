package com.safepay.notification.ui;

import com.safepay.notification.Attempt;
import com.safepay.notification.Notification;
import com.safepay.notification.NotificationDispatcher;
import com.safepay.notification.NotificationService;
import com.safepay.notification.NotificationService.Filter;
import com.safepay.notification.NotificationStatus;
import com.safepay.shared.CurrentUser;
import com.safepay.shared.Role;
import com.safepay.shared.ui.Badge;
import com.safepay.shared.ui.DateTimePickers;
import com.safepay.shared.ui.DateTimes;
import com.safepay.shared.ui.Field;
import com.safepay.shared.ui.LongText;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.datetimepicker.DateTimePicker;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.renderer.ComponentRenderer;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** 通知记录: the asynchronous notifications, their attempts, and resending. */
@Route("notifications")
@Menu(title = "nav.notifications", order = 30, icon = "vaadin:bell")
@RolesAllowed({Role.MERCHANT_NAME, Role.ADMIN_NAME})
public class NotificationsView extends VerticalLayout implements HasDynamicTitle {

    private final NotificationService notifications;
    private final NotificationDispatcher dispatcher;
    private final ZoneId zone;
    private final Select<Optional<NotificationStatus>> status = new Select<>();
    private final TextField tradeNo = new TextField();
    private final DateTimePicker from = new DateTimePicker();
    private final DateTimePicker to = new DateTimePicker();
    private final Grid<Notification> grid = new Grid<>(Notification.class, false);
    private final Span total = new Span();

    public NotificationsView(
            NotificationService notifications, NotificationDispatcher dispatcher, CurrentUser currentUser) {
        this.notifications = notifications;
        this.dispatcher = dispatcher;
        this.zone = currentUser.require().zone();
        addClassName("sp-page");
        setSizeFull();

        status.setLabel(getTranslation("notify.status"));
        List<Optional<NotificationStatus>> statuses = new java.util.ArrayList<>();
        statuses.add(Optional.empty());
        Arrays.stream(NotificationStatus.values()).map(Optional::of).forEach(statuses::add);
        status.setItems(statuses);
        status.setItemLabelGenerator(s ->
                s.map(v -> getTranslation("notify.status." + v.name())).orElse(getTranslation("notify.status.all")));
        status.setValue(Optional.empty());
        status.setId("notify-status");
        tradeNo.setLabel(getTranslation("notify.tradeNo"));
        tradeNo.setClearButtonVisible(true);
        tradeNo.setId("notify-trade-no");
        from.setLabel(getTranslation("notify.from"));
        to.setLabel(getTranslation("notify.to"));
        Button search = new Button(getTranslation("notify.search"), e -> refresh());
        search.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        search.setId("notify-search");
        status.addValueChangeListener(e -> refresh());
        status.setWidth("9rem");
        tradeNo.setWidth("14rem");
        DateTimePickers.configure(from, getLocale());
        DateTimePickers.configure(to, getLocale());
        from.setWidth("17rem");
        to.setWidth("17rem");
        HorizontalLayout filters = new HorizontalLayout(status, tradeNo, from, to, search);
        filters.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        filters.setWrap(true);
        add(filters);

        if (currentUser.require().role() == Role.ADMIN) {
            add(resendAllFailed());
        }

        // compact rows and an event column as wide as its text ("Trade paid" was cut to "Trade …")
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES, GridVariant.LUMO_COMPACT);
        grid.addColumn(n -> DateTimes.format(n.createdAt(), zone))
                .setHeader(getTranslation("notify.createdAt"))
                .setAutoWidth(true);
        grid.addColumn(Notification::tradeNo)
                .setHeader(getTranslation("notify.tradeNo"))
                .setAutoWidth(true);
        grid.addColumn(n -> getTranslation("notify.event." + n.eventKind()))
                .setHeader(getTranslation("notify.event"))
                .setAutoWidth(true);
        grid.addComponentColumn(this::statusBadge)
                .setHeader(getTranslation("notify.status"))
                .setAutoWidth(true)
                .setFlexGrow(0);
        grid.addColumn(n -> n.attempts() + " / " + n.maxAttempts())
                .setHeader(getTranslation("notify.attempts"))
                .setAutoWidth(true)
                .setFlexGrow(0);
        // last and next send share one column, so that the notify URL keeps room at 1280 px
        grid.addComponentColumn(this::sends)
                .setHeader(getTranslation("notify.sends"))
                .setAutoWidth(true);
        // the URL is cut to its column: whole in the tooltip and in the dialog a click opens
        grid.addColumn(Notification::notifyUrl)
                .setHeader(getTranslation("notify.url"))
                .setTooltipGenerator(Notification::notifyUrl)
                .setWidth("7rem")
                .setFlexGrow(1);
        grid.setItems(query -> notifications.search(filter(), query.getOffset(), query.getLimit()).stream(), query ->
                (int) Math.min(Integer.MAX_VALUE, notifications.count(filter())));
        grid.addItemClickListener(e -> openAttempts(e.getItem()));
        grid.setId("notify-grid");
        total.addClassName("sp-muted");
        add(grid, total);
        setFlexGrow(1, grid);
        updateTotal();
    }

    private Div resendAllFailed() {
        DateTimePicker since = new DateTimePicker(getTranslation("notify.resendAll.since"));
        DateTimePickers.configure(since, getLocale());
        since.setValue(LocalDateTime.now(zone).minusDays(1).withSecond(0).withNano(0));
        Button resend = new Button(getTranslation("notify.resendAll"), e -> {
            if (since.getValue() == null) {
                since.setInvalid(true);
                since.setErrorMessage(getTranslation("notify.resendAll.required"));
                return;
            }
            Instant instant = since.getValue().atZone(zone).toInstant();
            ConfirmDialog confirm = new ConfirmDialog();
            confirm.setHeader(getTranslation("notify.resendAll"));
            confirm.setText(getTranslation("notify.resendAll.confirm", DateTimes.format(instant, zone)));
            confirm.setCancelable(true);
            confirm.setCancelText(getTranslation("notify.cancel"));
            confirm.setConfirmText(getTranslation("notify.resendAll"));
            confirm.addConfirmListener(c -> {
                int count = notifications.resendAllFailedSince(instant);
                waitBriefly(dispatcher.dispatchDue());
                com.vaadin.flow.component.notification.Notification.show(
                                getTranslation("notify.resendAll.done", count),
                                4000,
                                com.vaadin.flow.component.notification.Notification.Position.TOP_CENTER)
                        .addThemeVariants(NotificationVariant.LUMO_SUCCESS);
                refresh();
            });
            confirm.open();
        });
        resend.addThemeVariants(ButtonVariant.LUMO_ERROR);
        HorizontalLayout row = new HorizontalLayout(since, resend);
        row.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        Div box = new Div(row);
        box.addClassName("sp-admin-tools");
        return box;
    }

    private Filter filter() {
        return new Filter(
                status.getValue() == null ? null : status.getValue().orElse(null),
                tradeNo.getValue(),
                from.getValue() == null ? null : from.getValue().atZone(zone).toInstant(),
                to.getValue() == null ? null : to.getValue().atZone(zone).toInstant());
    }

    private void refresh() {
        if (from.getValue() != null && to.getValue() != null && from.getValue().isAfter(to.getValue())) {
            to.setInvalid(true);
            to.setErrorMessage(getTranslation("notify.range.invalid"));
            return;
        }
        to.setInvalid(false);
        grid.getDataProvider().refreshAll();
        updateTotal();
    }

    private void updateTotal() {
        total.setText(getTranslation("notify.total", notifications.count(filter())));
    }

    /** The last send's time and, while a retry is due, the next one's on a second line. */
    private Div sends(Notification n) {
        Div cell = new Div(new Div(DateTimes.format(n.lastAttemptAt(), zone)));
        if (n.status() == NotificationStatus.PENDING && n.nextAttemptAt() != null) {
            Div next = new Div(getTranslation("notify.nextAttemptAt", DateTimes.format(n.nextAttemptAt(), zone)));
            next.addClassName("sp-muted");
            cell.add(next);
        }
        return cell;
    }

    private Badge statusBadge(Notification n) {
        return new Badge(
                getTranslation("notify.status." + n.status().name()),
                switch (n.status()) {
                    case SUCCEEDED -> "success";
                    case FAILED -> "error";
                    case PENDING -> "contrast";
                });
    }

    private void openAttempts(Notification notification) {
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle(getTranslation("notify.attemptsOf", notification.tradeNo()));
        dialog.setWidth("min(60rem, 95vw)");
        Div facts = new Div(
                new Span("notify_id: " + notification.notifyId()),
                new Span(getTranslation(
                        "labelled",
                        getTranslation("notify.event"),
                        getTranslation("notify.event." + notification.eventKind()))),
                statusBadge(notification));
        facts.addClassName("sp-notify-facts");
        Field url = new Field(getTranslation("notify.url"), LongText.url(notification.notifyUrl()));
        url.addClassName("sp-notify-url");
        url.setId("notify-url");
        Grid<Attempt> attempts = new Grid<>(Attempt.class, false);
        attempts.addThemeVariants(GridVariant.LUMO_COMPACT);
        attempts.addColumn(Attempt::attemptNo).setHeader("#").setWidth("3rem").setFlexGrow(0);
        attempts.addColumn(a -> DateTimes.format(a.startedAt(), zone))
                .setHeader(getTranslation("notify.attempt.time"))
                .setAutoWidth(true);
        attempts.addColumn(a -> a.latencyMs() + " ms").setHeader(getTranslation("notify.attempt.latency"));
        attempts.addColumn(a -> a.httpStatus() == null ? "—" : a.httpStatus().toString())
                .setHeader("HTTP");
        attempts.addComponentColumn(a -> new Badge(
                        getTranslation(a.succeeded() ? "notify.attempt.ok" : "notify.attempt.failed"),
                        a.succeeded() ? "success" : "error"))
                .setHeader(getTranslation("notify.attempt.result"));
        attempts.addColumn(NotificationsView::responseOf)
                .setHeader(getTranslation("notify.attempt.response"))
                .setTooltipGenerator(NotificationsView::responseOf)
                .setFlexGrow(2);
        // a click on an attempt shows its whole response below it, to read and copy
        attempts.setItemDetailsRenderer(new ComponentRenderer<>(a -> LongText.block(responseOf(a))));
        attempts.setItems(notifications.attempts(notification.id()));
        attempts.setAllRowsVisible(true);
        attempts.setId("notify-attempts");
        Button resend = new Button(getTranslation("notify.resend"), e -> {
            notifications.resend(notification.id());
            waitBriefly(dispatcher.dispatchDue());
            dialog.close();
            refresh();
        });
        resend.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        resend.setId("notify-resend");
        Button close = new Button(getTranslation("notify.close"), e -> dialog.close());
        Span hint = new Span(getTranslation("notify.attempt.expandHint"));
        hint.addClassName("sp-muted");
        dialog.add(facts, url, attempts, hint);
        dialog.getFooter().add(close, resend);
        dialog.open();
    }

    private static String responseOf(Attempt attempt) {
        return attempt.error() != null ? attempt.error() : attempt.responseExcerpt();
    }

    /** Waits for sends to finish (at most the send timeout) so that the list shows their outcome. */
    private static void waitBriefly(List<CompletableFuture<Void>> sends) {
        try {
            CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).get(11, TimeUnit.SECONDS);
        } catch (TimeoutException | ExecutionException e) {
            // the list shows the notification as pending; the dispatcher records the outcome
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String getPageTitle() {
        return getTranslation("nav.notifications");
    }
}
