package com.safepay.reconciliation.ui;

import com.safepay.payment.TradeType;
import com.safepay.reconciliation.ExportJob;
import com.safepay.reconciliation.InvalidRangeException;
import com.safepay.reconciliation.ReconciliationService;
import com.safepay.reconciliation.SearchResult;
import com.safepay.reconciliation.SortOrder;
import com.safepay.reconciliation.StatusTab;
import com.safepay.reconciliation.Totals;
import com.safepay.reconciliation.TradeRow;
import com.safepay.reconciliation.TradeSearch;
import com.safepay.reconciliation.TradeSearch.NumberKind;
import com.safepay.reconciliation.TradeSearch.RangeProblem;
import com.safepay.shared.CurrentUser;
import com.safepay.shared.CurrentUser.SignedInUser;
import com.safepay.shared.Money;
import com.safepay.shared.Role;
import com.safepay.shared.export.ExportFormat;
import com.safepay.shared.ui.DateTimePickers;
import com.safepay.shared.ui.DateTimes;
import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.datetimepicker.DateTimePicker;
import com.vaadin.flow.component.grid.ColumnTextAlign;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.AttachmentType;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.Icon;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.progressbar.ProgressBar;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.tabs.Tab;
import com.vaadin.flow.component.tabs.Tabs;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.streams.DownloadHandler;
import com.vaadin.flow.server.streams.DownloadResponse;
import com.vaadin.flow.shared.Registration;
import jakarta.annotation.security.RolesAllowed;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * 交易明细: search the merchant's trades, switch status tabs, page through them, see the totals of the
 * filter, open a trade, and download the filter as Excel or text.
 */
@Route("transactions")
@Menu(title = "nav.transactions", order = 15, icon = "vaadin:records")
@RolesAllowed({Role.MERCHANT_NAME, Role.FINANCE_NAME})
public class TransactionsView extends VerticalLayout implements HasDynamicTitle, BeforeEnterObserver {

    private final ReconciliationService reconciliation;
    private final SignedInUser user;
    private final ZoneId zone;
    private final Clock clock;

    private final Select<NumberKind> numberKind = new Select<>();
    private final TextField number = new TextField();
    private final TextField productName = new TextField();
    private final TextField counterparty = new TextField();
    private final Select<Optional<TradeType>> type = new Select<>();
    private final DateTimePicker start = new DateTimePicker();
    private final DateTimePicker end = new DateTimePicker();
    private final Span rangeError = new Span();

    private final Tabs tabs = new Tabs();
    private final Map<StatusTab, Tab> tabByStatus = new EnumMap<>(StatusTab.class);
    private final Div summary = new Div();
    private final Grid<TradeRow> grid = new Grid<>(TradeRow.class, false);
    private final Span pageInfo = new Span();
    private final Select<Integer> pageSize = new Select<>();
    private final Button first = new Button(new Icon(VaadinIcon.ANGLE_DOUBLE_LEFT));
    private final Button previous = new Button(new Icon(VaadinIcon.ANGLE_LEFT));
    private final Button next = new Button(new Icon(VaadinIcon.ANGLE_RIGHT));
    private final Button last = new Button(new Icon(VaadinIcon.ANGLE_DOUBLE_RIGHT));
    private final Button sortToggle = new Button();
    private final Div exports = new Div();
    private final List<ExportPanel> exportPanels = new ArrayList<>();
    private Registration polling;

    private TradeSearch applied;
    private StatusTab tab = StatusTab.ALL;
    private SortOrder sort = SortOrder.NEWEST_FIRST;
    private int page;
    private int pageCount = 1;

    public TransactionsView(ReconciliationService reconciliation, CurrentUser currentUser, Clock clock) {
        this.reconciliation = reconciliation;
        this.clock = clock;
        this.user = currentUser.require();
        this.zone = user.zone();
        addClassName("sp-page");
        addClassName("sp-recon");
        setWidthFull();

        add(filters(), tabs(), summaryBar(), exports, grid(), legendAndPager());
        resetRange();
        applied = searchFromFields();
        refresh();
    }

