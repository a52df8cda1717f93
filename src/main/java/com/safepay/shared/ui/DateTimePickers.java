package com.safepay.shared.ui;

import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.datetimepicker.DateTimePicker;
import java.util.List;
import java.util.Locale;

/**
 * Date and time pickers in the one format of the UI: ISO dates ({@code 2026-12-03}) and a 24-hour
 * clock in both languages, Chinese month and day names in the Chinese UI.
 */
public final class DateTimePickers {

    private DateTimePickers() {}

    /** Sets {@code picker}'s formats for the UI language {@code locale}. */
    public static void configure(DateTimePicker picker, Locale locale) {
        picker.setDatePickerI18n(dateI18n(locale));
        picker.setLocale(clockLocale(locale));
    }

    /**
     * The locale the time part formats with. The time picker formats with the browser's notion of
     * the locale's language and country, and plain English has a 12-hour clock there; British English
     * writes 14:30. The date part's format comes from {@link #dateI18n}, whatever the locale.
     */
    static Locale clockLocale(Locale locale) {
        return "en".equals(locale.getLanguage()) ? Locale.UK : Locale.SIMPLIFIED_CHINESE;
    }

    public static DatePicker.DatePickerI18n dateI18n(Locale locale) {
        DatePicker.DatePickerI18n i18n = new DatePicker.DatePickerI18n();
        i18n.setDateFormat("yyyy-MM-dd");
        i18n.setFirstDayOfWeek(1);
        if (!"en".equals(locale.getLanguage())) {
            i18n.setMonthNames(List.of("一月", "二月", "三月", "四月", "五月", "六月", "七月", "八月", "九月", "十月", "十一月", "十二月"));
            i18n.setWeekdays(List.of("星期日", "星期一", "星期二", "星期三", "星期四", "星期五", "星期六"));
            i18n.setWeekdaysShort(List.of("日", "一", "二", "三", "四", "五", "六"));
            i18n.setToday("今天");
            i18n.setCancel("取消");
        }
        return i18n;
    }
}
