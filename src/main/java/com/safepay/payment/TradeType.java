package com.safepay.payment;

/** 即时到账 (money to the merchant at once) or 担保交易 (held until the buyer confirms receipt). */
public enum TradeType {
    INSTANT,
    ESCROW
}
