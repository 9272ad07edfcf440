package dev.barge.reconcile;

import dev.barge.config.SecretReader;
import dev.barge.config.model.AgentConfig;
import dev.barge.decrypt.AgeIdentity;
import dev.barge.decrypt.Identities;
import dev.barge.decrypt.KeysOnlySecretReader;
import dev.barge.decrypt.SopsSecretReader;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Builds the secret reader for this node from the agent config's identities and the SOPS_AGE_* environment. */
public final class SecretReaders {
    private SecretReaders() {
    }

    /** The reader a node plans with; keep one per process, its cache spares unchanged files a decrypt. */
    public static SecretReader forNode(Optional<AgentConfig> agent, Map<String, String> env) {
        return new SopsSecretReader(identities(agent, env));
    }

    /**
     * For validation: decrypts when this machine holds an age identity, otherwise checks secret files'
     * key names only (a pull-request CI has no node keys). {@link #decrypts} tells which.
     */
    static SecretReader forValidation(Optional<AgentConfig> agent, Map<String, String> env) {
        List<AgeIdentity> identities = identities(agent, env);
        return identities.isEmpty() ? new KeysOnlySecretReader() : new SopsSecretReader(identities);
    }

    static boolean decrypts(SecretReader reader) {
        return !(reader instanceof KeysOnlySecretReader);
    }

    private static List<AgeIdentity> identities(Optional<AgentConfig> agent, Map<String, String> env) {
        return Identities.forAgent(agent.map(AgentConfig::secrets).orElse(AgentConfig.Secrets.NONE), env);
    }
}
