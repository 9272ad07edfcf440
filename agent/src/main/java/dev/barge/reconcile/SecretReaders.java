package dev.barge.reconcile;

import dev.barge.config.SecretReader;
import dev.barge.config.model.AgentConfig;
import dev.barge.decrypt.Identities;
import dev.barge.decrypt.SopsSecretReader;
import java.util.Map;
import java.util.Optional;

/** Builds the secret reader for this node from the agent config's identities and the SOPS_AGE_* environment. */
final class SecretReaders {
    private SecretReaders() {
    }

    static SecretReader forNode(Optional<AgentConfig> agent, Map<String, String> env) {
        AgentConfig.Secrets secrets = agent.map(AgentConfig::secrets).orElse(AgentConfig.Secrets.NONE);
        return new SopsSecretReader(Identities.forAgent(secrets, env));
    }
}
