package com.safepay.shared.ui;

import com.vaadin.flow.component.Composite;
import com.vaadin.flow.component.select.Select;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/** 中文 / English: switches the UI language of this session. */
public class LanguageSwitch extends Composite<Select<Locale>> {

    public LanguageSwitch(Locale current, Consumer<Locale> onChange) {
        Select<Locale> select = getContent();
        select.setItems(List.of(Languages.CHINESE, Languages.ENGLISH));
        select.setItemLabelGenerator(locale -> Languages.ENGLISH.equals(locale) ? "English" : "中文");
        select.setValue(Languages.supported(current));
        select.setWidth("7.5rem");
        select.setAriaLabel("Language / 语言");
        select.addClassName("sp-language");
        select.addValueChangeListener(event -> {
            if (event.isFromClient() && event.getValue() != null) {
                onChange.accept(event.getValue());
            }
        });
    }
}
