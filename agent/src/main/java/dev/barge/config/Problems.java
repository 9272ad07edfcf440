package dev.barge.config;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/** Collects every problem in a repo so that a broken repo reports all of them at once, not only the first. */
public final class Problems {
    // a set: a compose file used by several stacks reports each of its problems once
    private final java.util.Set<Problem> found = new LinkedHashSet<>();
    // warnings do not stop a load; a list, so that each stack using a compose file gets that file's warnings
    private final List<Problem> warnings = new ArrayList<>();
    // values whose problem is reported already (file#pointer): a later problem there only repeats it less clearly
    private final java.util.Set<String> settled = new java.util.HashSet<>();

    /**
     * The value at {@code pointer} has had its problem reported (an unset variable in an image, a required
     * variable): what a later reader finds wrong with it ({@code ':/media'} is no SOURCE:TARGET) is not added.
     */
    public void settle(SourceDocument doc, String pointer) {
        settled.add(doc.fileOf(pointer) + "#" + pointer);
    }

    /** Something Compose accepts with a warning: reported by validate, render, plan and the agent, never thrown. */
    public void warn(SourceDocument doc, String pointer, String message) {
        warnings.add(new Problem(doc.fileOf(pointer), doc.lineOf(pointer), pointer, message));
    }

    public int warningCount() {
        return warnings.size();
    }

    /** The warnings added since the first {@code from}, in the order they were found. */
    public List<Problem> warningsFrom(int from) {
        return List.copyOf(warnings.subList(from, warnings.size()));
    }

    public void add(Problem problem) {
        if (!settled.contains(problem.file() + "#" + problem.pointer())) {
            found.add(problem);
        }
    }

    public void add(SourceDocument doc, String pointer, String message) {
        add(new Problem(doc.fileOf(pointer), doc.lineOf(pointer), pointer, message));
    }

    public void add(String file, int line, String pointer, String message) {
        add(new Problem(file, line, pointer, message));
    }

    public void addAll(List<Problem> problems) {
        found.addAll(problems);
    }

    public boolean isEmpty() {
        return found.isEmpty();
    }

    public int size() {
        return found.size();
    }

    /** Passes the message of every problem added since the first {@code from} through {@code redact}. */
    public void redactFrom(int from, java.util.function.UnaryOperator<String> redact) {
        List<Problem> all = new ArrayList<>(found);
        found.clear();
        for (int i = 0; i < all.size(); i++) {
            Problem p = all.get(i);
            found.add(i < from ? p : new Problem(p.file(), p.line(), p.pointer(), redact.apply(p.message())));
        }
    }

    public List<Problem> list() {
        return found.stream().sorted().toList();
    }

    /** Throws an {@link InvalidConfigException} carrying every problem, when there is any. */
    public void throwIfAny() {
        if (!found.isEmpty()) {
            throw new InvalidConfigException(new ArrayList<>(found));
        }
    }
}
