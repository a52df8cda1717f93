package com.safepay.shared;

/** A text that is not an amount of money; {@link #messageKey()} names the reason for translation. */
public class MoneyFormatException extends IllegalArgumentException {

    private final String messageKey;

    public MoneyFormatException(String messageKey, String input) {
        super(messageKey + ": \"" + input + "\"");
        this.messageKey = messageKey;
    }

    public String messageKey() {
        return messageKey;
    }
}
