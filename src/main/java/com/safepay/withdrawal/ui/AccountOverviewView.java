package com.safepay.withdrawal.ui;

import com.safepay.ledger.AccountType;
import com.safepay.ledger.LedgerService;
import com.safepay.ledger.StatementLine;
import com.safepay.merchant.MerchantBalances;
import com.safepay.merchant.MerchantService;
import com.safepay.merchant.MerchantView;
import com.safepay.payment.AllowanceUse;
import com.safepay.payment.TradeService;
import com.safepay.reconciliation.StatusTab;
import com.safepay.shared.CurrentUser;
import com.safepay.shared.CurrentUser.SignedInUser;
import com.safepay.shared.Money;
import com.safepay.shared.Role;
import com.safepay.shared.export.ExportFormat;
import com.safepay.shared.ui.Badge;
import com.safepay.shared.ui.ClientAddress;
import com.safepay.shared.ui.DateTimePickers;
import com.safepay.shared.ui.DateTimes;
import com.safepay.shared.ui.Field;
import com.safepay.withdrawal.WithdrawalExports;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.datetimepicker.DateTimePicker;
import com.vaadin.flow.component.details.Details;
import com.vaadin.flow.component.grid.ColumnTextAlign;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.progressbar.ProgressBar;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Locale;
import java.util.function.Function;

/**
 * 账户查询: balances (available, unavailable with its reasons, total), the merchant and this user,
 * this month's received amount and the free transaction allowance, and the account ledger (账户明细) with a
 * running balance.
 */
@Route("account")
@Menu(title = "nav.account", order = 10, icon = "vaadin:wallet")
@RolesAllowed({Role.MERCHANT_NAME, Role.FINANCE_NAME})
public class AccountOverviewView extends VerticalLayout implements HasDynamicTitle {

    private final ZoneId zone;
    private final DateTimePicker from = new DateTimePicker();
    private final DateTimePicker to = new DateTimePicker();
    private final Grid<StatementLine> statement = new Grid<>(StatementLine.class, false);
    private final Span statementTotal = new Span();

    public AccountOverviewView(
            MerchantService merchants,
            LedgerService ledger,
            TradeService trades,
            WithdrawalExports exports,
            CurrentUser currentUser,
            Clock clock) {
        addClassName("sp-page");
        SignedInUser user = currentUser.require();
        MerchantView merchant = merchants.myMerchant();
        zone = user.zone();

        MerchantBalances balances = merchants.myBalances();
        Div money = new Div(
                balance(getTranslation("account.available"), balances.available(), "account-available"),
                balance(getTranslation("account.unavailable"), balances.unavailable(), "account-unavailable"),
                balance(getTranslation("account.total"), balances.total(), "account-total"));
        money.addClassName("sp-balances");
        Div reasons = new Div(
                new Field(getTranslation("account.escrow"), balances.escrow().format()),
                new Field(
                        getTranslation("account.withdrawing"),
                        balances.withdrawing().format()));
        reasons.addClassName("sp-facts");
        Details breakdown = new Details(getTranslation("account.unavailable.details"), reasons);
        breakdown.setId("account-breakdown");
        add(money, breakdown);

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
                new Field(
                        getTranslation("account.previousLoginIp"),
                        ClientAddress.display(user.previousLoginIp(), getTranslation("ip.local"))));
        facts.addClassName("sp-facts");
        card.add(heading, facts, allowance(merchant, trades.monthAllowance(merchant.id(), merchant.zone())));
        add(card);

