package dev.barge.decrypt;

import dev.barge.BargeException;
import dev.barge.Failure;

/**
 * A sops file none of this node's identities can open: it is for other recipients (another environment's
 * key). Refused like any undecryptable file, but told apart so that validation can report it as
 * information rather than fail on it.
 */
public final class NotForThisNode extends BargeException {
    private static final long serialVersionUID = 1L;

    NotForThisNode(String message) {
        super(Failure.REFUSED, message);
    }
}
