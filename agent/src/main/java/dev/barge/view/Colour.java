package dev.barge.view;

import java.util.Map;

/** ANSI colours for human output, and the rule that decides whether to use them. */
public enum Colour {
    GREEN("32"), YELLOW("33"), RED("31"), CYAN("36"), MAGENTA("35"), DIM("2"), BOLD("1");

    private final String code;

    Colour(String code) {
        this.code = code;
    }

    /**
     * Colour only on a terminal, never when {@code NO_COLOR} is set to a non-empty value
     * (https://no-color.org) or {@code TERM=dumb}.
     */
    public static boolean enabled(Map<String, String> env, boolean isTerminal) {
        String noColor = env.get("NO_COLOR");
        return isTerminal && (noColor == null || noColor.isEmpty()) && !"dumb".equals(env.get("TERM"));
    }

    /** {@code text} wrapped in this colour when {@code on}, else as is. */
    public String paint(String text, boolean on) {
        return on ? "\u001b[" + code + "m" + text + "\u001b[0m" : text;
    }
}
