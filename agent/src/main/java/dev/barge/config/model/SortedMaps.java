package dev.barge.config.model;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/** Unmodifiable key-sorted copies, so that iteration order (and so hashing and rendering) is stable. */
final class SortedMaps {
    private SortedMaps() {
    }

    static <V> Map<String, V> copyOf(Map<String, V> map) {
        return Collections.unmodifiableMap(new TreeMap<>(map));
    }
}
