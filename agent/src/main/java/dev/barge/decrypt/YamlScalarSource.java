package dev.barge.decrypt;

/**
 * What Jackson does not tell about a YAML scalar, read from the source at the scalar's offset: its
 * anchor, whether it carries a {@code !!str} tag, and whether it is plain (only plain scalars are typed;
 * quoted and block scalars are always strings).
 */
record YamlScalarSource(String anchor, String tag, boolean plain) {

    static YamlScalarSource at(String source, int offset) {
        int i = Math.max(0, offset);
        String anchor = null;
        String tag = null;
        while (i < source.length() && (source.charAt(i) == '&' || source.charAt(i) == '!')) {
            int end = i + 1;
            while (end < source.length() && !isBoundary(source.charAt(end))) {
                end++;
            }
            if (source.charAt(i) == '&') {
                anchor = source.substring(i + 1, end);
            } else {
                tag = source.substring(i, end);
            }
            i = end;
            while (i < source.length() && Character.isWhitespace(source.charAt(i))) {
                i++;
            }
        }
        char first = i < source.length() ? source.charAt(i) : '\n';
        boolean plain = first != '"' && first != '\'' && first != '|' && first != '>';
        return new YamlScalarSource(anchor, tag, plain);
    }

    boolean isStringTag() {
        return tag != null && (tag.equals("!!str") || tag.endsWith(":str>") || tag.endsWith(":str"));
    }

    private static boolean isBoundary(char c) {
        return Character.isWhitespace(c) || c == ',' || c == '[' || c == ']' || c == '{' || c == '}';
    }
}
