package dev.barge.source;

import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.jgit.transport.SshConfigStore;
import org.eclipse.jgit.transport.SshConstants;
import org.eclipse.jgit.transport.sshd.SshdSessionFactory;
import org.eclipse.jgit.transport.sshd.SshdSessionFactoryBuilder;

/**
 * An SSH client that uses exactly one private key and one known_hosts file, with strict host key
 * checking. Nothing comes from the user's ~/.ssh, its config or an agent: a daemon running as root
 * must behave the same whatever lies in root's home.
 */
final class SshSessions {
    private SshSessions() {
    }

    static SshdSessionFactory create(Path key, Path knownHosts, Path sshHome, Duration timeout) {
        File home = sshHome.toFile();
        Path keyFile = key.toAbsolutePath().normalize();
        Path hosts = knownHosts.toAbsolutePath().normalize();
        HostSettings settings = new HostSettings(keyFile, hosts, timeout);
        return new SshdSessionFactoryBuilder()
                .setHomeDirectory(home)
                .setSshDirectory(home)
                .setConfigStoreFactory((h, configFile, localUser) -> settings)
                .setDefaultIdentities(dir -> List.of(keyFile))
                .setDefaultKnownHostsFiles(dir -> List.of(hosts))
                .setPreferredAuthentications("publickey")
                .setConnectorFactory(null)
                .build(null);
    }

    /** The same settings for every host: the ones an ssh_config would otherwise provide. */
    private record HostSettings(Path key, Path knownHosts, Duration timeout) implements SshConfigStore, SshConfigStore.HostConfig {

        @Override
        public HostConfig lookup(String hostName, int port, String userName) {
            return this;
        }

        @Override
        public HostConfig lookupDefault(String hostName, int port, String userName) {
            return this;
        }

        @Override
        public String getValue(String key) {
            List<String> values = getValues(key);
            if (!values.isEmpty()) {
                return values.get(0);
            }
            return getOptions().get(key);
        }

        @Override
        public List<String> getValues(String key) {
            List<String> values = getMultiValuedOptions().get(key);
            return values == null ? List.of() : values;
        }

        @Override
        public Map<String, String> getOptions() {
            Map<String, String> options = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            options.put(SshConstants.STRICT_HOST_KEY_CHECKING, SshConstants.YES);
            options.put(SshConstants.IDENTITIES_ONLY, SshConstants.YES);
            options.put(SshConstants.IDENTITY_AGENT, SshConstants.NONE);
            options.put(SshConstants.BATCH_MODE, SshConstants.YES);
            options.put(SshConstants.PREFERRED_AUTHENTICATIONS, "publickey");
            options.put(SshConstants.CONNECT_TIMEOUT, Long.toString(Math.max(1, timeout.toSeconds())));
            options.put(SshConstants.CONNECTION_ATTEMPTS, "1");
            return options;
        }

        @Override
        public Map<String, List<String>> getMultiValuedOptions() {
            Map<String, List<String>> options = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            options.put(SshConstants.IDENTITY_FILE, List.of(key.toString()));
            options.put(SshConstants.USER_KNOWN_HOSTS_FILE, List.of(knownHosts.toString()));
            options.put(SshConstants.GLOBAL_KNOWN_HOSTS_FILE, List.of());
            return options;
        }
    }
}
