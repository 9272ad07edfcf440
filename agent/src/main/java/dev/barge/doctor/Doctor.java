package dev.barge.doctor;

import dev.barge.BargeException;
import dev.barge.config.AgentConfigLoader;
import dev.barge.config.InvalidConfigException;
import dev.barge.config.model.AgentConfig;
import dev.barge.docker.DockerGateway;
import dev.barge.docker.EngineInfo;
import dev.barge.policy.PolicyCheck;
import dev.barge.policy.Violation;
import dev.barge.reconcile.AgentFile;
import dev.barge.reconcile.Desired;
import dev.barge.reconcile.SecretReaders;
import dev.barge.record.StateDir;
import dev.barge.select.NodeIdentity;
import dev.barge.select.NodeSlice;
import dev.barge.source.GitSource;
import dev.barge.source.SignatureVerdict;
import dev.barge.source.Snapshot;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * {@code barge doctor}: checks, one after another, what the agent needs on this machine, and says for
 * each what is wrong and how to fix it. It reads and fetches (into the git cache, as the agent does)
 * but changes no container and writes no state. A check that needs an earlier one which failed is
 * reported as not checked, so the first failure is the one to fix.
 */
public final class Doctor {
    public static final String UNIT = "barge.service";
    /** Below this much free space a pull or a git fetch is likely to fail. */
    static final long MIN_FREE_BYTES = 1L << 30;

    private final Path configFile;
    private final Map<String, String> env;
    private final Supplier<DockerGateway> engine;
    private final ServiceManager services;
    private final List<Finding> findings = new ArrayList<>();

    /**
     * @param configFile the agent config ({@code --config}, else /etc/barge/agent.yaml)
     * @param env        the environment, for SOPS_AGE_KEY_FILE and the like
     * @param engine     connects to the local engine; a failure to connect is a finding, not an error
     */
    public Doctor(Path configFile, Map<String, String> env, Supplier<DockerGateway> engine, ServiceManager services) {
        this.configFile = configFile;
        this.env = Map.copyOf(env);
        this.engine = engine;
        this.services = services;
    }

    public Checkup run() {
        findings.clear();
        // the agent config: every other check reads it
        Optional<AgentConfig> agent = config();
        // the state dir: the agent refuses to run in one it cannot trust
        Path stateDir = agent.map(AgentConfig::stateDir).orElse(AgentConfig.DEFAULT_STATE_DIR);
        boolean stateDirSound = stateDir(stateDir);
        // the engine, and where it keeps its images
        Optional<String> dockerRoot = engine();
        // the git source with the configured credentials, and the head's signature
        Optional<Snapshot> head = agent.flatMap(a -> source(a, stateDir, stateDirSound));
        // the node's stacks, their secrets and the host policy, at the branch head
        stacks(agent, head);
        // the service that keeps the agent running
        service(stateDir);
        // room for images, the git cache and history
        disk("state dir", stateDir);
        dockerRoot.map(Path::of).ifPresent(root -> disk("Docker's root", root));
        return new Checkup(findings);
    }

    private Optional<AgentConfig> config() {
        if (!Files.isRegularFile(configFile)) {
            findings.add(Finding.failed("config", "no agent config at " + configFile,
                    "write one (install.sh does, from its options), or pass --config FILE"));
            return Optional.empty();
        }
        try {
            AgentConfig agent = AgentConfigLoader.load(configFile);
            findings.add(Finding.passed("config", "agent config " + configFile + " is valid: node " + agent.node().name()
                    + labels(agent.node().labels())));
            return Optional.of(agent);
        } catch (InvalidConfigException e) {
            findings.add(Finding.failed("config", "agent config " + configFile + " has " + e.problems().size()
                    + " problem(s), the first: " + e.problems().get(0).render(), "fix them, then run barge doctor again"));
        } catch (BargeException e) {
            findings.add(Finding.failed("config", "agent config " + configFile + ": " + e.getMessage(), "fix it as the message says"));
        }
        return Optional.empty();
    }

