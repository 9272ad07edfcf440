package dev.barge.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.Map;

/**
 * The anchors of one YAML file and the values they name, so that an alias reads as a copy of the
 * anchored value, and a {@code <<:} merge key as the copies it merges. Bounded: the nodes all aliases of a
 * file add are capped at {@link TextBounds#MAX_ALIAS_NODES}, and a copy may not nest deeper than
 * {@link TextBounds#MAX_DEPTH}, so an alias bomb is refused before it costs memory.
 */
final class YamlAnchors {
    private record Anchored(JsonNode value, int nodes, int height, String pointer, Map<String, Integer> lines) {
    }

    /** A copy of an anchored value, and where its nodes were written: their lines go with the copy. */
    record Copy(JsonNode value, String pointer, Map<String, Integer> lines) {
    }

    private final Map<String, Anchored> named = new HashMap<>();
    private final String source;
    private int added;
    // scalars come in source order, so a cursor turns Jackson's code point offsets into char indexes cheaply
    private int cursorCodePoint;
    private int cursorChar;

    /** {@code source} is the file's text; null when it has no '&', so no scalar can carry an anchor. */
    YamlAnchors(String source) {
        this.source = source;
    }

    /** {@code pointer} is where the anchored value stands in the document whose lines are {@code lines}. */
    void remember(String name, JsonNode value, String pointer, Map<String, Integer> lines) {
        if (name != null) {
            named.put(name, new Anchored(value, TextBounds.nodes(value), TextBounds.height(value), pointer, lines));
        }
    }

    /** A copy of the value anchored as {@code name}, to be placed at {@code depth}; null when no anchor has that name. */
    Copy resolve(String name, int depth) {
        Anchored anchored = named.get(name);
        if (anchored == null) {
            return null;
        }
        if (depth + anchored.height() > TextBounds.MAX_DEPTH) {
            throw new Unreadable("alias *" + name + " nests deeper than " + TextBounds.MAX_DEPTH
                    + " levels, the limit: flatten the document");
        }
        added += anchored.nodes();
        if (added > TextBounds.MAX_ALIAS_NODES) {
            throw new Unreadable("aliases expand to more than " + TextBounds.MAX_ALIAS_NODES
                    + " values, the limit for a file: repeat less through aliases");
        }
        return new Copy(anchored.value().deepCopy(), anchored.pointer(), anchored.lines());
    }

    /** The anchor written before the scalar that starts at this code point offset ({@code &name value}), or null. */
    String scalarAnchor(long codePointOffset) {
        if (source == null || codePointOffset < 0) {
            return null;
        }
        int i = charIndex((int) codePointOffset);
        String anchor = null;
        // node properties: an anchor and a tag, in either order
        for (int property = 0; property < 2 && i < source.length(); property++) {
            char c = source.charAt(i);
            if (c != '&' && c != '!') {
                break;
            }
            int end = i + 1;
            while (end < source.length() && !isBoundary(source.charAt(end))) {
                end++;
            }
            if (c == '&') {
                anchor = source.substring(i + 1, end);
            }
            i = end;
            while (i < source.length() && (source.charAt(i) == ' ' || source.charAt(i) == '\t')) {
                i++;
            }
        }
        return anchor;
    }

    private int charIndex(int codePoint) {
        if (codePoint < cursorCodePoint) {
            cursorCodePoint = 0;
            cursorChar = 0;
        }
        try {
            cursorChar = source.offsetByCodePoints(cursorChar, codePoint - cursorCodePoint);
        } catch (IndexOutOfBoundsException e) {
            cursorChar = source.length();
        }
        cursorCodePoint = codePoint;
        return cursorChar;
    }

    private static boolean isBoundary(char c) {
        return Character.isWhitespace(c) || c == ',' || c == '[' || c == ']' || c == '{' || c == '}';
    }

    /** A file barge will not read: beyond a bound (the message names the limit), or YAML it does not support. */
    static final class Unreadable extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Unreadable(String message) {
            super(message, null, false, false);
        }
    }
}
