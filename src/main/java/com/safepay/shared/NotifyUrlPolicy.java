package com.safepay.shared;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Refuses notify URLs whose host resolves to a loopback, private, link-local or cloud-metadata
 * address, so SafePay cannot be used to reach internal services. Hosts on the configured allow-list
 * (tests, the demo) are admitted. Checked when a trade is created and again before every send,
 * since a name can resolve differently later.
 */
@Component
public class NotifyUrlPolicy {

    private final Set<String> allowList;

    public NotifyUrlPolicy(@Value("${safepay.notify.host-allow-list:}") String allowList) {
        this.allowList = Arrays.stream(allowList.split(","))
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .map(s -> s.toLowerCase(Locale.ROOT))
                .collect(Collectors.toSet());
    }

    public boolean isAllowed(URI url) {
        String host = url.getHost().toLowerCase(Locale.ROOT);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        if (allowList.contains(host)) {
            return true;
        }
        try {
            for (InetAddress address : InetAddress.getAllByName(host)) {
                if (isInternal(address)) {
                    return false;
                }
            }
            return true;
        } catch (UnknownHostException e) {
            return false;
        }
    }

    static boolean isInternal(InetAddress address) {
        byte[] b = address.getAddress();
        boolean metadata = b.length == 4 && (b[0] & 0xff) == 169 && (b[1] & 0xff) == 254;
        boolean carrierNat = b.length == 4 && (b[0] & 0xff) == 100 && (b[1] & 0xc0) == 64;
        boolean uniqueLocalV6 = b.length == 16 && (b[0] & 0xfe) == 0xfc;
        return address.isLoopbackAddress()
                || address.isSiteLocalAddress()
                || address.isLinkLocalAddress()
                || address.isAnyLocalAddress()
                || address.isMulticastAddress()
                || metadata
                || carrierNat
                || uniqueLocalV6;
    }
}
