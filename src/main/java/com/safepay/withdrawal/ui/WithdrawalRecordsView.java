package com.safepay.withdrawal.ui;

import com.safepay.shared.CurrentUser;
import com.safepay.shared.Money;
import com.safepay.shared.Role;
import com.safepay.shared.export.ExportFormat;
import com.safepay.shared.ui.Badge;
import com.safepay.shared.ui.DateTimePickers;
import com.safepay.shared.ui.DateTimes;
import com.safepay.withdrawal.Withdrawal;
import com.safepay.withdrawal.WithdrawalException;
import com.safepay.withdrawal.WithdrawalExports;
import com.safepay.withdrawal.WithdrawalService;
import com.safepay.withdrawal.WithdrawalService.Filter;
import com.safepay.withdrawal.WithdrawalStatus;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.datetimepicker.DateTimePicker;
import com.vaadin.flow.component.grid.ColumnTextAlign;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import java.io.OutputStream;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;

/** 提现记录: the merchant's withdrawals with status, bank and times; filter by time (≤ 180 days) and status. */
@Route("withdrawals")
@Menu(title = "nav.withdrawals", order = 41, icon = "vaadin:list")
@RolesAllowed({Role.MERCHANT_NAME, Role.FINANCE_NAME})
public class WithdrawalRecordsView extends VerticalLayout implements HasDynamicTitle {

    private final WithdrawalService withdrawals;
    private final ZoneId zone;
    private final DateTimePicker from = new DateTimePicker();
    private final DateTimePicker to = new DateTimePicker();
    private final Select<Optional<WithdrawalStatus>> status = new Select<>();
    private final Grid<Withdrawal> grid = new Grid<>(Withdrawal.class, false);
    private final Span total = new Span();

    public WithdrawalRecordsView(
            WithdrawalService withdrawals, WithdrawalExports exports, CurrentUser currentUser, Clock clock) {
        this.withdrawals = withdrawals;
        this.zone = currentUser.require().zone();
        addClassName("sp-page");
        setSizeFull();
        LocalDateTime now = LocalDateTime.ofInstant(clock.instant(), zone);
        from.setLabel(getTranslation("withdrawals.from"));
        to.setLabel(getTranslation("withdrawals.to"));
        from.setValue(now.minusDays(30).withSecond(0).withNano(0));
        to.setValue(now.plusMinutes(1).withSecond(0).withNano(0));
        DateTimePickers.configure(from, getLocale());
        DateTimePickers.configure(to, getLocale());
        from.setWidth("17rem");
        to.setWidth("17rem");
        to.setId("withdrawals-to");
        List<Optional<WithdrawalStatus>> statuses = new ArrayList<>();
        statuses.add(Optional.empty());
        Arrays.stream(WithdrawalStatus.values()).map(Optional::of).forEach(statuses::add);
        status.setLabel(getTranslation("withdrawals.status"));
        status.setItems(statuses);
        status.setItemLabelGenerator(s -> s.map(v -> getTranslation("withdrawal.status." + v.name()))
                .orElse(getTranslation("notify.status.all")));
        status.setValue(Optional.empty());
        Button search = new Button(getTranslation("withdrawals.search"), e -> refresh());
        search.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        search.setId("withdrawals-search");
        Locale locale = getLocale();
        Function<String, String> text = key -> getTranslation(locale, key);
        HorizontalLayout download = ExportLinks.of(
                new ExportLinks.Source() {
                    @Override
                    public String fileName(ExportFormat format) {
                        return exports.fileName(
                                filter().from(), filter().to(), text.apply("withdrawals.fileName"), format);
                    }

                    @Override
                    public void write(ExportFormat format, OutputStream out) {
                        exports.writeWithdrawals(filter(), format, text, out);
                    }
                },
                text,
                "withdrawals-export");
        HorizontalLayout filters = new HorizontalLayout(from, to, status, search, download);
        filters.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        filters.setWrap(true); // at 1280 px in English the export links go to a second line, not off-screen

        // Long bank names and reasons wrap instead of being cut; numbers, amounts and times keep their width.
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES, GridVariant.LUMO_WRAP_CELL_CONTENT);
        grid.addColumn(Withdrawal::withdrawalNo)
                .setHeader(getTranslation("withdrawals.no"))
                .setAutoWidth(true);
        grid.addColumn(w -> Money.ofMinor(w.amount()).format())
                .setHeader(getTranslation("withdrawals.amount"))
                .setTextAlign(ColumnTextAlign.END)
                .setAutoWidth(true)
                .setFlexGrow(0);
        grid.addColumn(w -> getTranslation("bank." + w.bank().name()) + " " + w.maskedNumber())
                .setHeader(getTranslation("withdrawals.bank"))
                .setWidth("12rem")
                .setFlexGrow(1)
                .setPartNameGenerator(w -> "sp-bank-name");
        grid.addComponentColumn(this::statusBadge)
                .setHeader(getTranslation("withdrawals.status"))
                .setWidth("9rem")
                .setFlexGrow(0);
        // "In progress (awaiting the bank)" wraps inside its badge instead of being cut
        grid.addClassName("sp-wrapping-badges");
        grid.addColumn(w -> DateTimes.format(w.requestedAt(), zone))
                .setHeader(getTranslation("withdrawals.requestedAt"))
                .setAutoWidth(true);
        grid.addColumn(w -> DateTimes.format(w.finishedAt(), zone))
                .setHeader(getTranslation("withdrawals.finishedAt"))
                .setAutoWidth(true);
        grid.addColumn(w -> w.failureReason() == null ? "" : w.failureReason())
                .setHeader(getTranslation("withdrawals.reason"))
                .setFlexGrow(2);
        grid.setItems(
                query -> valid()
                        ? withdrawals.records(filter(), query.getOffset(), query.getLimit()).stream()
                        : Stream.empty(),
                query -> valid() ? (int) withdrawals.count(filter()) : 0);
        grid.setId("withdrawals-grid");
        total.addClassName("sp-muted");
        add(filters, grid, total);
        setFlexGrow(1, grid);
        updateTotal();
    }

    private Filter filter() {
        return new Filter(
                from.getValue().atZone(zone).toInstant(),
                to.getValue().atZone(zone).toInstant(),
                status.getValue() == null ? null : status.getValue().orElse(null));
    }

    private boolean valid() {
        to.setInvalid(false);
        if (from.getValue() == null || to.getValue() == null) {
            return false;
        }
        try {
            withdrawals.count(filter());
            return true;
        } catch (WithdrawalException e) {
            to.setErrorMessage(getTranslation(e.messageKey()));
            to.setInvalid(true);
            return false;
        }
    }

    private void refresh() {
        grid.getDataProvider().refreshAll();
        updateTotal();
    }

    private void updateTotal() {
        total.setText(valid() ? getTranslation("withdrawals.total", withdrawals.count(filter())) : "");
    }

    private Badge statusBadge(Withdrawal w) {
        return new Badge(
                getTranslation("withdrawal.status." + w.status().name()),
                switch (w.status()) {
                    case SUCCEEDED -> "success";
                    case FAILED -> "error";
                    default -> "contrast";
                });
    }

    @Override
    public String getPageTitle() {
        return getTranslation("nav.withdrawals");
    }
}
