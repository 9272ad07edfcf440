package dev.barge.policy;

/** Byte counts as people write them in compose files: {@code 1g}, {@code 64m}, else bytes. */
final class Sizes {
    private Sizes() {
    }

    static String text(long bytes) {
        String[] units = {"t", "g", "m", "k"};
        for (int i = 0; i < units.length; i++) {
            long unit = 1L << (10 * (4 - i));
            if (bytes >= unit && bytes % unit == 0) {
                return bytes / unit + units[i];
            }
        }
        return bytes + "b";
    }
}
