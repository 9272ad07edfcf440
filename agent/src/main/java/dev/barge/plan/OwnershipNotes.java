package dev.barge.plan;

import dev.barge.docker.ActualState;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The plan's notes on what observe found not owned (left alone) or adopted from an earlier barge. */
final class OwnershipNotes {

    private OwnershipNotes() {
    }

    /** Notes on {@code actual}'s unowned and adopted objects, sorted; {@code changes} tell which names the plan creates. */
    static List<Note> of(ActualState actual, List<Change> changes) {
        Set<String> created = new HashSet<>();
        for (Change c : changes) {
            if (c.action() == Action.CREATE) {
                String name = c instanceof ContainerChange cc ? cc.containerName() : c.address().name();
                created.add(c.address().kind() + "/" + name);
            }
        }
        List<Note> notes = new ArrayList<>();
        for (ActualState.Unowned u : actual.unowned()) {
            Address.Kind kind = kind(u.kind());
            String detail = "not owned, left alone: " + (u.otherInstance()
                    ? "another barge instance (with another state dir) created it"
                    : "it has barge's labels but not this barge's owner proof");
            if (created.contains(kind + "/" + u.name())) {
                detail += "; this plan creates one by that name, which fails until it is renamed or removed";
            }
            notes.add(new Note(Note.Kind.NOT_OWNED, kind, u.name(), u.stack(), detail));
        }
        for (ActualState.Adopted a : actual.adopted()) {
            Address.Kind kind = kind(a.kind());
            notes.add(new Note(Note.Kind.ADOPTED, kind, a.name(), a.stack(), kind == Address.Kind.CONTAINER
                    ? "adopted from an earlier barge: recorded in this state dir; a replace gives it the owner label"
                    : "adopted from an earlier barge: its stack is recorded in this state dir"));
        }
        notes.sort(Comparator.comparing(Note::kind).thenComparing(Note::object).thenComparing(Note::name));
        return notes;
    }

    private static Address.Kind kind(ActualState.Kind kind) {
        return switch (kind) {
            case CONTAINER -> Address.Kind.CONTAINER;
            case NETWORK -> Address.Kind.NETWORK;
            case VOLUME -> Address.Kind.VOLUME;
        };
    }
}
