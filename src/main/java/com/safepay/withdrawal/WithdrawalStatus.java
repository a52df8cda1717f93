package com.safepay.withdrawal;

import java.util.Map;
import java.util.Set;

/**
 * A withdrawal's states and transitions, in one place: requested (money held) → sent to the bank →
 * succeeded or failed; "unknown" when the bank's answer was lost, resolved by asking the bank again.
 */
public enum WithdrawalStatus {
    REQUESTED,
    SENT,
    UNKNOWN,
    SUCCEEDED,
    FAILED;

    private static final Map<WithdrawalStatus, Set<WithdrawalStatus>> NEXT = Map.of(
            REQUESTED, Set.of(SENT, UNKNOWN, SUCCEEDED, FAILED),
            SENT, Set.of(SENT, UNKNOWN, SUCCEEDED, FAILED),
            UNKNOWN, Set.of(SENT, UNKNOWN, SUCCEEDED, FAILED),
            SUCCEEDED, Set.of(),
            FAILED, Set.of());

    public boolean canMoveTo(WithdrawalStatus next) {
        return NEXT.get(this).contains(next);
    }

    public boolean isFinal() {
        return this == SUCCEEDED || this == FAILED;
    }

    /** Money is held in "withdrawal in progress" (unavailable). */
    public boolean isInProgress() {
        return !isFinal();
    }
}