    private boolean stateDir(Path dir) {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            findings.add(Finding.failed("state_dir", "state dir " + dir + " does not exist",
                    "start the agent (it creates it, mode 0700), or mkdir -m 700 " + dir));
            return false;
        }
        try {
            StateDir.existing(dir);
            int mode = dev.barge.PrivateFiles.mode(dir, LinkOption.NOFOLLOW_LINKS);
            int owner = dev.barge.PrivateFiles.owner(dir, LinkOption.NOFOLLOW_LINKS);
            if ((mode & 077) != 0) {
                findings.add(Finding.failed("state_dir", "state dir " + dir + " can be read by others (mode "
                        + dev.barge.PrivateFiles.octal(mode) + "): it holds the git cache and the node's hash key",
                        "chmod 700 " + dir));
                return true; // readable, not writable: barge can still work in it
            }
            findings.add(Finding.passed("state_dir", "state dir " + dir + " is owned by " + (owner == 0 ? "root" : "uid " + owner)
                    + ", mode " + dev.barge.PrivateFiles.octal(mode) + ", not a link"));
            return true;
        } catch (BargeException e) {
            findings.add(Finding.failed("state_dir", e.getMessage(), "")); // StateDir's messages end with the fix
        } catch (java.io.IOException e) {
            findings.add(Finding.failed("state_dir", "cannot read the state dir " + dir + ": " + e.getMessage(),
                    "check that it exists and this user may read it"));
        }
        return false;
    }

    private Optional<String> engine() {
        try (DockerGateway docker = engine.get()) {
            EngineInfo info = docker.engine();
            findings.add(Finding.passed("engine", "Docker engine " + info.serverVersion() + " at " + info.host()
                    + " answers (API " + info.negotiatedApiVersion() + ")"));
            return docker.rootDir();
        } catch (BargeException e) {
            findings.add(Finding.failed("engine", e.getMessage(),
                    "start it (systemctl start docker), or set DOCKER_HOST to the engine barge should use"));
            return Optional.empty();
        }
    }

    private Optional<Snapshot> source(AgentConfig agent, Path stateDir, boolean stateDirSound) {
        if (agent.source() == null) {
            findings.add(Finding.failed("source", "the agent config has no source",
                    "set source.url (and source.branch) to the config repository"));
            return Optional.empty();
        }
        if (!stateDirSound) {
            findings.add(Finding.notChecked("source", "the git source: needs a state dir barge trusts (the git cache and"
                    + " the ssh files live there)"));
            return Optional.empty();
        }
        try {
            GitSource git = new GitSource(agent.source(), stateDir);
            Snapshot snapshot = git.fetch();
            findings.add(Finding.passed("source", git.describe() + " fetched, head " + snapshot.shortCommit()
                    + " (" + snapshot.message() + ")"));
            signature(agent, snapshot);
            return Optional.of(snapshot);
        } catch (BargeException e) {
            findings.add(Finding.failed("source", e.getMessage(),
                    "check source.url, source.branch and the credentials (source.auth) the agent config names"));
            return Optional.empty();
        }
    }

    private void signature(AgentConfig agent, Snapshot head) {
        if (agent.source().verify() == null) {
            return; // not asked for: nothing to set up
        }
        if (head.verdict() instanceof SignatureVerdict.Verified verified) {
            findings.add(Finding.passed("signature", "head " + head.shortCommit() + " is " + verified.describe()));
        } else {
            findings.add(Finding.failed("signature", "head " + head.shortCommit() + ": " + head.verdict().describe()
                    + "; the agent will not deploy it", "sign the commit with a key in source.verify, or add the signer's key there"));
        }
    }

    private void stacks(Optional<AgentConfig> agent, Optional<Snapshot> head) {
        if (agent.isEmpty() || head.isEmpty()) {
            findings.add(Finding.notChecked("secrets", "the node's stacks and secrets: needs the config and the source"));
            return;
        }
        NodeIdentity node = new NodeIdentity(agent.get().node().name(), agent.get().node().labels());
        CountingSecretReader secrets = new CountingSecretReader(SecretReaders.forNode(agent, env));
        NodeSlice slice;
        try {
            slice = Desired.forNode(head.get().tree(), secrets, agent, node).select(node);
        } catch (InvalidConfigException e) {
            findings.add(Finding.failed("secrets", "commit " + head.get().shortCommit() + " is invalid ("
                    + e.problems().size() + " problem(s)), the first: " + e.problems().get(0).render(),
                    "fix the config repo; barge validate lists every problem"));
            return;
        } catch (BargeException e) {
            findings.add(Finding.failed("secrets", "reading node " + node.name() + "'s stacks at " + head.get().shortCommit()
                    + ": " + e.getMessage(), "give the node an age identity the files are encrypted for (secrets.age_identities),"
                    + " or add its recipient to .sops.yaml and run barge secrets updatekeys"));
            return;
        }
        findings.add(Finding.passed("secrets", secrets.opened() == 0 ? "node " + node.name() + "'s stacks use no secret file"
                : "the age identities decrypt all " + secrets.opened() + " secret file(s) node " + node.name() + "'s stacks use"));
        if (slice.isEmpty()) {
            findings.add(Finding.failed("stacks", "no deployment selects node " + node.name() + labels(node.labels()),
                    "check node.labels against the deployments' selectors (barge validate --config shows why each is skipped)"));
            return;
        }
        List<Violation> refused = PolicyCheck.violations(slice.stacks().stream().map(NodeSlice.Selected::stack).toList(),
                agent.get().policy());
        if (!refused.isEmpty()) {
            findings.add(Finding.failed("stacks", "this host's policy refuses " + refused.size() + " thing(s) the node's stacks"
                    + " ask for, the first: " + refused.get(0).render(), "change the compose files, or allow them in the agent"
                    + " config's policy (barge validate --config lists them with file:line)"));
            return;
        }
        findings.add(Finding.passed("stacks", "node " + node.name() + " runs " + slice.stacks().size() + " stack(s): "
                + slice.stacks().stream().map(s -> s.stack().name()).collect(Collectors.joining(", "))));
    }

    private void service(Path stateDir) {
        Optional<ServiceManager.UnitState> unit = services.state(UNIT);
        if (unit.isPresent()) {
            ServiceManager.UnitState state = unit.get();
            if (state.healthy()) {
                findings.add(Finding.passed("service", UNIT + " is enabled and active"));
            } else if (state.enabled().equals("not-found")) {
                findings.add(Finding.failed("service", UNIT + " is not installed", "run install.sh, which installs and enables it"));
            } else {
                findings.add(Finding.failed("service", UNIT + " is " + state.enabled() + " and " + state.active(),
                        "systemctl enable --now " + UNIT + "; journalctl -u barge says why it stopped"));
            }
            return;
        }
        // no systemd here (a container, a dev machine): what matters is that an agent runs
        Optional<AgentFile> running = Files.isDirectory(stateDir) ? AgentFile.running(stateDir) : Optional.empty();
        if (running.isPresent()) {
            findings.add(Finding.passed("service", "no systemd here; barge agent runs as pid " + running.get().pid()
                    + " since " + running.get().since()));
        } else {
            findings.add(Finding.failed("service", "no systemd here and no barge agent runs on state dir " + stateDir,
                    "start barge agent (under a supervisor that restarts it)"));
        }
    }

    private void disk(String what, Path dir) {
        try {
            if (!Files.isDirectory(dir)) {
                return; // the engine is on another machine, or the state dir check said it is missing
            }
            java.nio.file.FileStore store = Files.getFileStore(dir);
            long free = store.getUsableSpace();
            long total = store.getTotalSpace();
            String detail = "free disk under " + what + " " + dir + ": " + gib(free) + " of " + gib(total);
            if (free < MIN_FREE_BYTES || (total > 0 && free * 20 < total)) {
                findings.add(Finding.failed("disk", detail + ", under 1 GiB or 5 %",
                        "free space (docker image prune removes unused images; check /var/log)"));
            } else {
                findings.add(Finding.passed("disk", detail));
            }
        } catch (java.io.IOException e) {
            findings.add(Finding.failed("disk", "cannot read the free space under " + dir + ": " + e.getMessage(),
                    "check that this user may read it"));
        }
    }

    private static String gib(long bytes) {
        return String.format(java.util.Locale.ROOT, "%.1f GiB", bytes / (double) (1L << 30));
    }

    private static String labels(Map<String, String> labels) {
        return labels.isEmpty() ? ", no labels" : ", labels " + labels.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(","));
    }
}
