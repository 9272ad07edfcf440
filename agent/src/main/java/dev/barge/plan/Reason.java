package dev.barge.plan;

import java.util.List;
import java.util.Objects;

/** Why a change has its action. A closed set: renderers and the JSON schema know every case. */
public sealed interface Reason {

    /** A stable snake_case name, used in the JSON output. */
    String code();

    /** True for drift: the engine differs from what barge applied, without a commit asking for it. */
    default boolean isDrift() {
        return false;
    }

    /** Running as configured (or a one-shot job that completed). */
    record InSync() implements Reason {
        public String code() {
            return "in_sync";
        }
    }

    /** Not there and barge never created it: a new service, network or volume. */
    record New() implements Reason {
        public String code() {
            return "new";
        }
    }

    /** The config changed these attribute paths since barge created the container (empty when unknown). */
    record SpecChanged(List<String> paths) implements Reason {
        public SpecChanged {
            paths = List.copyOf(paths);
        }

        public String code() {
            return "spec_changed";
        }
    }

    /** The spec is the same but its image reference now names another local image. */
    record ImageChanged(String beforeId, String afterId) implements Reason {
        public ImageChanged {
            Objects.requireNonNull(beforeId, "beforeId");
            Objects.requireNonNull(afterId, "afterId");
        }

        public String code() {
            return "image_changed";
        }
    }

    /** barge created this container (its last apply recorded it) and it is gone. */
    record DriftMissing() implements Reason {
        public String code() {
            return "drift_missing";
        }

        @Override
        public boolean isDrift() {
            return true;
        }
    }

    /** The container matches its spec but does not run; {@code state} is e.g. "exited (137)". */
    record DriftStopped(String state) implements Reason {
        public DriftStopped {
            Objects.requireNonNull(state, "state");
        }

        public String code() {
            return "drift_stopped";
        }

        @Override
        public boolean isDrift() {
            return true;
        }
    }

    /** The container's spec label differs from what barge recorded: someone recreated it by hand. */
    record DriftChangedOutside() implements Reason {
        public String code() {
            return "drift_changed_outside";
        }

        @Override
        public boolean isDrift() {
            return true;
        }
    }

    /** A dependency declared with {@code depends_on: {X: {restart: true}}} is created or replaced. */
    record DependencyReplaced(String dependency) implements Reason {
        public DependencyReplaced {
            Objects.requireNonNull(dependency, "dependency");
        }

        public String code() {
            return "dependency_replaced";
        }
    }

    /** barge owns it but the config no longer asks for it. */
    record RemovedFromConfig() implements Reason {
        public String code() {
            return "removed_from_config";
        }
    }

    /**
     * An apply died while replacing the service: {@code parked} is the old container it had stopped and
     * renamed, the last one that passed a health gate. The replacement it started never finished its
     * gate, so it is deleted and the replace is carried out again from the parked container.
     */
    record InterruptedReplace(String parked) implements Reason {
        public InterruptedReplace {
            Objects.requireNonNull(parked, "parked");
        }

        public String code() {
            return "interrupted_replace";
        }
    }

    /** A second container for the same service (e.g. left by an interrupted replace); {@code kept} stays. */
    record Duplicate(String kept) implements Reason {
        public Duplicate {
            Objects.requireNonNull(kept, "kept");
        }

        public String code() {
            return "duplicate";
        }
    }
}
