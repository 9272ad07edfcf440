package dev.barge.config.compose;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Splits a command string into words as Compose does for {@code command:} and {@code entrypoint:}
 * (POSIX-shell quoting, no expansion): whitespace separates words, single quotes keep everything,
 * double quotes keep everything but {@code \"}, {@code \\}, {@code \$} and {@code \`}, and a backslash
 * outside quotes escapes the next character.
 */
final class ShellWords {
    private ShellWords() {
    }

    /** The words, or empty when a quote is not closed. */
    static Optional<List<String>> split(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        char quote = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quote == '\'') {
                if (c == '\'') {
                    quote = 0;
                } else {
                    word.append(c);
                }
            } else if (quote == '"') {
                if (c == '"') {
                    quote = 0;
                } else if (c == '\\' && i + 1 < line.length() && "\"\\$`\n".indexOf(line.charAt(i + 1)) >= 0) {
                    char escaped = line.charAt(++i);
                    if (escaped != '\n') {
                        word.append(escaped);
                    }
                } else {
                    word.append(c);
                }
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            } else {
                inWord = true;
                if (c == '\'' || c == '"') {
                    quote = c;
                } else if (c == '\\' && i + 1 < line.length()) {
                    char escaped = line.charAt(++i);
                    if (escaped != '\n') {
                        word.append(escaped);
                    }
                } else {
                    word.append(c);
                }
            }
        }
        if (quote != 0) {
            return Optional.empty();
        }
        if (inWord) {
            words.add(word.toString());
        }
        return Optional.of(words);
    }
}
