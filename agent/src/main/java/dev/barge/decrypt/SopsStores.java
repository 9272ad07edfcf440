package dev.barge.decrypt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.barge.BargeException;
import java.util.ArrayList;
import java.util.List;

/** Reads and writes the branches (documents) of a file in each sops store. */
final class SopsStores {
    static final String BINARY_KEY = "data";

    private SopsStores() {
    }

    /** The documents of an encrypted file, its {@code sops} metadata still in the first one. */
    static List<ObjectNode> readEncrypted(String path, byte[] bytes, SopsFormat format) {
        switch (format) {
            case YAML:
                return TreeReader.readYaml(path, bytes);
            case DOTENV:
                return List.of(DotenvStore.read(path, bytes));
            case JSON:
            case BINARY:
            default:
                return List.of(TreeReader.readJson(path, bytes));
        }
    }

    /** The documents of a file to encrypt; the binary store wraps the whole content as {@code data}. */
    static List<ObjectNode> readPlain(String path, byte[] bytes, SopsFormat format) {
        switch (format) {
            case YAML:
                List<ObjectNode> documents = new ArrayList<>(TreeReader.readYaml(path, bytes));
                if (documents.isEmpty()) {
                    documents.add(JsonNodeFactory.instance.objectNode());
                }
                return documents;
            case JSON:
                return List.of(TreeReader.readJson(path, bytes));
            case DOTENV:
                return List.of(DotenvStore.read(path, bytes));
            case BINARY:
            default:
                ObjectNode data = JsonNodeFactory.instance.objectNode();
                data.set(BINARY_KEY, GoScalars.stringNode(bytes));
                return List.of(data);
        }
    }

    /** A file in the store's own layout (for binary: sops JSON). */
    static byte[] write(String path, List<ObjectNode> documents, SopsFormat format) {
        switch (format) {
            case YAML:
                return TreeWriter.yaml(documents);
            case DOTENV:
                return DotenvStore.write(path, documents.get(0));
            case JSON:
            case BINARY:
            default:
                return TreeWriter.json(documents.get(0));
        }
    }

    /** Decrypted documents as the user's file: the binary store gives back the original bytes. */
    static byte[] writePlain(String path, List<ObjectNode> documents, SopsFormat format) {
        if (format != SopsFormat.BINARY) {
            return write(path, documents, format);
        }
        JsonNode data = documents.get(0).get(BINARY_KEY);
        if (data == null || !(data.isTextual() || data.isBinary())) {
            throw BargeException.badInput(path + ": a binary sops file must hold one string value 'data':"
                    + " decrypt it as json (--input-type json)");
        }
        return GoScalars.toBytes(data);
    }
}
