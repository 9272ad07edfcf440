package dev.barge.decrypt;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * A decrypted, MAC-verified sops file held in memory: its documents without the {@code sops} block.
 * The trees are never handed out of this package and never changed after construction.
 */
final class PlainDocument {
    private final SopsFormat format;
    private final List<ObjectNode> documents;

    PlainDocument(SopsFormat format, List<ObjectNode> documents) {
        this.format = format;
        this.documents = List.copyOf(documents);
    }

    SopsFormat format() {
        return format;
    }

    List<ObjectNode> documents() {
        return documents;
    }

    /** The file as the user wrote it: documents in the store's format; for the binary store, the original bytes. */
    byte[] toBytes(String path) {
        return SopsStores.writePlain(path, documents, format);
    }

    @Override
    public String toString() {
        return "decrypted " + format.displayName() + " (" + documents.size() + " document(s), values hidden)";
    }
}
