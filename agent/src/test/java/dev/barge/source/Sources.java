package dev.barge.source;

import dev.barge.config.model.AgentConfig;
import java.time.Duration;

/**
 * AgentConfig.Source values for tests. A git:// URL comes with allow_insecure_transport, for the tests
 * of the protocol itself; {@code GitSourceDaemonIT#gitProtocolWithoutVerifyIsRefused} checks the default.
 */
final class Sources {
    static final Duration TIMEOUT = Duration.ofSeconds(10);

    private Sources() {
    }

    static AgentConfig.Source of(String url) {
        return of(url, AgentConfig.Auth.NONE, null);
    }

    static AgentConfig.Source of(String url, AgentConfig.Auth auth) {
        return of(url, auth, null);
    }

    static AgentConfig.Source of(String url, AgentConfig.Auth auth, AgentConfig.Verify verify) {
        return new AgentConfig.Source(url, "main", ".", Duration.ofSeconds(30), auth, verify, TIMEOUT, false, insecure(url));
    }

    static AgentConfig.Source allowingForcePush(String url, AgentConfig.Verify verify) {
        return new AgentConfig.Source(url, "main", ".", Duration.ofSeconds(30), AgentConfig.Auth.NONE, verify, TIMEOUT, true, false);
    }

    private static boolean insecure(String url) {
        return url.startsWith("git://");
    }

    static AgentConfig.Source withBranch(String url, String branch) {
        return new AgentConfig.Source(url, branch, ".", Duration.ofSeconds(30), AgentConfig.Auth.NONE, null, TIMEOUT);
    }

    static AgentConfig.Source withPath(String url, String path) {
        return new AgentConfig.Source(url, "main", path, Duration.ofSeconds(30), AgentConfig.Auth.NONE, null, TIMEOUT);
    }

    static AgentConfig.Source withTimeout(String url, AgentConfig.Auth auth, Duration timeout) {
        return new AgentConfig.Source(url, "main", ".", Duration.ofSeconds(30), auth, null, timeout, false, insecure(url));
    }
}
