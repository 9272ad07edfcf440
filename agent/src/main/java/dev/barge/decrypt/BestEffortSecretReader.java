package dev.barge.decrypt;

import dev.barge.config.SecretReader;
import java.util.Map;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * For validating a whole repo on a machine that holds some of its keys: decrypts (and MAC-verifies) every
 * secret file its identities open, and checks the others by their key names only, remembering which.
 * Any other refusal (a MAC mismatch, an altered value) still fails.
 */
public final class BestEffortSecretReader implements SecretReader {
    private final SopsSecretReader decrypting;
    private final KeysOnlySecretReader keysOnly = new KeysOnlySecretReader();
    private final Set<String> unopened = new TreeSet<>();

    public BestEffortSecretReader(SopsSecretReader decrypting) {
        this.decrypting = decrypting;
    }

    @Override
    public boolean isEncrypted(String path, byte[] content) {
        return decrypting.isEncrypted(path, content);
    }

    @Override
    public Map<String, String> variables(String path, byte[] content) {
        try {
            return decrypting.variables(path, content);
        } catch (NotForThisNode e) {
            unopened.add(path);
            return keysOnly.variables(path, content);
        }
    }

    @Override
    public byte[] content(String path, byte[] content) {
        try {
            return decrypting.content(path, content);
        } catch (NotForThisNode e) {
            unopened.add(path);
            return keysOnly.content(path, content);
        }
    }

    /** The secret files no identity here could open, repo-relative and sorted; checked by key names only. */
    public List<String> unopened() {
        return List.copyOf(unopened);
    }
}
