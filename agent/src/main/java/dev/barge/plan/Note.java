package dev.barge.plan;

import java.util.Objects;

/**
 * Something a person should know about an engine object the plan does not change: one that carries
 * barge's labels but not this barge's proof (not owned, left alone), or one an earlier barge created
 * that this state dir's record names (adopted).
 *
 * @param object the object's kind
 * @param name   its engine name
 * @param stack  its {@code dev.barge.stack} label; null when it has none
 * @param detail why, for a person: one line, no trailing period
 */
public record Note(Kind kind, Address.Kind object, String name, String stack, String detail) {

    public enum Kind {
        /** Carries barge's labels without this instance's owner proof: never deleted, replaced or adopted. */
        NOT_OWNED,
        /** Made by an earlier barge and recorded in this state dir: owned; a replace gives it the owner label. */
        ADOPTED
    }

    public Note {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(object, "object");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(detail, "detail");
    }
}
