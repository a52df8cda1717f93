package com.safepay.reconciliation.ui;

import com.vaadin.flow.component.datepicker.DatePicker;
import java.util.List;
import java.util.Locale;

/** Date pickers with ISO dates, and Chinese month and day names in the Chinese UI. */
final class DatePickers {

    private DatePickers() {}

    static DatePicker.DatePickerI18n i18n(Locale locale) {
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