    // ---------------------------------------------------------------------------------------------
    // Filters

    private Component filters() {
        numberKind.setItems(NumberKind.values());
        numberKind.setItemLabelGenerator(kind -> getTranslation("recon.numberKind." + kind.name()));
        numberKind.setValue(NumberKind.TRADE_NO);
        numberKind.setLabel(getTranslation("recon.filter.number"));
        numberKind.setWidth("9rem");
        numberKind.setId("recon-number-kind");
        numberKind.addValueChangeListener(e -> number.setPlaceholder(numberPlaceholder()));
        number.setPlaceholder(numberPlaceholder());
        number.setClearButtonVisible(true);
        number.setWidth("16rem");
        number.setId("recon-number");
        number.setAriaLabel(getTranslation("recon.filter.number"));
        number.addClassName("sp-recon-number");

        productName.setLabel(getTranslation("recon.col.subject"));
        productName.setPlaceholder(getTranslation("recon.filter.contains"));
        productName.setClearButtonVisible(true);
        productName.setId("recon-product");
        productName.setWidth("12rem");
        counterparty.setLabel(getTranslation("recon.col.counterparty"));
        counterparty.setPlaceholder("138****5678");
        counterparty.setClearButtonVisible(true);
        counterparty.setId("recon-counterparty");
        counterparty.setWidth("10rem");

        List<Optional<TradeType>> types = new ArrayList<>();
        types.add(Optional.empty());
        for (TradeType t : TradeType.values()) {
            types.add(Optional.of(t));
        }
        type.setItems(types);
        type.setItemLabelGenerator(
                t -> t.map(v -> getTranslation("recon.type." + v.name())).orElse(getTranslation("recon.type.all")));
        type.setValue(Optional.empty());
        type.setLabel(getTranslation("recon.col.type"));
        type.setWidth("9rem");
        type.setId("recon-type");

        for (DateTimePicker picker : List.of(start, end)) {
            picker.setStep(Duration.ofMinutes(30));
            DateTimePickers.configure(picker, getLocale());
            picker.setWidth("17rem");
            picker.addValueChangeListener(e -> showRangeProblem(rangeProblemOfFields()));
        }
        start.setLabel(getTranslation("recon.filter.start"));
        start.setId("recon-start");
        end.setLabel(getTranslation("recon.filter.end"));
        end.setId("recon-end");
        end.setHelperText(getTranslation("recon.filter.endHint"));
        rangeError.addClassName("sp-recon-range-error");
        rangeError.setId("recon-range-error");
        rangeError.setVisible(false);

        Button search = new Button(getTranslation("recon.search"), new Icon(VaadinIcon.SEARCH), e -> search());
        search.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        search.setId("recon-search");
        Button reset = new Button(getTranslation("recon.reset"), e -> {
            numberKind.setValue(NumberKind.TRADE_NO);
            number.clear();
            productName.clear();
            counterparty.clear();
            type.setValue(Optional.empty());
            resetRange();
            search();
        });
        reset.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        reset.setId("recon-reset");

        HorizontalLayout numberBox = new HorizontalLayout(numberKind, number);
        numberBox.setSpacing(false);
        numberBox.addClassName("sp-recon-number-box");
        numberBox.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        HorizontalLayout first = new HorizontalLayout(numberBox, productName, counterparty, type);
        first.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        first.setWrap(true);

        Div quick = new Div();
        quick.addClassName("sp-recon-quick");
        quick.add(quickRange("recon.quick.today", 0), quickRange("recon.quick.7", 6), quickRange("recon.quick.30", 29));
        quick.add(quickRange("recon.quick.90", 89), quickRange("recon.quick.180", 179));
        HorizontalLayout second = new HorizontalLayout(start, end, search, reset, rangeError);
        second.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        second.setWrap(true);

        Div card = new Div(first, second, quick);
        card.addClassNames("sp-card", "sp-recon-filters");
        return card;
    }

