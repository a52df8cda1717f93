package com.safepay.payment;

import java.math.BigInteger;

/**
 * Fee arithmetic in fen. The fee is amount × rate rounded half-up to the fen. A refund returns the
 * fee in proportion, rounded half-up; the refund that completes the trade returns whatever fee is
 * left, so the fees refunded never exceed and, on a full refund, exactly equal the fee charged.
 */
final class Fees {

    private static final BigInteger MILLION = BigInteger.valueOf(1_000_000);

    private Fees() {}

    /** {@code amount × ratePpm / 1,000,000}, half-up. */
    static long fee(long amount, int ratePpm) {
        return divideHalfUp(BigInteger.valueOf(amount).multiply(BigInteger.valueOf(ratePpm)), MILLION);
    }

    /** The fee returned with a refund of {@code refund} out of {@code total}. */
    static long feeRefund(long fee, long total, long refundedBefore, long feeRefundedBefore, long refund) {
        if (refundedBefore + refund == total) {
            return fee - feeRefundedBefore;
        }
        long share =
                divideHalfUp(BigInteger.valueOf(fee).multiply(BigInteger.valueOf(refund)), BigInteger.valueOf(total));
        return Math.min(share, fee - feeRefundedBefore);
    }

    private static long divideHalfUp(BigInteger numerator, BigInteger denominator) {
        BigInteger[] qr = numerator.divideAndRemainder(denominator);
        BigInteger q = qr[0];
        if (qr[1].shiftLeft(1).compareTo(denominator) >= 0) {
            q = q.add(BigInteger.ONE);
        }
        return q.longValueExact();
    }
}
