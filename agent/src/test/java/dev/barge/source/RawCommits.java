package dev.barge.source;

import java.nio.charset.StandardCharsets;

/** Raw commit objects for unit tests, laid out as git writes them. */
final class RawCommits {
    /** 2023-11-14T22:13:20Z */
    static final long TIME = 1_700_000_000L;

    private RawCommits() {
    }

    static String payload(String message) {
        return "tree 4b825dc642cb6eb9a060e54bf8d69288fbee4904\n"
                + "author A U Thor <author@example.com> " + TIME + " +0000\n"
                + "committer C O Mitter <committer@example.com> " + TIME + " +0000\n"
                + "\n" + message + "\n";
    }

    /** {@code payload} with a gpgsig header carrying {@code signature}, where git puts it: after the other headers. */
    static byte[] signed(String payload, String signature) {
        int blank = payload.indexOf("\n\n");
        String header = "gpgsig " + signature.stripTrailing().replace("\n", "\n ") + "\n";
        return (payload.substring(0, blank + 1) + header + payload.substring(blank + 1)).getBytes(StandardCharsets.UTF_8);
    }
}
