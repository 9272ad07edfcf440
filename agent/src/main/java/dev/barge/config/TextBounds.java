package dev.barge.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * The bounds every YAML and JSON file meets before a parser sees it, shared by config and decrypt, so
 * that no input can exhaust memory or stack, or keep a parser busy: the parsers' own failures on such
 * input are an out-of-memory error, a stack overflow, or (SnakeYAML re-copies its read window for every
 * 1 KiB of a long token) time that grows with the square of a line's length.
 */
public final class TextBounds {
    /** Beyond any hand-written file; the repo's own per-file cap is lower. */
    public static final int MAX_FILE_BYTES = 8 * 1024 * 1024;
    /** A longer line (a YAML token, in practice) costs SnakeYAML seconds; JSON has no such cost. */
    public static final int MAX_YAML_LINE_BYTES = 256 * 1024;
    /** Compose needs under ten levels; the bound keeps every recursive reader far from the stack's end. */
    public static final int MAX_DEPTH = 100;
    /** Nodes that YAML aliases may add to one file: an alias bomb is refused long before memory runs out. */
    public static final int MAX_ALIAS_NODES = 10_000;

    private TextBounds() {
    }

    /** The nodes of a tree, itself included: what an alias of it adds. */
    public static int nodes(JsonNode node) {
        int n = 1;
        for (JsonNode child : node) {
            n += nodes(child);
        }
        return n;
    }

    /** The levels of mappings and lists a tree nests: what an alias of it adds to the depth where it stands. */
    public static int height(JsonNode node) {
        int h = 0;
        for (JsonNode child : node) {
            h = Math.max(h, height(child));
        }
        return h + (node.isContainerNode() ? 1 : 0);
    }

    /** Why a file cannot be read, at a 1-based line (0 when it is about the whole file). */
    public record Flaw(int line, String message) {
    }

    /**
     * The first reason {@code content} is not text a parser may be given: too large, not UTF-8 (with
     * the line of the first bad byte), a control character YAML forbids, a YAML line too long; null when fine.
     */
    public static Flaw check(byte[] content, boolean yaml) {
        if (content.length > MAX_FILE_BYTES) {
            return new Flaw(0, "is larger than " + MAX_FILE_BYTES / (1024 * 1024) + " MiB, the limit for a YAML or JSON file:"
                    + " keep large content out of the config");
        }
        if (isUtf16(content)) {
            return new Flaw(1, "is UTF-16 text, not UTF-8: save it as UTF-8");
        }
        int bad = firstMalformedByte(content);
        if (bad >= 0) {
            return new Flaw(lineAt(content, bad), "is not UTF-8 text (byte 0x"
                    + String.format("%02x", content[bad] & 0xff) + " on this line): save the file as UTF-8");
        }
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i <= content.length; i++) {
            int b = i < content.length ? content[i] & 0xff : '\n';
            if (b == '\n') {
                if (yaml && i - lineStart > MAX_YAML_LINE_BYTES) {
                    return new Flaw(line, "has a line longer than " + MAX_YAML_LINE_BYTES / 1024
                            + " KiB, the limit for YAML: move the content into a file of its own or into JSON");
                }
                line++;
                lineStart = i + 1;
            } else if (b < 0x20 && b != '\t' && b != '\r' || yaml && isYamlForbidden(content, i)) {
                return new Flaw(line, "has a control character on this line, which " + (yaml ? "YAML" : "JSON")
                        + " does not allow: remove it");
            }
        }
        return null;
    }

    /** DEL, the C1 controls but NEL (UTF-8 C2 80..9F), U+FFFE and U+FFFF: outside YAML's printable set. */
    private static boolean isYamlForbidden(byte[] content, int i) {
        int b = content[i] & 0xff;
        int next = i + 1 < content.length ? content[i + 1] & 0xff : 0;
        int third = i + 2 < content.length ? content[i + 2] & 0xff : 0;
        return b == 0x7f
                || b == 0xc2 && next >= 0x80 && next <= 0x9f && next != 0x85
                || b == 0xef && next == 0xbf && (third == 0xbe || third == 0xbf);
    }

    private static boolean isUtf16(byte[] content) {
        if (content.length >= 2 && ((content[0] & 0xff) == 0xfe && (content[1] & 0xff) == 0xff
                || (content[0] & 0xff) == 0xff && (content[1] & 0xff) == 0xfe)) {
            return true;
        }
        // BOM-less UTF-16 of ASCII text: every other byte of the first ones is NUL
        return content.length >= 4 && (content[0] == 0 && content[2] == 0 || content[1] == 0 && content[3] == 0);
    }

    private static int firstMalformedByte(byte[] content) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(content);
        CharBuffer out = CharBuffer.allocate(8192);
        while (true) {
            CoderResult result = decoder.decode(in, out, true);
            if (result.isError()) {
                return in.position();
            }
            if (result.isUnderflow()) {
                return -1;
            }
            out.clear();
        }
    }

    private static int lineAt(byte[] content, int offset) {
        int line = 1;
        for (int i = 0; i < offset; i++) {
            if (content[i] == '\n') {
                line++;
            }
        }
        return line;
    }
}
