package com.safepay.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** English reads as English: counts agree with their nouns, no Chinese punctuation, no colon typed into code. */
class EnglishTextsTest {

    private static final char FULL_WIDTH_COLON = '\uFF1A';

    private static Properties english() throws IOException {
        Properties properties = new Properties();
        try (InputStream in = EnglishTextsTest.class.getResourceAsStream("/vaadin-i18n/translations_en.properties")) {
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return properties;
    }

    private static String en(String key, Object... args) throws IOException {
        return new MessageFormat(english().getProperty(key), Locale.ENGLISH).format(args);
    }

    @Test
    void counts_in_english_agree_with_their_noun() throws IOException {
        assertThat(en("recon.page.info", 0, 1, 1)).isEqualTo("0 records, page 1 of 1");
        assertThat(en("recon.page.info", 1L, 1, 1)).isEqualTo("1 record, page 1 of 1");
        assertThat(en("recon.page.info", 2L, 1, 1)).isEqualTo("2 records, page 1 of 1");
        assertThat(en("recon.page.info", 12_345L, 1, 124)).isEqualTo("12,345 records, page 1 of 124");
        assertThat(en("withdrawals.total", 1L)).isEqualTo("1 withdrawal");
        assertThat(en("recon.export.progress", 0L, 1L)).isEqualTo("Writing: 0 of 1 trade");
        assertThat(en("withdrawal.error.password", 1)).isEqualTo("Wrong payment password. 1 try left today.");
        assertThat(en("purchases.page.count", 0L)).isEqualTo("0 purchases");
    }

    @Test
    void no_english_text_puts_a_bare_count_before_a_plural_noun() throws IOException {
        // "{0} records" reads "1 records"; a choice ("{0,choice,1#1 record|1<{0} records}") does not
        Pattern bareCount = Pattern.compile("(?<![<#])\\{\\d+} [a-z]+s\\b");
        Properties english = english();
        List<String> bare = english.stringPropertyNames().stream()
                .filter(key -> bareCount.matcher(english.getProperty(key)).find())
                .sorted()
                .toList();
        assertThat(bare).isEmpty();
    }

    @Test
    void english_texts_use_no_full_width_punctuation() throws IOException {
        Properties english = english();
        List<String> fullWidth = english.stringPropertyNames().stream()
                .filter(key -> english.getProperty(key)
                        .chars()
                        .anyMatch(c -> c >= 0xFF01 && c <= 0xFF5E || c == '\u3001' || c == '\u3002'))
                .sorted()
                .toList();
        assertThat(fullWidth).isEmpty();
    }

    @Test
    void the_risk_tier_without_password_says_so() throws IOException {
        assertThat(english().getProperty("recon.riskTier.CONFIRM")).isEqualTo("No password (confirm only)");
    }

    @Test
    void no_java_string_holds_a_full_width_colon_which_would_show_in_english_too() throws IOException {
        Pattern literal = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"");
        List<String> found = new ArrayList<>();
        try (Stream<Path> sources = Files.walk(Path.of("src/main/java"))) {
            for (Path source :
                    sources.filter(p -> p.toString().endsWith(".java")).toList()) {
                List<String> lines = Files.readAllLines(source, StandardCharsets.UTF_8);
                for (int i = 0; i < lines.size(); i++) {
                    String line = lines.get(i).strip();
                    if (line.startsWith("*") || line.startsWith("//") || line.startsWith("/*")) {
                        continue;
                    }
                    Matcher strings = literal.matcher(line);
                    while (strings.find()) {
                        if (strings.group().indexOf(FULL_WIDTH_COLON) >= 0) {
                            found.add(source + ":" + (i + 1) + " " + strings.group());
                        }
                    }
                }
            }
        }
        assertThat(found).isEmpty();
    }
}
