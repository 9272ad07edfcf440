package dev.barge.config;

import java.util.Map;

/**
 * How config reads a sops-encrypted file without knowing sops: implemented by the decrypt stage, which
 * decrypts in memory only. Config decides which files to ask for (env_files, compose secrets).
 */
public interface SecretReader {

    /** True when {@code content} is a sops document (has sops metadata), whatever its format. */
    boolean isEncrypted(String path, byte[] content);

    /**
     * The flattened key/value pairs of an encrypted dotenv, YAML or JSON file (nested keys joined
     * with "_", keys kept as written; a list of scalars joined with ","), all sensitive.
     */
    Map<String, String> variables(String path, byte[] content);

    /** The decrypted bytes of an encrypted file (binary store: the original content). */
    byte[] content(String path, byte[] content);

    /** A reader for repos with no secrets: any encrypted file is refused with a clear message. */
    SecretReader NONE = new SecretReader() {
        @Override
        public boolean isEncrypted(String path, byte[] content) {
            String text = new String(content, java.nio.charset.StandardCharsets.UTF_8);
            return text.contains("sops:") || text.contains("\"sops\"") || text.contains("sops_mac=");
        }

        @Override
        public Map<String, String> variables(String path, byte[] content) {
            throw refused(path);
        }

        @Override
        public byte[] content(String path, byte[] content) {
            throw refused(path);
        }

        private dev.barge.BargeException refused(String path) {
            return dev.barge.BargeException.refused(path + " is sops-encrypted and this node has no age identity:"
                    + " set secrets.age_identities in the agent config or SOPS_AGE_KEY_FILE");
        }
    };
}
