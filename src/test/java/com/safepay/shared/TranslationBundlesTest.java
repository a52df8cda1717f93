package com.safepay.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class TranslationBundlesTest {

    private static Properties load(String name) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = TranslationBundlesTest.class.getResourceAsStream("/vaadin-i18n/" + name)) {
            assertThat(in).as(name).isNotNull();
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return properties;
    }

    @Test
    void chinese_and_english_bundles_hold_the_same_keys() throws IOException {
        Properties chinese = load("translations_zh_CN.properties");
        Properties english = load("translations_en.properties");
        assertThat(chinese.stringPropertyNames()).isNotEmpty();
        assertThat(english.stringPropertyNames()).containsExactlyInAnyOrderElementsOf(chinese.stringPropertyNames());
    }

    @Test
    void no_text_is_empty_and_placeholders_match_between_languages() throws IOException {
        Properties chinese = load("translations_zh_CN.properties");
        Properties english = load("translations_en.properties");
        Pattern placeholder = Pattern.compile("\\{\\d+}");
        for (String key : chinese.stringPropertyNames()) {
            assertThat(chinese.getProperty(key)).as("zh-CN " + key).isNotBlank();
            assertThat(english.getProperty(key)).as("en " + key).isNotBlank();
            assertThat(placeholders(placeholder.matcher(english.getProperty(key))))
                    .as("placeholders of " + key)
                    .isEqualTo(placeholders(placeholder.matcher(chinese.getProperty(key))));
        }
    }

    @Test
    void chinese_texts_are_really_chinese() throws IOException {
        Properties chinese = load("translations_zh_CN.properties");
        long withHan = chinese.stringPropertyNames().stream()
                .map(chinese::getProperty)
                .filter(text ->
                        text.codePoints().anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN))
                .count();
        assertThat(withHan).isGreaterThan(chinese.size() * 9L / 10);
    }

    @Test
    void the_base_bundle_holds_no_texts_so_missing_keys_show_up() throws IOException {
        assertThat(load("translations.properties")).isEmpty();
    }

    private static java.util.List<String> placeholders(Matcher matcher) {
        return matcher.results().map(r -> r.group()).sorted().toList();
    }
}
