package dev.barge.decrypt;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.BiFunction;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.comments.CommentType;
import org.yaml.snakeyaml.events.CommentEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.MappingEndEvent;
import org.yaml.snakeyaml.events.MappingStartEvent;
import org.yaml.snakeyaml.events.ScalarEvent;
import org.yaml.snakeyaml.events.SequenceEndEvent;
import org.yaml.snakeyaml.events.SequenceStartEvent;

/**
 * Keeps a YAML file's comments across encrypt and decrypt, as sops does: each comment belongs to its
 * enclosing mapping, is encrypted like a value at that mapping's path (type {@code comment}) unless the crypt
 * rule leaves that path clear, and is never in the MAC. The stores write trees without comments; the tree
 * written has the same mappings and keys in the same order, so each comment goes back before the same key
 * of the same mapping (the n-th mapping of the file, the top-level {@code sops} block not counted), on a
 * line of its own.
 */
final class YamlComments {
    private static final String METADATA = "sops";

    private YamlComments() {
    }

    /** Where a comment goes: before key {@code key} of the {@code mapping}-th mapping; {@code key} past the last: at its end. */
    private record Comment(int mapping, int key, List<String> path, String text) {
    }

    /** A key's (or a mapping's end's) line and column in the written text. */
    private record Place(int mapping, int key, int line, int column) {
    }

    /** {@code written} with the comments of {@code source}, each passed through {@code transform(path, text)}. */
    static byte[] encrypted(byte[] plaintext, byte[] written, CryptRule rule, byte[] dataKey) {
        return merge(plaintext, written, (path, comment) -> rule.encrypts(path)
                ? ValueCipher.encrypt(comment.getBytes(StandardCharsets.UTF_8), "comment", dataKey, TreeWalk.aad(path)) : comment);
    }

    /** A comment that does not decrypt stays as it is, as in sops. */
    static byte[] decrypted(byte[] encrypted, byte[] written, byte[] dataKey) {
        return merge(encrypted, written, (path, comment) -> {
            if (!comment.startsWith("ENC[")) {
                return comment;
            }
            try {
                return new String(ValueCipher.decrypt(comment, dataKey, TreeWalk.aad(path)).plaintext, StandardCharsets.UTF_8);
            } catch (java.security.GeneralSecurityException | RuntimeException e) {
                return comment;
            }
        });
    }

    static byte[] kept(byte[] original, byte[] written) {
        return merge(original, written, (path, comment) -> comment);
    }

