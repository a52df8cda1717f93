package com.safepay.withdrawal;

/** A withdrawal request was refused; nothing changed. The message is an i18n key, {@link #args()} its arguments. */
public class WithdrawalException extends RuntimeException {

    private final transient Object[] args;

    public WithdrawalException(String messageKey, Object... args) {
        super(messageKey);
        this.args = args;
    }

    public String messageKey() {
        return getMessage();
    }

    public Object[] args() {
        return args.clone();
    }
}