    private Button quickRange(String key, int daysBack) {
        Button button = new Button(getTranslation(key), e -> {
            LocalDate today = today();
            start.setValue(today.minusDays(daysBack).atStartOfDay());
            end.setValue(today.plusDays(1).atStartOfDay());
            search();
        });
        button.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
        return button;
    }

    private LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), zone);
    }

    private String numberPlaceholder() {
        return getTranslation("recon.numberKind." + numberKind.getValue().name());
    }

    /** The last 7 days, today included: from 00:00 six days ago to 00:00 tomorrow. */
    private void resetRange() {
        LocalDate today = today();
        start.setValue(today.minusDays(6).atStartOfDay());
        end.setValue(today.plusDays(1).atStartOfDay());
    }

    private TradeSearch searchFromFields() {
        return new TradeSearch(
                numberKind.getValue(),
                number.getValue(),
                productName.getValue(),
                counterparty.getValue(),
                type.getValue() == null ? null : type.getValue().orElse(null),
                start.getValue() == null ? null : start.getValue().atZone(zone).toInstant(),
                end.getValue() == null ? null : end.getValue().atZone(zone).toInstant());
    }

    private Optional<RangeProblem> rangeProblemOfFields() {
        LocalDateTime from = start.getValue();
        LocalDateTime to = end.getValue();
        return TradeSearch.checkRange(
                from == null ? null : from.atZone(zone).toInstant(),
                to == null ? null : to.atZone(zone).toInstant());
    }

    private void showRangeProblem(Optional<RangeProblem> problem) {
        boolean invalid = problem.isPresent();
        start.setInvalid(invalid && problem.get() == RangeProblem.START_AFTER_END);
        end.setInvalid(invalid);
        rangeError.setVisible(invalid);
        rangeError.setText(problem.map(p -> getTranslation(p.messageKey())).orElse(""));
        if (invalid) {
            clearResults();
        }
    }

    /**
     * Under a refused filter the screen shows no result at all: rows, totals and counts of the last
     * search would read as the answer to the filter on screen.
     */
    private void clearResults() {
        grid.setItems(List.of());
        grid.setEmptyStateText(getTranslation("recon.empty.invalidFilter"));
        summary.removeAll();
        summary.setVisible(false);
        pageInfo.setText("");
        for (Button b : List.of(first, previous, next, last)) {
            b.setEnabled(false);
        }
        tabByStatus.forEach((status, t) -> t.setLabel(getTranslation("recon.tab." + status.name())));
        dropExports();
    }

    /** An export belongs to the filter it was made from: when the filter changes, its link goes. */
    private void dropExports() {
        exportPanels.forEach(panel -> {
            panel.job.discard();
            exports.remove(panel);
        });
        exportPanels.clear();
    }

    /** Applies the fields: checked here first, so a refused range never reaches the database. */
    private void search() {
        Optional<RangeProblem> problem = rangeProblemOfFields();
        showRangeProblem(problem);
        if (problem.isPresent()) {
            return;
        }
        applied = searchFromFields();
        page = 0;
        dropExports();
        refresh();
    }

    // ---------------------------------------------------------------------------------------------
    // Tabs, totals, grid, pager

    private Component tabs() {
        for (StatusTab status : StatusTab.values()) {
            Tab t = new Tab(getTranslation("recon.tab." + status.name()));
            t.setId("recon-tab-" + status.name());
            tabByStatus.put(status, t);
            tabs.add(t);
        }
        tabs.addClassName("sp-recon-tabs");
        tabs.setWidthFull();
        tabs.addSelectedChangeListener(e -> {
            if (!e.isFromClient()) {
                return;
            }
            tabByStatus.forEach((status, t) -> {
                if (t == e.getSelectedTab()) {
                    tab = status;
                }
            });
            page = 0;
            dropExports();
            refresh();
        });
        return tabs;
    }

    private Component summaryBar() {
        summary.addClassName("sp-recon-summary");
        summary.setId("recon-summary");
        return summary;
    }

    private Component grid() {
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES, GridVariant.LUMO_COMPACT);
        grid.setAllRowsVisible(true);
        grid.setId("recon-grid");
        grid.addClassName("sp-recon-grid");
        grid.addColumn(TradeRow::tradeNo)
                .setHeader(getTranslation("recon.col.tradeNo"))
                .setAutoWidth(true)
                .setFlexGrow(0)
                .setKey("tradeNo");
        // Order no and product name give way first on a narrow screen (their tooltips show them whole),
        // so that every column fits 1280 px and nothing hides under the amount column.
        grid.addColumn(TradeRow::outTradeNo)
                .setHeader(titledHeader("recon.col.outTradeNo"))
                .setWidth("5rem")
                .setFlexGrow(1)
                .setTooltipGenerator(TradeRow::outTradeNo)
                .setKey("outTradeNo");
        sortToggle.addThemeVariants(ButtonVariant.LUMO_TERTIARY_INLINE, ButtonVariant.LUMO_SMALL);
        sortToggle.setId("recon-sort");
        sortToggle.addClickListener(e -> {
            sort = sort == SortOrder.NEWEST_FIRST ? SortOrder.OLDEST_FIRST : SortOrder.NEWEST_FIRST;
            page = 0;
            dropExports();
            refresh();
        });
        updateSortToggle();
        grid.addColumn(row -> DateTimes.format(row.createdAt(), zone))
                .setHeader(sortToggle)
                .setAutoWidth(true)
                .setFlexGrow(0)
                .setKey("createdAt");
        grid.addComponentColumn(this::typeCell)
                .setHeader(getTranslation("recon.col.type"))
                .setAutoWidth(true)
                .setFlexGrow(0)
                .setKey("type");
        grid.addColumn(row -> row.counterparty() == null ? "—" : row.counterparty())
                .setHeader(getTranslation("recon.col.counterparty"))
                .setAutoWidth(true)
                .setFlexGrow(0);
        grid.addColumn(TradeRow::subject)
                .setHeader(titledHeader("recon.col.subject"))
                .setWidth("5rem")
                .setFlexGrow(2)
                .setTooltipGenerator(TradeRow::subject)
                .setKey("subject");
        // A long status ("Awaiting confirmation") wraps in its badge on a narrow screen rather than
        // push the amount out of view; the column takes a share of spare width first.
        grid.addComponentColumn(row -> StatusBadges.of(row.status(), this::getTranslation))
                .setHeader(getTranslation("recon.col.status"))
                .setWidth("6.75rem")
                .setFlexGrow(1)
                .setKey("status");
        // Amount and detail button stay in view when the grid scrolls sideways on a narrow screen.
        grid.addComponentColumn(this::amountCell)
                .setHeader(getTranslation("recon.col.amount"))
                .setTextAlign(ColumnTextAlign.END)
                .setAutoWidth(true)
                .setFlexGrow(0)
                .setFrozenToEnd(true)
                .setKey("amount");
        grid.addComponentColumn(row -> {
                    Button open = new Button(new Icon(VaadinIcon.EYE), e -> openDetail(row.tradeNo()));
                    open.addThemeVariants(ButtonVariant.LUMO_TERTIARY_INLINE, ButtonVariant.LUMO_ICON);
                    open.setAriaLabel(getTranslation("recon.detail"));
                    open.setTooltipText(getTranslation("recon.detail"));
                    open.addClassName("sp-recon-open");
                    return open;
                })
                .setWidth("2.5rem")
                .setFlexGrow(0)
                .setFrozenToEnd(true);
        grid.setEmptyStateText(getTranslation("recon.empty"));
        return grid;
    }

    private void updateSortToggle() {
        sortToggle.setText(getTranslation("recon.col.createdAt"));
        sortToggle.setIcon(new Icon(sort == SortOrder.NEWEST_FIRST ? VaadinIcon.ARROW_DOWN : VaadinIcon.ARROW_UP));
        sortToggle.setIconAfterText(true);
        sortToggle.setTooltipText(
                getTranslation(sort == SortOrder.NEWEST_FIRST ? "recon.sort.newestFirst" : "recon.sort.oldestFirst"));
        sortToggle.getElement().setAttribute("data-sort", sort.name());
    }

    /** A header that may be cut on a narrow screen, whole in its tooltip. */
    private Component titledHeader(String key) {
        Span header = new Span(getTranslation(key));
        header.getElement().setAttribute("title", getTranslation(key));
        return header;
    }

    private Component typeCell(TradeRow row) {
        return TypeIcons.label(row.type(), this::getTranslation);
    }

    private Component amountCell(TradeRow row) {
        Span amount = new Span(row.amountMoney().format());
        amount.addClassName("sp-recon-amount");
        if (!row.hasRefund()) {
            return amount;
        }
        Icon refunded = TypeIcons.refundIcon();
        refunded.setTooltipText(getTranslation(
                "recon.refundedAmount", Money.ofMinor(row.refundTotal()).format()));
        Span cell = new Span(refunded, amount);
        cell.addClassName("sp-recon-amount-cell");
        return cell;
    }

    private Component legendAndPager() {
        Div legend = new Div(
                legendItem(TypeIcons.icon(TradeType.ESCROW), "recon.type.ESCROW"),
                legendItem(TypeIcons.icon(TradeType.INSTANT), "recon.type.INSTANT"),
                legendItem(TypeIcons.refundIcon(), "recon.legend.refund"));
        legend.addClassName("sp-recon-legend");
        legend.setId("recon-legend");

        pageSize.setItems(ReconciliationService.PAGE_SIZES);
        pageSize.setValue(ReconciliationService.PAGE_SIZES.getFirst());
        pageSize.setItemLabelGenerator(size -> getTranslation("recon.pageSize", size));
        pageSize.setWidth("8.5rem");
        pageSize.setId("recon-page-size");
        pageSize.setAriaLabel(getTranslation("recon.pageSize.label"));
        pageSize.addValueChangeListener(e -> {
            if (e.isFromClient()) {
                page = 0;
                refresh();
            }
        });
        first.addClickListener(e -> goTo(0));
        previous.addClickListener(e -> goTo(page - 1));
        next.addClickListener(e -> goTo(page + 1));
        last.addClickListener(e -> goTo(pageCount - 1));
        first.setId("recon-first");
        previous.setId("recon-previous");
        next.setId("recon-next");
        last.setId("recon-last");
        first.setAriaLabel(getTranslation("recon.page.first"));
        previous.setAriaLabel(getTranslation("recon.page.previous"));
        next.setAriaLabel(getTranslation("recon.page.next"));
        last.setAriaLabel(getTranslation("recon.page.last"));
        for (Button b : List.of(first, previous, next, last)) {
            b.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_SMALL);
        }
        pageInfo.setId("recon-page-info");
        pageInfo.addClassName("sp-recon-page-info");
        HorizontalLayout pager = new HorizontalLayout(pageInfo, pageSize, first, previous, next, last);
        pager.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.CENTER);
        pager.addClassName("sp-recon-pager");

        Div bar = new Div(legend, pager);
        bar.addClassName("sp-recon-footer-bar");
        return bar;
    }

    private Component legendItem(Icon icon, String key) {
        Span item = new Span(icon, new Span(getTranslation(key)));
        item.addClassName("sp-recon-legend-item");
        return item;
    }

    private void goTo(int target) {
        page = Math.max(0, Math.min(target, pageCount - 1));
        refresh();
    }

    /** Runs the applied search for the tab and page, and shows rows, totals and counts. */
    private void refresh() {
        SearchResult result;
        try {
            result = reconciliation.search(applied, tab, sort, page, pageSize.getValue());
        } catch (InvalidRangeException e) {
            showRangeProblem(Optional.of(e.problem()));
            return;
        }
        if (page >= result.pageCount()) {
            page = result.pageCount() - 1;
            result = reconciliation.search(applied, tab, sort, page, pageSize.getValue());
        }
        show(result);
    }

    private void show(SearchResult result) {
        pageCount = result.pageCount();
        grid.setItems(result.rows());
        // Vaadin sizes auto-width columns from the first rows only: a later page or tab with larger
        // amounts would be cut off.
        grid.recalculateColumnWidths();
        updateSortToggle();
        tabByStatus.forEach((status, t) -> t.setLabel(getTranslation(
                "recon.tab.withCount",
                getTranslation("recon.tab." + status.name()),
                result.tabCounts().get(status))));
        tabs.setSelectedTab(tabByStatus.get(tab));
        showTotals(result.totals());
        long firstShown = (long) page * pageSize.getValue() + 1;
        pageInfo.setText(
                result.rows().isEmpty()
                        ? getTranslation("recon.page.info", result.totals().count(), page + 1, pageCount)
                        : getTranslation(
                                "recon.page.infoShowing",
                                result.totals().count(),
                                firstShown,
                                firstShown + result.rows().size() - 1,
                                page + 1,
                                pageCount));
        first.setEnabled(page > 0);
        previous.setEnabled(page > 0);
        next.setEnabled(page < pageCount - 1);
        last.setEnabled(page < pageCount - 1);
    }

    private void showTotals(Totals totals) {
        summary.removeAll();
        summary.setVisible(true);
        grid.setEmptyStateText(getTranslation("recon.empty"));
        Span title = new Span(getTranslation("recon.totals.title"));
        title.addClassName("sp-recon-summary-title");
        Div figures = new Div(
                figure("recon.totals.count", getTranslation("recon.totals.countValue", totals.count()), "count"),
                figure("recon.col.amount", totals.amountMoney().format(), "amount"),
                figure("recon.col.refunded", totals.refundMoney().format(), "refunded"),
                figure("recon.col.fee", totals.feeMoney().format(), "fee"),
                figure("recon.col.net", totals.netMoney().format(), "net"));
        figures.addClassName("sp-recon-figures");
        Button xlsx = new Button(
                getTranslation("recon.export.xlsx"),
                new Icon(VaadinIcon.FILE_TABLE),
                e -> startExport(ExportFormat.XLSX));
        xlsx.setId("recon-export-xlsx");
        Button txt = new Button(
                getTranslation("recon.export.txt"),
                new Icon(VaadinIcon.FILE_TEXT_O),
                e -> startExport(ExportFormat.TXT));
        txt.setId("recon-export-txt");
        Div actions = new Div(xlsx, txt);
        actions.addClassName("sp-recon-export-buttons");
        summary.add(new Div(title, figures), actions);
    }

    private Div figure(String labelKey, String value, String id) {
        Span label = new Span(getTranslation(labelKey));
        label.addClassName("sp-field-label");
        Span number = new Span(value);
        number.addClassName("sp-recon-figure-value");
        number.setId("recon-total-" + id);
        Div figure = new Div(label, number);
        figure.addClassName("sp-recon-figure");
        return figure;
    }

    // ---------------------------------------------------------------------------------------------
    // Exports

    private void startExport(ExportFormat format) {
        ExportJob job = reconciliation.startExport(applied, tab, sort, format);
        // one panel per format: a new export of the same format replaces the last one
        exportPanels.removeIf(old -> {
            if (old.job.format() == format) {
                old.job.discard();
                exports.remove(old);
                return true;
            }
            return false;
        });
        ExportPanel panel = new ExportPanel(job);
        exportPanels.add(panel);
        exports.addComponentAsFirst(panel);
        exports.addClassName("sp-recon-exports");
        startPolling();
    }

    private void startPolling() {
        UI ui = UI.getCurrent();
        if (polling == null && ui != null) {
            ui.setPollInterval(400);
            polling = ui.addPollListener(e -> updateExports());
        }
    }

    private void updateExports() {
        boolean running = false;
        for (ExportPanel panel : exportPanels) {
            running |= panel.update();
        }
        if (!running && polling != null) {
            polling.remove();
            polling = null;
            getUI().ifPresent(ui -> ui.setPollInterval(-1));
        }
    }

    /** One export: its progress while it runs, then a download link. */
    private final class ExportPanel extends Div {

        private final ExportJob job;
        private final ProgressBar bar = new ProgressBar();
        private final Span text = new Span();
        private boolean finished;

        ExportPanel(ExportJob job) {
            this.job = job;
            addClassName("sp-recon-export");
            getElement().setAttribute("data-format", job.format().name());
            Icon icon = new Icon(job.format() == ExportFormat.XLSX ? VaadinIcon.FILE_TABLE : VaadinIcon.FILE_TEXT_O);
            bar.setWidth("12rem");
            text.addClassName("sp-muted");
            add(icon, new Span(job.fileName()), bar, text);
            update();
        }

        /** @return whether the export is still running */
        boolean update() {
            if (finished) {
                return false;
            }
            switch (job.state()) {
                case RUNNING -> {
                    bar.setValue(job.progress());
                    text.setText(getTranslation("recon.export.progress", job.written(), job.expectedRows()));
                    return true;
                }
                case DONE -> {
                    finished = true;
                    remove(bar, text);
                    Anchor link = new Anchor(
                            DownloadHandler.fromInputStream(event -> new DownloadResponse(
                                    job.open(), job.fileName(), job.format().contentType(), job.size())),
                            AttachmentType.DOWNLOAD,
                            getTranslation("recon.export.download"));
                    link.setId("recon-download-" + job.format().name().toLowerCase(Locale.ROOT));
                    link.addClassName("sp-recon-download");
                    Span done = new Span(
                            getTranslation("recon.export.done", job.totals().count()));
                    done.addClassName("sp-muted");
                    add(done, link);
                    return false;
                }
                default -> {
                    finished = true;
                    remove(bar);
                    text.setText(getTranslation("recon.export.failed"));
                    text.addClassName("sp-recon-error-text");
                    return false;
                }
            }
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Detail

    private void openDetail(String tradeNo) {
        new TradeDetailDialog(reconciliation, zone, tradeNo, this::refresh).open();
    }

    /**
     * {@code ?trade=…} opens that trade's detail, if it is the merchant's own; {@code ?range=month}
     * shows this calendar month and {@code ?tab=…} one status tab (the account view links its
     * received and still payable amounts here).
     */
    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        var query = event.getLocation().getQueryParameters();
        boolean month =
                query.getSingleParameter("range").filter("month"::equals).isPresent();
        Optional<StatusTab> linkedTab = query.getSingleParameter("tab").flatMap(TransactionsView::statusTab);
        if (month) {
            LocalDate today = today();
            start.setValue(today.withDayOfMonth(1).atStartOfDay());
            end.setValue(today.plusDays(1).atStartOfDay());
            applied = searchFromFields();
        }
        linkedTab.ifPresent(t -> {
            tab = t;
            tabs.setSelectedTab(tabByStatus.get(t));
        });
        if (month || linkedTab.isPresent()) {
            page = 0;
            refresh();
        }
        query.getSingleParameter("trade").ifPresent(this::openDetail);
    }

    private static Optional<StatusTab> statusTab(String name) {
        return Arrays.stream(StatusTab.values())
                .filter(t -> t.name().equals(name))
                .findFirst();
    }

    @Override
    protected void onDetach(DetachEvent detachEvent) {
        exportPanels.forEach(panel -> panel.job.discard());
        if (polling != null) {
            polling.remove();
            polling = null;
            detachEvent.getUI().setPollInterval(-1);
        }
    }

    @Override
    protected void onAttach(AttachEvent attachEvent) {
        if (exportPanels.stream().anyMatch(panel -> !panel.finished)) {
            startPolling();
        }
    }

    @Override
    public String getPageTitle() {
        return getTranslation("nav.transactions");
    }
}
