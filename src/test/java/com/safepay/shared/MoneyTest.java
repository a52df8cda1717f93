package com.safepay.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Currency;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class MoneyTest {

    @ParameterizedTest
    @CsvSource({"1234.56,123456", "0,0", "0.5,50", "0.05,5", "-12.30,-1230", "1000000.00,100000000", " 7.1 ,710"})
    void parses_plain_decimals_into_minor_units(String text, long minor) {
        assertThat(Money.parse(text)).isEqualTo(Money.ofMinor(minor));
    }

    @Test
    void formats_with_yuan_sign_grouping_and_two_decimals() {
        assertThat(Money.parse("1234.56").format()).isEqualTo("¥1,234.56");
        assertThat(Money.ofMinor(5).format()).isEqualTo("¥0.05");
        assertThat(Money.ofMinor(-123456789).format()).isEqualTo("-¥1,234,567.89");
        assertThat(Money.ofMinor(0).format()).isEqualTo("¥0.00");
    }

    @Test
    void plain_string_always_has_two_decimals() {
        assertThat(Money.parse("1.5").toPlainString()).isEqualTo("1.50");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.234", "0.001", "12.345"})
    void rejects_more_than_two_decimals(String text) {
        assertThatThrownBy(() -> Money.parse(text))
                .isInstanceOf(MoneyFormatException.class)
                .extracting(e -> ((MoneyFormatException) e).messageKey())
                .isEqualTo("money.error.scale");
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "1,234.56", "¥12", "1e5", "12.", ".5", "--1", "NaN", "1 000"})
    void rejects_text_that_is_not_a_plain_number(String text) {
        assertThatThrownBy(() -> Money.parse(text))
                .isInstanceOf(MoneyFormatException.class)
                .extracting(e -> ((MoneyFormatException) e).messageKey())
                .isEqualTo("money.error.notNumber");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   "})
    void rejects_empty_text(String text) {
        assertThatThrownBy(() -> Money.parse(text))
                .isInstanceOf(MoneyFormatException.class)
                .extracting(e -> ((MoneyFormatException) e).messageKey())
                .isEqualTo("money.error.empty");
    }

    @ParameterizedTest
    @ValueSource(strings = {"92233720368547758.08", "99999999999999999999", "-92233720368547758.09"})
    void rejects_amounts_beyond_the_range_of_long_minor_units(String text) {
        assertThatThrownBy(() -> Money.parse(text))
                .isInstanceOf(MoneyFormatException.class)
                .extracting(e -> ((MoneyFormatException) e).messageKey())
                .isEqualTo("money.error.overflow");
    }

    @Test
    void largest_amount_still_parses() {
        assertThat(Money.parse("92233720368547758.07").minorUnits()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void arithmetic_overflows_loudly_instead_of_wrapping() {
        Money max = Money.ofMinor(Long.MAX_VALUE);
        assertThatThrownBy(() -> max.plus(Money.ofMinor(1))).isInstanceOf(ArithmeticException.class);
        assertThatThrownBy(() -> Money.ofMinor(Long.MIN_VALUE).negate()).isInstanceOf(ArithmeticException.class);
    }

    @Test
    void adds_and_subtracts_exactly() {
        assertThat(Money.parse("0.10").plus(Money.parse("0.20"))).isEqualTo(Money.parse("0.30"));
        assertThat(Money.parse("1.00").minus(Money.parse("1.01")).isNegative()).isTrue();
    }

    @Test
    void refuses_to_mix_currencies() {
        Money usd = new Money(100, Currency.getInstance("USD"));
        assertThatThrownBy(() -> Money.ofMinor(100).plus(usd)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refuses_currencies_without_two_minor_digits() {
        assertThatThrownBy(() -> new Money(1, Currency.getInstance("JPY")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