    private static byte[] merge(byte[] source, byte[] written, BiFunction<List<String>, String, String> transform) {
        String text = new String(written, StandardCharsets.UTF_8);
        List<Comment> comments = new ArrayList<>();
        walk(new String(source, StandardCharsets.UTF_8), comments, null);
        if (comments.isEmpty()) {
            return written;
        }
        List<Place> places = new ArrayList<>();
        walk(text, null, places);
        List<String> lines = new ArrayList<>(text.lines().toList());
        List<String[]> inserts = new ArrayList<>();
        for (Comment c : comments) {
            Place place = places.stream().filter(p -> p.mapping() == c.mapping() && p.key() == c.key()).findFirst()
                    .orElse(null);
            int line = place == null ? lines.size() : Math.min(place.line(), lines.size());
            int column = place == null ? 0 : place.column();
            inserts.add(new String[] {Integer.toString(line), " ".repeat(column) + "#" + transform.apply(c.path(), c.text())});
        }
        // from the bottom up, so earlier line numbers stay right; comments for one place keep their order
        for (int i = inserts.size() - 1; i >= 0; i--) {
            lines.add(Integer.parseInt(inserts.get(i)[0]), inserts.get(i)[1]);
        }
        return (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Walks the events of {@code yaml}, numbering mappings in document order; collects comments (with their
     * anchor and enclosing path) into {@code comments} and key positions into {@code places}, whichever is given.
     */
    private static void walk(String yaml, List<Comment> comments, List<Place> places) {
        LoaderOptions options = new LoaderOptions();
        options.setProcessComments(true);
        Deque<Frame> stack = new ArrayDeque<>();
        int mappings = 0;
        int skipDepth = -1;
        List<String> pending = new ArrayList<>();
        for (Event event : new Yaml(options).parse(new StringReader(yaml))) {
            Frame top = stack.peek();
            boolean skipping = skipDepth >= 0;
            if (event instanceof CommentEvent comment) {
                if (comment.getCommentType() == CommentType.BLANK_LINE) {
                    continue;
                }
                if (comments != null && !skipping && top != null && top.mapping && !top.expectingKey) {
                    pending.add(comment.getValue()); // between a key and its value: the value's, if it is a mapping
                } else if (comments != null && !skipping && top != null && top.mapping) {
                    comments.add(new Comment(top.index, top.keys, top.path, comment.getValue()));
                } else if (comments != null && !skipping && top == null) {
                    comments.add(new Comment(mappings, 0, List.of(), comment.getValue()));
                }
                continue;
            }
            if (!pending.isEmpty()) {
                boolean intoMapping = event instanceof MappingStartEvent;
                for (String text : pending) {
                    comments.add(intoMapping ? new Comment(mappings, 0, top.childPath(), text)
                            : new Comment(top.index, top.keys + 1, top.path, text));
                }
                pending.clear();
            }
            if (event instanceof MappingStartEvent || event instanceof SequenceStartEvent) {
                List<String> path = top == null ? List.of() : top.childPath();
                boolean mapping = event instanceof MappingStartEvent;
                if (!skipping && top != null && top.mapping && stack.size() == 1 && METADATA.equals(top.lastKey)) {
                    skipDepth = stack.size();
                    skipping = true;
                }
                Frame frame = new Frame(mapping, mapping && !skipping ? mappings++ : -1, path);
                stack.push(frame);
                continue;
            }
            if (event instanceof MappingEndEvent || event instanceof SequenceEndEvent) {
                Frame done = stack.pop();
                if (places != null && done.mapping && done.index >= 0) {
                    places.add(new Place(done.index, done.keys, event.getStartMark().getLine(), done.column));
                }
                if (skipDepth == stack.size()) {
                    skipDepth = -1;
                }
                if (stack.peek() != null) {
                    stack.peek().valueDone();
                }
                continue;
            }
            if (event instanceof ScalarEvent scalar && top != null) {
                if (top.mapping && top.expectingKey) {
                    if (!skipping && stack.size() == 1 && METADATA.equals(scalar.getValue())) {
                        // the metadata block is not the user's: comments meant for the end of the mapping go before it
                        if (places != null) {
                            places.add(new Place(top.index, top.keys, scalar.getStartMark().getLine(), scalar.getStartMark().getColumn()));
                        }
                        top.lastKey = METADATA;
                        top.expectingKey = false;
                        continue;
                    }
                    if (places != null && top.index >= 0) {
                        places.add(new Place(top.index, top.keys, scalar.getStartMark().getLine(), scalar.getStartMark().getColumn()));
                    }
                    if (top.keys == 0) {
                        top.column = scalar.getStartMark().getColumn();
                    }
                    top.lastKey = scalar.getValue();
                    top.expectingKey = false;
                } else {
                    top.valueDone();
                }
            }
        }
    }

    private static final class Frame {
        final boolean mapping;
        final int index;
        final List<String> path;
        int keys;
        int column;
        boolean expectingKey = true;
        String lastKey;

        Frame(boolean mapping, int index, List<String> path) {
            this.mapping = mapping;
            this.index = index;
            this.path = path;
        }

        List<String> childPath() {
            if (!mapping) {
                return path;
            }
            List<String> child = new ArrayList<>(path);
            child.add(lastKey);
            return child;
        }

        void valueDone() {
            if (mapping && !expectingKey) {
                keys++;
                expectingKey = true;
            }
        }
    }
}
