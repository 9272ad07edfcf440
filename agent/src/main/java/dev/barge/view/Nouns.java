package dev.barge.view;

/** Counted nouns as people write them: "1 deployment", "2 deployments". */
public final class Nouns {
    private Nouns() {
    }

    public static String count(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
