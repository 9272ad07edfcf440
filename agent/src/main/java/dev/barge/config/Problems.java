package dev.barge.config;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/** Collects every problem in a repo so that a broken repo reports all of them at once, not only the first. */
public final class Problems {
    // a set: a compose file used by several stacks reports each of its problems once
    private final java.util.Set<Problem> found = new LinkedHashSet<>();

    public void add(Problem problem) {
        found.add(problem);
    }

    public void add(SourceDocument doc, String pointer, String message) {
        found.add(new Problem(doc.file(), doc.lineOf(pointer), pointer, message));
    }

    public void add(String file, int line, String pointer, String message) {
        found.add(new Problem(file, line, pointer, message));
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
