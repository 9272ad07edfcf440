package dev.barge.doctor;

import dev.barge.config.SecretReader;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Passes every call to the node's reader and remembers which secret files it opened, to report their number. */
final class CountingSecretReader implements SecretReader {
    private final SecretReader reader;
    private final Set<String> opened = ConcurrentHashMap.newKeySet();

    CountingSecretReader(SecretReader reader) {
        this.reader = reader;
    }

    @Override
    public boolean isEncrypted(String path, byte[] content) {
        return reader.isEncrypted(path, content);
    }

    @Override
    public Map<String, String> variables(String path, byte[] content) {
        Map<String, String> variables = reader.variables(path, content);
        opened.add(path);
        return variables;
    }

    @Override
    public byte[] content(String path, byte[] content) {
        byte[] plain = reader.content(path, content);
        opened.add(path);
        return plain;
    }

    int opened() {
        return opened.size();
    }
}
