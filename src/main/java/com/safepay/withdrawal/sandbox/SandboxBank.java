package com.safepay.withdrawal.sandbox;

import com.safepay.withdrawal.BankPayoutAdapter;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * SANDBOX bank for demos and tests — it moves no real money. Rules, so that every state is
 * reachable: accounts ending in {@code 0000} are declined; payouts whose reference hashes to one in
 * ten lose their first answer (a timeout, so the withdrawal is "outcome unknown" until the status
 * job asks); everything else settles {@code settle-after} after the request. Stateless: the outcome
 * follows from the payout itself, so restarts and several instances agree.
 */
@Component
@ConditionalOnProperty(name = "safepay.bank.adapter", havingValue = "sandbox", matchIfMissing = true)
public class SandboxBank implements BankPayoutAdapter {

    private final Clock clock;
    private final Duration settleAfter;

    public SandboxBank(Clock clock, @Value("${safepay.bank.sandbox.settle-after:20s}") Duration settleAfter) {
        this.clock = clock;
        this.settleAfter = settleAfter;
    }

    @Override
    public Answer submit(Payout payout) {
        if (Math.floorMod(payout.reference().hashCode(), 10) == 0) {
            throw new BankUnavailableException("sandbox: the bank did not answer in time");
        }
        return query(payout);
    }

    /** Settles {@code settle-after} after the request (a lost first answer is found out by the status job). */
    @Override
    public Optional<Duration> typicalSettlement() {
        return Optional.of(settleAfter);
    }

    @Override
    public Answer query(Payout payout) {
        if (payout.accountNumber().endsWith("0000")) {
            return new Answer(Outcome.DECLINED, "sandbox: account frozen (账户状态异常)");
        }
        boolean settled = !clock.instant().isBefore(payout.requestedAt().plus(settleAfter));
        return new Answer(settled ? Outcome.PAID : Outcome.PENDING, null);
    }
}
