package com.safepay.shared;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Currency;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An amount of money in integer minor units (fen for CNY) and its currency. Never a floating point
 * number: arithmetic is exact and overflow is an error, not a wrap-around.
 */
public record Money(long minorUnits, Currency currency) implements Comparable<Money> {

    public static final Currency CNY = Currency.getInstance("CNY");

    private static final Pattern DECIMAL = Pattern.compile("-?[0-9]{1,19}(\\.[0-9]{1,2})?");

    public Money {
        Objects.requireNonNull(currency, "currency");
        if (currency.getDefaultFractionDigits() != 2) {
            throw new IllegalArgumentException("Only currencies with two minor digits are supported: " + currency);
        }
    }

    public static Money ofMinor(long minorUnits) {
        return new Money(minorUnits, CNY);
    }

    public static Money zero(Currency currency) {
        return new Money(0, currency);
    }

    /**
     * Parses a plain decimal such as {@code "1234.56"} or {@code "-0.5"} in CNY.
     *
     * @throws MoneyFormatException for anything else: grouping, symbols, exponents, more than two
     *     decimals, or a value beyond the range of {@code long} minor units
     */
    public static Money parse(String text) {
        return parse(text, CNY);
    }

    public static Money parse(String text, Currency currency) {
        if (text == null) {
            throw new MoneyFormatException("money.error.empty", String.valueOf(text));
        }
        String trimmed = text.strip();
        if (trimmed.isEmpty()) {
            throw new MoneyFormatException("money.error.empty", text);
        }
        if (!DECIMAL.matcher(trimmed).matches()) {
            if (trimmed.matches("-?[0-9]+\\.[0-9]{3,}")) {
                throw new MoneyFormatException("money.error.scale", text);
            }
            if (trimmed.matches("-?[0-9]+(\\.[0-9]{1,2})?")) {
                throw new MoneyFormatException("money.error.overflow", text);
            }
            throw new MoneyFormatException("money.error.notNumber", text);
        }
        try {
            long minor = new BigDecimal(trimmed).movePointRight(2).longValueExact();
            return new Money(minor, currency);
        } catch (ArithmeticException e) {
            throw new MoneyFormatException("money.error.overflow", text);
        }
    }

    public Money plus(Money other) {
        requireSameCurrency(other);
        return new Money(Math.addExact(minorUnits, other.minorUnits), currency);
    }

    public Money minus(Money other) {
        requireSameCurrency(other);
        return new Money(Math.subtractExact(minorUnits, other.minorUnits), currency);
    }

    public Money negate() {
        return new Money(Math.negateExact(minorUnits), currency);
    }

    public boolean isNegative() {
        return minorUnits < 0;
    }

    public boolean isZero() {
        return minorUnits == 0;
    }

    public boolean isPositive() {
        return minorUnits > 0;
    }

    /** The amount as a plain decimal with exactly two digits, e.g. {@code 1234.50}. */
    public String toPlainString() {
        return toDecimal().toPlainString();
    }

    public BigDecimal toDecimal() {
        return BigDecimal.valueOf(minorUnits, 2).setScale(2, RoundingMode.UNNECESSARY);
    }

    /** The amount for people: currency sign, thousands separators and two decimals, e.g. {@code ¥1,234.56}. */
    public String format() {
        DecimalFormat format = new DecimalFormat("#,##0.00", DecimalFormatSymbols.getInstance(Locale.ROOT));
        String digits = format.format(toDecimal().abs());
        return (minorUnits < 0 ? "-" : "") + symbol() + digits;
    }

    private String symbol() {
        return CNY.equals(currency) ? "¥" : currency.getCurrencyCode() + " ";
    }

    @Override
    public int compareTo(Money other) {
        requireSameCurrency(other);
        return Long.compare(minorUnits, other.minorUnits);
    }

    private void requireSameCurrency(Money other) {
        if (!currency.equals(other.currency)) {
            throw new IllegalArgumentException("Currency mismatch: " + currency + " and " + other.currency);
        }
    }

    @Override
    public String toString() {
        return currency.getCurrencyCode() + " " + toPlainString();
    }
}
