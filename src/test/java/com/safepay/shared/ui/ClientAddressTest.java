package com.safepay.shared.ui;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ClientAddressTest {

    @Test
    void loopback_reads_as_127_0_0_1_and_says_it_is_this_machine() {
        assertThat(ClientAddress.display("0:0:0:0:0:0:0:1", "本机")).isEqualTo("127.0.0.1 (本机)");
        assertThat(ClientAddress.display("::1", "this computer")).isEqualTo("127.0.0.1 (this computer)");
        assertThat(ClientAddress.display("127.0.0.1", "本机")).isEqualTo("127.0.0.1 (本机)");
        assertThat(ClientAddress.display("[0:0:0:0:0:0:0:1%0]", "本机")).isEqualTo("127.0.0.1 (本机)");
    }

    @Test
    void ipv6_is_shown_in_its_short_form_and_ipv4_as_it_is() {
        assertThat(ClientAddress.display("2001:0DB8:0:0:0:0:2:1", "x")).isEqualTo("2001:db8::2:1");
        assertThat(ClientAddress.display("2001:db8:0:0:1:0:0:1", "x")).isEqualTo("2001:db8::1:0:0:1");
        assertThat(ClientAddress.display("2001:db8:0:1:1:1:1:1", "x")).isEqualTo("2001:db8:0:1:1:1:1:1");
        assertThat(ClientAddress.display("0:0:0:0:0:0:0:0", "x")).isEqualTo("::");
        assertThat(ClientAddress.display("fe80:0:0:0:0:0:0:5", "x")).isEqualTo("fe80::5");
        assertThat(ClientAddress.display("203.0.113.7", "x")).isEqualTo("203.0.113.7");
        assertThat(ClientAddress.display(null, "x")).isEmpty();
    }
}
