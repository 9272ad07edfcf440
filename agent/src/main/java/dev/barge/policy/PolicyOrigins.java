package dev.barge.policy;

import dev.barge.config.DocumentReader;
import dev.barge.config.Problem;
import dev.barge.config.Problems;
import dev.barge.config.SourceDocument;
import dev.barge.config.compose.ComposeParser;
import dev.barge.config.model.StackSpec;
import dev.barge.tree.FileTree;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where in the repo a violation was written, for {@code validate}: the compose file's line of the key
 * (or of its service, network or volume), or for an inline compose spec the deployment file's. The
 * model keeps no lines below the stack, so the stack's file is read again; when that fails the
 * violation still names its file, stack and service.
 */
public final class PolicyOrigins {
    /** The keys a stack's compose spec sits under in a deployment: barge's and Hikari's format. */
    private static final List<String> INLINE_KEYS = List.of("compose", "compose_spec");

    private PolicyOrigins() {
    }

    /** Each of a stack's violations with where it was written; the stack's file is read once for all of them. */
    public static List<Problem> locate(FileTree tree, StackSpec stack, List<Violation> violations) {
        if (stack.composeFile() != null) {
            // include and extends may have brought the service from another file: the document knows which
            Optional<SourceDocument> doc = ComposeParser.located(tree, stack.composeFile());
            return violations.stream().map(v -> {
                String at = doc.map(d -> written(d, "", v.pointer())).orElse(v.pointer());
                return new Problem(doc.map(d -> d.fileOf(at)).orElse(stack.composeFile()),
                        doc.map(d -> d.lineOf(at)).orElse(0), v.pointer(), v.render());
            }).toList();
        }
        String file = stack.origin().file();
        for (SourceDocument doc : documents(tree, file)) {
            Optional<String> base = inlineBase(doc, stack.origin().line());
            if (base.isPresent()) {
                return violations.stream().map(v -> new Problem(file, line(doc, base.get(), v.pointer()),
                        base.get() + v.pointer(), v.render())).toList();
            }
        }
        return violations.stream().map(v -> new Problem(file, stack.origin().line(), "", v.render())).toList();
    }

    /** The exact key's line; a tmpfs may come from {@code volumes:} as well; else the nearest enclosing key's. */
    private static int line(SourceDocument doc, String base, String pointer) {
        return doc.lineOf(written(doc, base, pointer));
    }

    /** The pointer of the key as written: a tmpfs may have been written under {@code volumes:}. */
    private static String written(SourceDocument doc, String base, String pointer) {
        for (String p : List.of(pointer, pointer.replaceFirst("/tmpfs$", "/volumes"))) {
            if (doc.lines().containsKey(base + p)) {
                return base + p;
            }
        }
        return base + pointer;
    }

    /** The pointer of the inline compose spec of the stack declared on {@code line}. */
    private static Optional<String> inlineBase(SourceDocument doc, int line) {
        for (Map.Entry<String, Integer> e : doc.lines().entrySet()) {
            if (e.getValue() != line) {
                continue;
            }
            for (String key : INLINE_KEYS) {
                String pointer = SourceDocument.child(e.getKey(), key);
                if (doc.root().at(pointer).isObject()) {
                    return Optional.of(pointer);
                }
            }
        }
        return Optional.empty();
    }

    private static List<SourceDocument> documents(FileTree tree, String file) {
        return tree.read(file).map(bytes -> DocumentReader.read(file, bytes, new Problems())).orElse(List.of());
    }
}
