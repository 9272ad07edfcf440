package dev.barge.config.compose;

/**
 * IP address literals as Docker takes them (ports' host IP, {@code extra_hosts}, {@code dns}), checked
 * here so that {@code validate} refuses what the engine would: IPv4 in dotted quads of 0-255, IPv6 in
 * hex groups with at most one {@code ::} (and an IPv4 tail), optionally in brackets. No name lookup.
 */
final class IpAddresses {
    private IpAddresses() {
    }

    static boolean isIp(String text) {
        if (text == null || text.isEmpty()) {
            return false;
        }
        String s = text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
        return s.contains(":") ? isIpv6(s) : isIpv4(s);
    }

    static boolean isIpv4(String s) {
        String[] parts = s.split("\\.", -1);
        if (parts.length != 4) {
            return false;
        }
        for (String part : parts) {
            if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(c -> c >= '0' && c <= '9')
                    || Integer.parseInt(part) > 255) {
                return false;
            }
        }
        return true;
    }

    private static boolean isIpv6(String s) {
        int percent = s.indexOf('%');
        String address = percent >= 0 ? s.substring(0, percent) : s;
        int gap = address.indexOf("::");
        if (gap >= 0 && address.indexOf("::", gap + 1) >= 0) {
            return false;
        }
        String head = gap >= 0 ? address.substring(0, gap) : address;
        String tail = gap >= 0 ? address.substring(gap + 2) : "";
        int groups = groups(head, tail.isEmpty() && gap < 0) + groups(tail, true);
        if (groups < 0 || gap < 0 && groups != 8 || gap >= 0 && groups > 7) {
            return false;
        }
        return true;
    }

    /** The 16-bit groups of a colon-separated run (an IPv4 tail counts two), or a large negative when malformed. */
    private static int groups(String run, boolean mayEndInIpv4) {
        if (run.isEmpty()) {
            return 0;
        }
        String[] parts = run.split(":", -1);
        int count = 0;
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i];
            if (i == parts.length - 1 && mayEndInIpv4 && part.contains(".")) {
                if (!isIpv4(part)) {
                    return -100;
                }
                count += 2;
            } else if (part.isEmpty() || part.length() > 4 || !part.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
                return -100;
            } else {
                count++;
            }
        }
        return count;
    }
}
