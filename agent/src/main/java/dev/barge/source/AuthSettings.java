package dev.barge.source;

import dev.barge.BargeException;
import dev.barge.Failure;
import dev.barge.config.model.AgentConfig;

/** Eager checks that {@code source.auth} fits {@code source.url}; every message names the conflict. */
final class AuthSettings {
    private AuthSettings() {
    }

    static AgentConfig.Auth check(RemoteUrl url, AgentConfig.Auth given) {
        AgentConfig.Auth auth = given == null ? AgentConfig.Auth.NONE : given;
        boolean token = auth.tokenFile() != null;
        boolean password = auth.passwordFile() != null;
        boolean ssh = auth.sshKey() != null || auth.knownHosts() != null;
        if (token && password) {
            throw conflict("source.auth has both token_file and password_file: keep one");
        }
        if (password && (auth.username() == null || auth.username().isBlank())) {
            throw conflict("source.auth.password_file needs source.auth.username");
        }
        if (ssh && (token || password)) {
            throw conflict("source.auth mixes ssh_key/known_hosts with token_file/password_file: ssh URLs use the key, https URLs the token or password");
        }
        switch (url.kind()) {
            case HTTP -> {
                if (ssh) {
                    throw conflict("source.auth.ssh_key/known_hosts apply to ssh URLs but source.url is " + url
                            + ": use token_file or username + password_file, or an ssh URL");
                }
            }
            case SSH -> {
                if (token || password) {
                    throw conflict("source.auth.token_file/password_file apply to https URLs but source.url is " + url
                            + ": use ssh_key and known_hosts");
                }
                if (auth.sshKey() == null) {
                    throw conflict("source.url " + url + " is an ssh URL but source.auth.ssh_key is not set: give the private key file");
                }
                if (auth.knownHosts() == null) {
                    throw conflict("source.url " + url + " is an ssh URL but source.auth.known_hosts is not set:"
                            + " create one with ssh-keyscan " + url.host() + " and check its fingerprint");
                }
            }
            case GIT, FILE -> {
                if (token || password || ssh || auth.username() != null) {
                    throw conflict("source.url " + url + " takes no credentials: remove source.auth");
                }
            }
        }
        requireFile(auth.tokenFile(), "source.auth.token_file", true);
        requireFile(auth.passwordFile(), "source.auth.password_file", true);
        requireFile(auth.sshKey(), "source.auth.ssh_key", true);
        requireFile(auth.knownHosts(), "source.auth.known_hosts", false);
        return auth;
    }

    /** Fails at start-up on a typo or a loose mode; the files are read again at each fetch so a rotated secret applies at once. */
    private static void requireFile(java.nio.file.Path file, String setting, boolean secret) {
        if (file != null && secret) {
            TrustFiles.requirePrivate(file, setting);
        } else if (file != null) {
            TrustFiles.requireReadable(file, setting);
        }
    }

    private static BargeException conflict(String message) {
        return new BargeException(Failure.BAD_INPUT, message);
    }
}
