package dev.barge.config.compose;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.barge.config.Problems;
import dev.barge.config.SourceDocument;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.TreeSet;

/**
 * The compose model as Compose builds it before reading it: the files a top-level {@code include:} names
 * are loaded as projects of their own and their resources added ({@link Includes}), then every service's
 * {@code extends:} is merged over its base ({@link Extends}). The result is one document whose nodes keep
 * the file and line they were written on, and the directory their relative paths resolve against, so
 * that the parser reads it exactly as it reads a single file.
 */
final class ComposeAssembly {
    /** Nodes the merged model may hold: far above any real file, far below what memory allows. */
    static final int MAX_NODES = 100_000;
    /** Files an include may nest, and services an extends chain may pass through. */
    static final int MAX_DEPTH = 16;

    /**
     * {@code doc} with the assembled mapping at the parser's pointer (values as written), {@code root} the
     * interpolated mapping, {@code sensitive} the pointers a secret reached, {@code baseDirs} the directory of
     * every node whose relative paths resolve elsewhere than its parent's.
     */
    record Assembled(SourceDocument doc, JsonNode root, NavigableSet<String> sensitive, Map<String, String> baseDirs) {
    }

    private ComposeAssembly() {
    }

    /** Whether the mapping uses include or extends; a file without either is read as it is. */
    static boolean needed(JsonNode compose) {
        if (compose.has("include")) {
            return true;
        }
        for (JsonNode service : compose.path("services")) {
            if (service.has("extends")) {
                return true;
            }
        }
        return false;
    }

    /** The compose mapping at {@code pointer} of {@code doc}, its includes added and its extends merged. */
    static Assembled run(SourceDocument doc, String pointer, ComposeParser.Context context, Problems problems) {
        return run(doc, pointer, context, problems, false);
    }

    /** {@link #run}; with {@code locationsOnly}, env files are not read: for where things were written, not their values. */
    static Assembled run(SourceDocument doc, String pointer, ComposeParser.Context context, Problems problems,
                         boolean locationsOnly) {
        Budget budget = new Budget(problems);
        Located root = Includes.load(doc, pointer, context.baseDir(), context.variables(),
                new Includes.Loading(context, problems, budget, locationsOnly), List.of(doc.file()));
        return emit(doc, pointer, root, context.baseDir());
    }

    /** Counts merged nodes; past {@link #MAX_NODES} the assembly stops adding and says why, once. */
    static final class Budget {
        private final Problems problems;
        private int used;
        private boolean exceeded;

        Budget(Problems problems) {
            this.problems = problems;
        }

        /** False, after a problem at {@code where}, when {@code nodes} more would pass the limit. */
        boolean take(int nodes, Located.Where where) {
            used += nodes;
            if (used > MAX_NODES && !exceeded) {
                exceeded = true;
                problems.add(where.file(), where.line(), "", "include and extends expand this compose model to more than "
                        + MAX_NODES + " values, the limit: share less through extends, or split the stack");
            }
            return !exceeded;
        }
    }

    private static Assembled emit(SourceDocument doc, String pointer, Located root, String baseDir) {
        Map<String, Integer> lines = new HashMap<>();
        doc.lines().forEach((p, line) -> {
            if (!p.equals(pointer) && !p.startsWith(pointer + "/")) {
                lines.put(p, line);
            }
        });
        Map<String, String> files = new HashMap<>(doc.files());
        Map<String, String> baseDirs = new HashMap<>();
        NavigableSet<String> sensitive = new TreeSet<>();
        walk(root, pointer, doc.file(), baseDir, lines, files, baseDirs, sensitive);
        JsonNode written = root.json(true);
        JsonNode docRoot = pointer.isEmpty() ? written : replaced(doc.root().deepCopy(), pointer, written);
        return new Assembled(new SourceDocument(doc.file(), docRoot, lines, files), root.json(false), sensitive, baseDirs);
    }

    private static void walk(Located node, String pointer, String parentFile, String parentBase, Map<String, Integer> lines,
                             Map<String, String> files, Map<String, String> baseDirs, NavigableSet<String> sensitive) {
        Located.Where where = node.where();
        if (where.line() > 0) {
            lines.put(pointer, where.line());
        }
        if (!where.file().equals(parentFile)) {
            files.put(pointer, where.file());
        }
        if (!where.baseDir().equals(parentBase)) {
            baseDirs.put(pointer, where.baseDir());
        }
        if (node.sensitive()) {
            sensitive.add(pointer);
        }
        if (node.isMapping()) {
            node.fields().forEach((key, child) -> walk(child, SourceDocument.child(pointer, key), where.file(),
                    where.baseDir(), lines, files, baseDirs, sensitive));
        } else if (node.isList()) {
            for (int i = 0; i < node.items().size(); i++) {
                walk(node.items().get(i), SourceDocument.child(pointer, i), where.file(), where.baseDir(), lines, files,
                        baseDirs, sensitive);
            }
        }
    }

    /** {@code root} with the node at {@code pointer} (an inline compose spec in a deployment file) replaced. */
    private static JsonNode replaced(JsonNode root, String pointer, JsonNode value) {
        JsonPointer at = JsonPointer.compile(pointer);
        JsonNode parent = root.at(at.head());
        String last = at.last().getMatchingProperty();
        if (parent instanceof ObjectNode object) {
            object.set(last, value);
        } else if (parent instanceof ArrayNode array) {
            array.set(at.last().getMatchingIndex(), value);
        }
        return root;
    }
}
