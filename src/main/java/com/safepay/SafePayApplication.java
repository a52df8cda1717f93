package com.safepay;

import com.vaadin.flow.component.dependency.StyleSheet;
import com.vaadin.flow.component.page.AppShellConfigurator;
import com.vaadin.flow.component.page.Meta;
import com.vaadin.flow.theme.lumo.Lumo;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.scheduling.annotation.EnableScheduling;

/** SafePay: payment engine, shared ledger and merchant back office in one application. */
@SpringBootApplication
@EnableScheduling
@StyleSheet(Lumo.STYLESHEET)
@StyleSheet("styles/safepay.css")
@Meta(name = "referrer", content = "no-referrer")
public class SafePayApplication implements AppShellConfigurator {

    public static void main(String[] args) {
        SpringApplication.run(SafePayApplication.class, args);
    }
}
