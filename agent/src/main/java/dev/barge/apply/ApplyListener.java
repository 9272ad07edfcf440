package dev.barge.apply;

/**
 * Progress of an apply, one human line per step ({@code + shop/web created (healthy in 2.1s)}), so
 * the CLI can print it as it happens. Lines name objects and checks, never a secret value. Called
 * one line at a time, from the thread that runs {@link Applier#apply} or from its worker threads (a
 * line per change as it finishes, so their order follows the engine; the report's order is the plan's).
 */
@FunctionalInterface
public interface ApplyListener {

    ApplyListener NONE = line -> {
    };

    void step(String line);
}
