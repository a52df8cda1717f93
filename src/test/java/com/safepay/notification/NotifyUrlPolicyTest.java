package com.safepay.notification;

import static org.assertj.core.api.Assertions.assertThat;

import com.safepay.shared.NotifyUrlPolicy;
import java.net.URI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** SSRF: in production (no allow-list) notify URLs must reach public addresses only. */
class NotifyUrlPolicyTest {

    private final NotifyUrlPolicy production = new NotifyUrlPolicy("");

    @ParameterizedTest
    @ValueSource(
            strings = {
                "http://127.0.0.1/notify",
                "http://localhost:8080/notify",
                "http://10.0.0.8/notify",
                "http://172.16.3.4/notify",
                "http://192.168.1.1/notify",
                "http://169.254.169.254/latest/meta-data",
                "http://[::1]/notify",
                "http://[fd00::1]/notify",
                "http://0.0.0.0/notify",
                "http://100.64.0.1/notify"
            })
    void loopback_private_link_local_and_metadata_addresses_are_refused_in_production(String url) {
        assertThat(production.isAllowed(URI.create(url))).isFalse();
    }

    @Test
    void public_addresses_are_allowed() {
        assertThat(production.isAllowed(URI.create("https://93.184.216.34/notify")))
                .isTrue();
    }

    @Test
    void the_allow_list_admits_named_hosts_for_tests_and_the_demo() {
        NotifyUrlPolicy demo = new NotifyUrlPolicy("localhost, 127.0.0.1");
        assertThat(demo.isAllowed(URI.create("http://localhost:8080/demo-shop/notify")))
                .isTrue();
        assertThat(demo.isAllowed(URI.create("http://127.0.0.1:9/x"))).isTrue();
        assertThat(demo.isAllowed(URI.create("http://10.0.0.1/x"))).isFalse();
    }
}
