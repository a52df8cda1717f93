package com.safepay.shared.ui;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A client address as people read it: loopback (the server's own machine) as 127.0.0.1 with a word
 * saying so, IPv6 in its short form (RFC 5952: lower case, the longest run of zero groups as "::"),
 * instead of what the servlet container reports ({@code 0:0:0:0:0:0:0:1}).
 */
public final class ClientAddress {

    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:]+");

    private ClientAddress() {}

    /** The address for display; {@code localLabel} names the server's own machine ("本机", "this computer"). */
    public static String display(String address, String localLabel) {
        if (address == null || address.isBlank()) {
            return "";
        }
        String ip = address.strip();
        if (ip.startsWith("[") && ip.endsWith("]")) {
            ip = ip.substring(1, ip.length() - 1);
        }
        int zone = ip.indexOf('%');
        if (zone >= 0) {
            ip = ip.substring(0, zone);
        }
        if (ip.contains(":") && IPV6.matcher(ip).matches()) {
            ip = compress(ip);
        }
        if (ip.equals("::1") || ip.startsWith("127.") || ip.equals("::ffff:127.0.0.1")) {
            return "127.0.0.1 (" + localLabel + ")";
        }
        return ip;
    }

    /** RFC 5952 text of an IPv6 address written with eight groups, or the text unchanged if it has fewer. */
    static String compress(String ip) {
        String[] groups = ip.toLowerCase(Locale.ROOT).split(":", -1);
        if (groups.length != 8) {
            return ip.toLowerCase(Locale.ROOT);
        }
        for (int i = 0; i < 8; i++) {
            String trimmed = groups[i].replaceFirst("^0+(?=.)", "");
            groups[i] = trimmed.isEmpty() ? "0" : trimmed;
        }
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; ) {
            int j = i;
            while (j < 8 && groups[j].equals("0")) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j == i ? i + 1 : j;
        }
        if (bestStart < 0) {
            return String.join(":", groups);
        }
        String head = String.join(":", java.util.Arrays.copyOfRange(groups, 0, bestStart));
        String tail = String.join(":", java.util.Arrays.copyOfRange(groups, bestStart + bestLength, 8));
        return head + "::" + tail;
    }
}
