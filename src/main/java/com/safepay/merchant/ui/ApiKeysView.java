package com.safepay.merchant.ui;

import com.safepay.merchant.MerchantKeys;
import com.safepay.merchant.MerchantService;
import com.safepay.merchant.PlatformKeys;
import com.safepay.shared.Role;
import com.safepay.shared.RsaSignatures;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.AttachmentType;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.streams.DownloadHandler;
import com.vaadin.flow.server.streams.DownloadResponse;
import jakarta.annotation.security.RolesAllowed;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import org.springframework.beans.factory.annotation.Value;

/** API 密钥: the merchant registers its RSA public key and downloads SafePay's. */
@Route("keys")
@Menu(title = "nav.apiKeys", order = 20, icon = "vaadin:key")
@RolesAllowed(Role.MERCHANT_NAME)
public class ApiKeysView extends VerticalLayout implements HasDynamicTitle {

    public ApiKeysView(
            MerchantKeys merchantKeys,
            PlatformKeys platformKeys,
            MerchantService merchants,
            @Value("${safepay.demo.key-dir:}") String demoKeyDir) {
        addClassName("sp-page");
        String merchantNo = merchants.myMerchant().merchantNo().value();

        Div mine = card(getTranslation("keys.merchantKey"));
        TextArea current = new TextArea();
        current.setReadOnly(true);
        current.setWidthFull();
        current.addClassName("sp-pem");
        current.setId("merchant-key-current");
        merchantKeys
                .myPublicKeyPem()
                .ifPresentOrElse(current::setValue, () -> current.setValue(getTranslation("keys.merchantKey.none")));
        TextArea upload = new TextArea(getTranslation("keys.upload"));
        upload.setPlaceholder("-----BEGIN PUBLIC KEY-----\n…\n-----END PUBLIC KEY-----");
        upload.setHelperText(getTranslation("keys.merchantKey.hint"));
        upload.setWidthFull();
        upload.addClassName("sp-pem");
        upload.setId("merchant-key-upload");
        Button save = new Button(getTranslation("keys.upload"), e -> {
            try {
                merchantKeys.uploadMyPublicKey(upload.getValue());
                current.setValue(merchantKeys.myPublicKeyPem().orElse(""));
                upload.clear();
                upload.setInvalid(false);
                Notification.show(getTranslation("keys.uploaded"), 3000, Notification.Position.TOP_CENTER)
                        .addThemeVariants(NotificationVariant.LUMO_SUCCESS);
            } catch (IllegalArgumentException invalid) {
                upload.setInvalid(true);
                upload.setErrorMessage(getTranslation("keys.invalid"));
            }
        });
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        save.setId("merchant-key-save");
        mine.add(new Paragraph(getTranslation("keys.signType")), current, upload, save);

        Div safepay = card(getTranslation("keys.platformKey"));
        String platformPem = platformKeys.publicKeyPem();
        TextArea platform = new TextArea();
        platform.setValue(platformPem);
        platform.setReadOnly(true);
        platform.setWidthFull();
        platform.addClassName("sp-pem");
        Anchor download = new Anchor(
                pemDownload(platformPem, "safepay_public.pem"),
                AttachmentType.DOWNLOAD,
                getTranslation("keys.download"));
        download.setId("platform-key-download");
        safepay.add(new Paragraph(getTranslation("keys.platformKey.hint")), platform, download);
        add(mine, safepay);

        Path demoKey = demoKeyDir.isBlank() ? null : Path.of(demoKeyDir, merchantNo + "_private.pem");
        if (demoKey != null && Files.isReadable(demoKey) && matchesRegisteredKey(demoKey, merchantKeys)) {
            Div demo = card(getTranslation("keys.demoPrivate"));
            Anchor demoDownload = new Anchor(
                    DownloadHandler.forFile(demoKey.toFile(), "merchant_private.pem"),
                    AttachmentType.DOWNLOAD,
                    getTranslation("keys.demoDownload"));
            demo.add(new Paragraph(getTranslation("keys.demoPrivate.hint")), demoDownload);
            add(demo);
        }
    }

    /** The demo private key is offered only while its public half is the registered key. */
    private static boolean matchesRegisteredKey(Path privateKeyFile, MerchantKeys merchantKeys) {
        try {
            var privateKey = RsaSignatures.readPrivateKey(Files.readString(privateKeyFile));
            return privateKey instanceof RSAPrivateCrtKey crt
                    && merchantKeys
                            .myPublicKeyPem()
                            .map(RsaSignatures::readPublicKey)
                            .map(key -> ((RSAPublicKey) key).getModulus().equals(crt.getModulus()))
                            .orElse(false);
        } catch (IOException | IllegalArgumentException e) {
            return false;
        }
    }

    private static DownloadHandler pemDownload(String pem, String fileName) {
        byte[] bytes = pem.getBytes(StandardCharsets.US_ASCII);
        return DownloadHandler.fromInputStream(event -> new DownloadResponse(
                new ByteArrayInputStream(bytes), fileName, "application/x-pem-file", bytes.length));
    }

    private static Div card(String title) {
        Div card = new Div(new H3(title));
        card.addClassName("sp-card");
        return card;
    }

    @Override
    public String getPageTitle() {
        return getTranslation("nav.apiKeys");
    }
}