        add(statement(merchants, ledger, exports, clock));
    }

    /**
     * 当月已收款 (trades created this month and paid, refunds not deducted) and, for merchants without
     * real-name verification, the allowance used = received + still payable, as trade/create counts it.
     * Each amount links to the 交易明细 tab whose total it is.
     */
    private Div allowance(MerchantView merchant, AllowanceUse use) {
        Div box = new Div();
        box.addClassName("sp-allowance");
        Anchor received = new Anchor(
                "transactions?range=month&tab=" + StatusTab.PAID.name(),
                use.received().format());
        received.setId("account-month-received");
        Div line = new Div(new Span(getTranslation("account.monthReceived")), new Span(" "), received);
        Span receivedHint = new Span(getTranslation("account.monthReceived.hint"));
        receivedHint.addClassName("sp-muted");
        if (merchant.realNameVerified()) {
            box.add(
                    line,
                    receivedHint,
                    new Field(getTranslation("account.allowance"), getTranslation("account.allowance.unlimited")));
            return box;
        }
        Money allowance = Money.ofMinor(TradeService.FREE_MONTHLY_ALLOWANCE_FEN);
        ProgressBar meter =
                new ProgressBar(0, allowance.minorUnits(), Math.min(use.used().minorUnits(), allowance.minorUnits()));
        meter.setId("account-allowance-meter");
        Span text = new Span(getTranslation("account.allowance.used", use.used().format(), allowance.format()));
        text.setId("account-allowance-used");
        text.addClassName("sp-muted");
        Anchor payable = new Anchor(
                "transactions?range=month&tab=" + StatusTab.WAIT_BUYER_PAY.name(),
                use.payable().format());
        payable.setId("account-month-payable");
        Div parts = new Div(
                new Span(getTranslation("account.allowance.parts.received")),
                new Span(" "),
                new Anchor(received.getHref(), use.received().format()),
                new Span(" + " + getTranslation("account.allowance.parts.payable")),
                new Span(" "),
                payable);
        parts.addClassName("sp-muted");
        box.add(line, receivedHint, new Span(getTranslation("account.allowance")), meter, text, parts);
        return box;
    }

    private Div statement(MerchantService merchants, LedgerService ledger, WithdrawalExports exports, Clock clock) {
        Div section = new Div();
        section.addClassName("sp-card");
        LocalDateTime now = LocalDateTime.ofInstant(clock.instant(), zone);
        from.setLabel(getTranslation("account.statement.from"));
        to.setLabel(getTranslation("account.statement.to"));
        from.setValue(now.minusDays(30).withSecond(0).withNano(0));
        to.setValue(now.plusMinutes(1).withSecond(0).withNano(0));
        from.setWidth("17rem");
        to.setWidth("17rem");
        DateTimePickers.configure(from, getLocale());
        DateTimePickers.configure(to, getLocale());
        var account = merchants.myAccount(AccountType.MERCHANT_AVAILABLE).orElseThrow();
        Button search = new Button(getTranslation("account.statement.search"), e -> refresh());
        search.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        Locale locale = getLocale();
        Function<String, String> text = key -> getTranslation(locale, key);
        HorizontalLayout download = ExportLinks.of(
                new ExportLinks.Source() {
                    @Override
                    public String fileName(ExportFormat format) {
                        return exports.fileName(start(), end(), text.apply("account.statement.fileName"), format);
                    }

                    @Override
                    public void write(ExportFormat format, OutputStream out) {
                        exports.writeStatement(start(), end(), format, text, out);
                    }
                },
                text,
                "statement-export");
        HorizontalLayout filters = new HorizontalLayout(from, to, search, download);
        filters.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);

        statement.addThemeVariants(GridVariant.LUMO_ROW_STRIPES, GridVariant.LUMO_COMPACT);
        statement
                .addColumn(l -> DateTimes.format(l.createdAt(), zone))
                .setHeader(getTranslation("account.statement.time"))
                .setAutoWidth(true);
        statement
                .addColumn(l -> getTranslation("entry." + l.entryType().name()))
                .setHeader(getTranslation("account.statement.reason"));
        statement
                .addColumn(StatementLine::reference)
                .setHeader(getTranslation("account.statement.reference"))
                .setAutoWidth(true);
        statement
                .addColumn(l ->
                        (l.amount() > 0 ? "+" : "") + Money.ofMinor(l.amount()).format())
                .setHeader(getTranslation("account.statement.amount"))
                .setTextAlign(ColumnTextAlign.END);
        statement
                .addColumn(l -> Money.ofMinor(l.balanceAfter()).format())
                .setHeader(getTranslation("account.statement.balance"))
                .setTextAlign(ColumnTextAlign.END);
        statement.setPageSize(20);
        statement.setItems(
                query -> valid()
                        ? ledger.statement(account, start(), end(), query.getOffset(), query.getLimit()).stream()
                        : java.util.stream.Stream.empty(),
                query -> valid() ? (int) ledger.statementCount(account, start(), end()) : 0);
        statement.setHeight("28rem");
        statement.setId("account-statement");
        statementTotal.addClassName("sp-muted");
        section.add(new H3(getTranslation("account.statement")), filters, statement, statementTotal);
        updateTotal(ledger, account);
        search.addClickListener(e -> updateTotal(ledger, account));
        return section;
    }

    private void updateTotal(LedgerService ledger, com.safepay.ledger.AccountId account) {
        statementTotal.setText(
                valid()
                        ? getTranslation("account.statement.count", ledger.statementCount(account, start(), end()))
                        : "");
    }

    private boolean valid() {
        from.setInvalid(false);
        to.setInvalid(false);
        if (from.getValue() == null || to.getValue() == null) {
            from.setInvalid(from.getValue() == null);
            to.setInvalid(to.getValue() == null);
            return false;
        }
        if (from.getValue().isAfter(to.getValue())) {
            to.setErrorMessage(getTranslation("range.order"));
            to.setInvalid(true);
            return false;
        }
        if (Duration.between(from.getValue(), to.getValue()).compareTo(Duration.ofDays(180)) > 0) {
            to.setErrorMessage(getTranslation("range.max180"));
            to.setInvalid(true);
            return false;
        }
        return true;
    }

    private void refresh() {
        statement.getDataProvider().refreshAll();
    }

    private Instant start() {
        return from.getValue().atZone(zone).toInstant();
    }

    private Instant end() {
        return to.getValue().atZone(zone).toInstant();
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
