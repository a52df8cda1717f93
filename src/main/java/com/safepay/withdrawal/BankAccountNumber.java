package com.safepay.withdrawal;

/** A bank account number: 12 to 19 digits (spaces allowed on input). Shown masked. */
public record BankAccountNumber(String digits) {

    public BankAccountNumber {
        if (digits == null || !digits.matches("[0-9]{12,19}")) {
            throw new IllegalArgumentException("withdrawal.error.accountNumber");
        }
    }

    public static BankAccountNumber parse(String text) {
        return new BankAccountNumber(text == null ? null : text.replaceAll("[\\s-]", ""));
    }

    /** {@code 6222 **** **** 1234}: the first and last four digits only. */
    public String masked() {
        return digits.substring(0, 4) + " **** **** " + digits.substring(digits.length() - 4);
    }

    @Override
    public String toString() {
        return masked();
    }
}
