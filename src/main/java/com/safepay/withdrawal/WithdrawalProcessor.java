package com.safepay.withdrawal;

import com.safepay.ledger.AccountType;
import com.safepay.ledger.EntryType;
import com.safepay.ledger.LedgerService;
import com.safepay.ledger.Leg;
import com.safepay.shared.AuditDetail;
import com.safepay.shared.AuditEvent;
import com.safepay.shared.Money;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Takes withdrawals to the bank and their answers back to the ledger. Due withdrawals are claimed
 * with {@code FOR UPDATE SKIP LOCKED} and a lease; the bank is called outside any transaction; the
 * answer is recorded with a conditional update, so each withdrawal settles or returns exactly once.
 * Lost answers leave it "outcome unknown" until a later query finds out.
 */
@Component
public class WithdrawalProcessor {

    private static final Logger log = LoggerFactory.getLogger(WithdrawalProcessor.class);
    private static final Duration LEASE = Duration.ofSeconds(60);

    private record Claimed(
            long id,
            String withdrawalNo,
            long merchantId,
            long amount,
            WithdrawalStatus status,
            BankAccountPayout payout) {}

    private record BankAccountPayout(String number, String holder, Bank bank, Instant requestedAt) {}

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final BankPayoutAdapter bank;
    private final LedgerService ledger;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final Duration checkInterval;

    WithdrawalProcessor(
            JdbcClient jdbc,
            PlatformTransactionManager transactionManager,
            BankPayoutAdapter bank,
            LedgerService ledger,
            ApplicationEventPublisher events,
            Clock clock,
            @Value("${safepay.withdrawal.check-interval:5s}") Duration checkInterval) {
        this.jdbc = jdbc;
        this.transactions = new TransactionTemplate(transactionManager);
        this.bank = bank;
        this.ledger = ledger;
        this.events = events;
        this.clock = clock;
        this.checkInterval = checkInterval;
    }

    @Scheduled(
            fixedDelayString = "${safepay.withdrawal.interval:2s}",
            initialDelayString = "${safepay.withdrawal.initial-delay:3s}")
    void scheduled() {
        processDue();
    }

    /** Sends and checks every due withdrawal once. @return how many were handled */
    public int processDue() {
        List<Claimed> due = transactions.execute(status -> claim());
        for (Claimed withdrawal : due) {
            try {
                handle(withdrawal);
            } catch (RuntimeException e) {
                log.error(
                        "Withdrawal {} could not be processed; it is retried after its lease",
                        withdrawal.withdrawalNo(),
                        e);
            }
        }
        return due.size();
    }

    private List<Claimed> claim() {
        Instant now = clock.instant();
        List<Claimed> due = jdbc.sql("""
                        select id, withdrawal_no, merchant_id, amount, status, bank_account_id, requested_at
                        from withdrawal where status in ('REQUESTED', 'SENT', 'UNKNOWN') and next_check_at <= ?
                        order by next_check_at fetch first 50 rows only for update skip locked""")
                .param(Timestamp.from(now))
                .query((rs, n) -> new Claimed(
                        rs.getLong(1),
                        rs.getString(2),
                        rs.getLong(3),
                        rs.getLong(4),
                        WithdrawalStatus.valueOf(rs.getString(5)),
                        payout(rs.getLong(6), rs.getTimestamp(7).toInstant())))
                .list();
        for (Claimed withdrawal : due) {
            jdbc.sql("update withdrawal set next_check_at = ? where id = ?")
                    .params(Timestamp.from(now.plus(LEASE)), withdrawal.id())
                    .update();
        }
        return due;
    }

    private BankAccountPayout payout(long bankAccountId, Instant requestedAt) {
        return jdbc.sql("select account_number, holder_name, bank_code from bank_account where id = ?")
                .param(bankAccountId)
                .query((rs, n) -> new BankAccountPayout(
                        rs.getString(1), rs.getString(2), Bank.valueOf(rs.getString(3)), requestedAt))
                .single();
    }

    private void handle(Claimed w) {
        BankPayoutAdapter.Payout payout = new BankPayoutAdapter.Payout(
                w.withdrawalNo(),
                w.amount(),
                w.payout().number(),
                w.payout().holder(),
                w.payout().bank(),
                w.payout().requestedAt());
        BankPayoutAdapter.Answer answer;
        try {
            answer = w.status() == WithdrawalStatus.REQUESTED ? bank.submit(payout) : bank.query(payout);
        } catch (BankPayoutAdapter.BankUnavailableException e) {
            transactions.executeWithoutResult(status -> move(w, WithdrawalStatus.UNKNOWN, e.getMessage()));
            return;
        }
        switch (answer.outcome()) {
            case PAID ->
                transactions.executeWithoutResult(status -> {
                    if (move(w, WithdrawalStatus.SUCCEEDED, null)) {
                        ledger.post(
                                EntryType.WITHDRAWAL_PAYOUT,
                                w.withdrawalNo(),
                                Money.CNY,
                                List.of(
                                        Leg.debit(
                                                ledger.account(AccountType.MERCHANT_WITHDRAWING, w.merchantId())
                                                        .orElseThrow(),
                                                w.amount()),
                                        Leg.credit(ledger.platformAccount(AccountType.BANK_SETTLEMENT), w.amount())));
                        audit(w, "WITHDRAWAL_PAID", null);
                    }
                });
            case DECLINED ->
                transactions.executeWithoutResult(status -> {
                    if (move(w, WithdrawalStatus.FAILED, answer.reason())) {
                        ledger.post(
                                EntryType.WITHDRAWAL_RETURN,
                                w.withdrawalNo(),
                                Money.CNY,
                                List.of(
                                        Leg.debit(
                                                ledger.account(AccountType.MERCHANT_WITHDRAWING, w.merchantId())
                                                        .orElseThrow(),
                                                w.amount()),
                                        Leg.credit(
                                                ledger.account(AccountType.MERCHANT_AVAILABLE, w.merchantId())
                                                        .orElseThrow(),
                                                w.amount())));
                        audit(w, "WITHDRAWAL_DECLINED", AuditDetail.of("audit.detail.bankDeclined", answer.reason()));
                    }
                });
            case PENDING -> transactions.executeWithoutResult(status -> move(w, WithdrawalStatus.SENT, null));
        }
    }

    /** Moves the withdrawal from the status it was claimed in; false if someone else moved it. */
    private boolean move(Claimed w, WithdrawalStatus to, String reason) {
        if (!w.status().canMoveTo(to)) {
            throw new IllegalStateException("No transition " + w.status() + " → " + to);
        }
        Instant now = clock.instant();
        return jdbc.sql("""
                        update withdrawal set status = ?, failure_reason = ?, next_check_at = ?,
                            sent_at = coalesce(sent_at, ?), finished_at = ?
                        where id = ? and status = ?""")
                        .params(
                                to.name(),
                                reason,
                                to.isFinal()
                                        ? null
                                        : Timestamp.from(now.plus(
                                                checkInterval.multipliedBy(to == WithdrawalStatus.UNKNOWN ? 2 : 1))),
                                Timestamp.from(now),
                                to.isFinal() ? Timestamp.from(now) : null,
                                w.id(),
                                w.status().name())
                        .update()
                == 1;
    }

    private void audit(Claimed w, String action, AuditDetail detail) {
        events.publishEvent(new AuditEvent("bank", action, w.withdrawalNo(), AuditEvent.Outcome.SUCCESS, null, detail));
    }
}
