package dev.barge.policy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;

/** Host IP addresses as the engine binds them, compared by value ({@code ::1} and {@code 0:0::1} alike). */
final class Addresses {
    /** What a port published without a host IP binds: every IPv4 and every IPv6 address. */
    static final List<String> EVERY_INTERFACE = List.of("0.0.0.0", "::");

    private Addresses() {
    }

    private static boolean ipv4(String a) {
        if (!a.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
            return false;
        }
        for (String octet : a.split("\\.")) {
            if (Integer.parseInt(octet) > 255) {
                return false;
            }
        }
        return true;
    }

    /** The canonical text of an IP literal; anything else (a host name) as written, never looked up. */
    static String normalize(String address) {
        String a = address.strip();
        if (a.startsWith("[") && a.endsWith("]")) {
            a = a.substring(1, a.length() - 1);
        }
        boolean literal = ipv4(a) || a.contains(":") && a.matches("[0-9A-Fa-f.:]+");
        if (!literal) {
            return a.toLowerCase(Locale.ROOT);
        }
        try {
            // a literal is parsed, never resolved
            return InetAddress.getByName(a).getHostAddress();
        } catch (UnknownHostException e) {
            return a;
        }
    }
}
