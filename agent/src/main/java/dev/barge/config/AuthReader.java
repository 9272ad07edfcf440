package dev.barge.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.barge.config.model.AgentConfig;
import java.nio.file.Path;

/**
 * {@code source.auth}: a token file, a username with a password file, or an ssh key (with known_hosts).
 * Mixing them, or giving a key for an https url, is refused here rather than failing at the first fetch.
 */
final class AuthReader {
    private static final String AT = "/source/auth";

    private AuthReader() {
    }

    static AgentConfig.Auth read(SourceDocument doc, JsonNode auth, Path dir, boolean sshUrl, Problems problems) {
        if (!auth.isObject()) {
            return AgentConfig.Auth.NONE;
        }
        Path token = AgentConfigLoader.path(auth.get("token_file"), dir, null);
        String username = auth.path("username").isTextual() ? auth.path("username").asText() : null;
        Path password = AgentConfigLoader.path(auth.get("password_file"), dir, null);
        Path key = AgentConfigLoader.path(auth.get("ssh_key"), dir, null);
        Path knownHosts = AgentConfigLoader.path(auth.get("known_hosts"), dir, null);
        if (token != null && password != null) {
            problems.add(doc, AT, "auth has both token_file and password_file: keep one");
        }
        if (password != null && username == null) {
            problems.add(doc, AT + "/password_file", "password_file needs a username");
        }
        boolean https = token != null || password != null;
        if (key != null && https) {
            problems.add(doc, AT + "/ssh_key", "auth has both ssh_key and a token or password: keep the one source.url uses");
        }
        if (sshUrl && https) {
            problems.add(doc, AT, "source.url is an ssh url but auth gives a token or password: use ssh_key, or an https url");
        }
        if (!sshUrl && (key != null || knownHosts != null)) {
            problems.add(doc, AT + (key != null ? "/ssh_key" : "/known_hosts"),
                    "ssh_key and known_hosts apply to ssh urls (ssh:// or git@host:path), and source.url is not one");
        }
        return new AgentConfig.Auth(token, username, password, key, knownHosts);
    }
}
