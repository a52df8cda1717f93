package com.safepay.payment.ui;

import com.safepay.payment.BuyerService;
import com.vaadin.flow.component.Composite;
import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.component.textfield.TextField;

/** The buyer signs in to the cashier with the wallet login and login password. */
class BuyerSignInForm extends Composite<Div> {

    /** @param title what signing in is for here: paying (cashier) or looking at one's purchases */
    BuyerSignInForm(BuyerService buyers, String title, Runnable onSignedIn) {
        Div root = getContent();
        root.addClassName("sp-cashier-section");
        TextField login = new TextField(getTranslation("cashier.login"));
        login.setPlaceholder(getTranslation("cashier.login.placeholder"));
        login.setWidthFull();
        login.setId("buyer-login");
        PasswordField password = new PasswordField(getTranslation("cashier.loginPassword"));
        password.setWidthFull();
        password.setId("buyer-password");
        Paragraph error = new Paragraph();
        error.addClassName("sp-cashier-error");
        error.setVisible(false);
        Button signIn = new Button(getTranslation("cashier.signIn"), e -> {
            if (login.isEmpty() || password.isEmpty()) {
                error.setText(getTranslation("cashier.signIn.required"));
                error.setVisible(true);
                return;
            }
            BuyerService.SignInResult result = buyers.signIn(login.getValue(), password.getValue());
            switch (result.outcome()) {
                case OK -> {
                    CashierSession.signIn(result.buyer().id());
                    onSignedIn.run();
                }
                case WRONG -> {
                    password.clear();
                    error.setText(getTranslation("cashier.signIn.wrong"));
                    error.setVisible(true);
                }
                case LOCKED -> {
                    password.clear();
                    error.setText(getTranslation("cashier.signIn.locked"));
                    error.setVisible(true);
                }
            }
        });
        signIn.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        signIn.addClickShortcut(Key.ENTER);
        signIn.setWidthFull();
        signIn.setId("buyer-sign-in");
        root.add(new H3(title), login, password, error, signIn);
    }
}
