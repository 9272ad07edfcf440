package dev.barge.reconcile;

import dev.barge.record.Trigger;
import java.util.Objects;

/**
 * Why the agent wakes up to reconcile. Several causes that arrive while one reconcile runs, or before
 * the agent takes the next, are coalesced into one {@link Wakeup}.
 */
public sealed interface Cause {

    /** A short word for logs: poll, webhook, drift, manual, startup, reconnect. */
    String kind();

    /** What history records as the trigger of a reconcile this cause started. */
    Trigger trigger();

    /** The poll timer fired. */
    record Poll() implements Cause {
        @Override
        public String kind() {
            return "poll";
        }

        @Override
        public Trigger trigger() {
            return Trigger.POLL;
        }
    }

    /** A signed webhook from {@code provider} (github, gitlab, gitea, generic) announced a push. */
    record Webhook(String provider) implements Cause {
        public Webhook {
            Objects.requireNonNull(provider, "provider");
        }

        @Override
        public String kind() {
            return "webhook";
        }

        @Override
        public Trigger trigger() {
            return Trigger.WEBHOOK;
        }
    }

    /** The engine reported that a barge container died, stopped, vanished or turned unhealthy. */
    record Drift(String stack, String service, String container, String action) implements Cause {
        @Override
        public String kind() {
            return "drift";
        }

        @Override
        public Trigger trigger() {
            return Trigger.DRIFT;
        }
    }

    /** Someone asked for a reconcile now (e.g. the status page of a later issue). */
    record Manual(String who) implements Cause {
        @Override
        public String kind() {
            return "manual";
        }

        @Override
        public Trigger trigger() {
            return Trigger.MANUAL;
        }
    }

    /** The agent just started: the first reconcile always plans, to converge after downtime. */
    record Startup() implements Cause {
        @Override
        public String kind() {
            return "startup";
        }

        @Override
        public Trigger trigger() {
            return Trigger.STARTUP;
        }
    }

    /** The engine's event stream was reopened: events may have been missed, so plan once. */
    record Reconnect() implements Cause {
        @Override
        public String kind() {
            return "reconnect";
        }

        @Override
        public Trigger trigger() {
            return Trigger.DRIFT;
        }
    }
}
