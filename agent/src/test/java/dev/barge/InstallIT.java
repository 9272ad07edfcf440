package dev.barge;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import com.github.dockerjava.api.model.AccessMode;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.Volume;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer.OrderAnnotation;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.testcontainers.containers.Container.ExecResult;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.utility.DockerImageName;
import org.testcontainers.utility.MountableFile;

/**
 * install.sh on a fresh Debian 12 "VM": a debootstrapped image (scripts/debian-vm-image.sh, built once and
 * cached by tag) started with the host's network and Docker socket. The release tarball {@code mvn package}
 * built is installed from a file:// config repo that runs stack {@code itinst-status} on 127.0.0.1:19641.
 * The VM boots systemd as PID 1 when this engine allows it (then the unit is enabled and started); otherwise
 * the agent is started by hand and the unit only checked with systemd-analyze verify.
 * The methods run in order on one VM: each step starts from the machine the previous one left.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(OrderAnnotation.class)
class InstallIT {
    private static final String IMAGE = "barge-test/debian-vm:12";
    private static final String STACK = "itinst-status";
    private static final String CONTAINER = STACK + "-status-1";
    private static final int PORT = 19641;
    private static final String LISTEN = "127.0.0.1:19642";
    private static final String OPTIONS = "--source file:///srv/git/config.git --labels itinst=vm,role=web --node itinst-vm";
    /**
     * Everything install.sh may touch. Not: /proc, /sys, /dev, /run, /tmp (its work dir), systemd's and the
     * journal's own files, and /var/lib/barge, which a running agent writes (the install steps check it apart).
     */
    private static final String LISTING = "find / -xdev \\( -path /proc -o -path /sys -o -path /dev -o -path /run -o -path /tmp"
            + " -o -path /var/lib/systemd -o -path /var/log/journal -o -path /var/lib/barge \\) -prune"
            + " -o -printf '%p %y %m %s %T@ %l\\n' | sort";

    private final Path repoRoot = Path.of(System.getProperty("user.dir")).getParent();
    private final Path tarball = Path.of(System.getProperty("barge.tarball", "target/barge.tar.gz")).toAbsolutePath();
    private final String version = tarball.getFileName().toString().replaceFirst("^barge-", "").replaceFirst("\\.tar\\.gz$", "");
    private Path gitDir;
    private GenericContainer<?> vm;
    private boolean systemd;

    @BeforeAll
    void startVm() throws Exception {
        assertThat(tarball).as("the release tarball (mvn package builds it)").exists();
        // docker-java in Testcontainers 2 asks for API 1.44 unless told; this engine may be older
        System.setProperty("api.version", host("docker", "version", "--format", "{{.Server.APIVersion}}").strip());
        host(repoRoot.resolve("scripts/debian-vm-image.sh").toString(), IMAGE);
        removeStack();
        gitDir = configRepo();
        vm = bootVm(true);
        systemd = waitForSystemd();
        if (!systemd) {
            vm.stop();
            vm = bootVm(false);
        }
        vm.copyFileToContainer(MountableFile.forHostPath(tarball), "/tmp/" + tarball.getFileName());
        vm.copyFileToContainer(MountableFile.forHostPath(Path.of(tarball + ".sha256")), "/tmp/" + tarball.getFileName() + ".sha256");
        vm.copyFileToContainer(MountableFile.forHostPath(repoRoot.resolve("install.sh")), "/tmp/install.sh");
    }

    @AfterAll
    void stopVm() throws Exception {
        try {
            if (vm != null) {
                vm.stop();
            }
        } finally {
            removeStack();
            if (gitDir != null) {
                host("rm", "-rf", gitDir.toString());
            }
        }
    }

    @Test
    @Order(1)
    void shellcheckPassesOnTheShellScripts() throws Exception {
        host("shellcheck", repoRoot.resolve("install.sh").toString(), repoRoot.resolve("dist/bin/barge").toString(),
                repoRoot.resolve("scripts/debian-vm-image.sh").toString());
    }

    @Test
    @Order(2)
    void aDryRunOnAFreshVmChangesNoFile() throws Exception {
        String before = sh(LISTING).getStdout();
        ExecResult r = sh("sh /tmp/install.sh --dry-run " + from() + " " + OPTIONS);
        assertThat(r.getExitCode()).as(r.getStdout() + r.getStderr()).isZero();
        assertThat(r.getStdout()).contains("would run: apt-get install -y --no-install-recommends openjdk-17-jre-headless",
                "would write /etc/barge/agent.yaml", "\"itinst\": \"vm\"", "would run: barge secrets keygen -o /etc/barge/age.key");
        assertThat(sh(LISTING).getStdout()).isEqualTo(before);
    }

    @Test
    @Order(3)
    void rhelFamilyDryRunUsesDnfAndNamesDockerCe() throws Exception {
        sh("printf 'NAME=\"Rocky Linux\"\\nID=\"rocky\"\\nID_LIKE=\"rhel centos fedora\"\\nPRETTY_NAME=\"Rocky Linux 9.4\"\\n' > /tmp/os-rocky");
        ExecResult r = sh("BARGE_OS_RELEASE=/tmp/os-rocky sh /tmp/install.sh --dry-run " + from() + " " + OPTIONS);
        assertThat(r.getExitCode()).as(r.getStdout() + r.getStderr()).isZero();
        assertThat(r.getStdout()).contains("(packages: dnf)", "would run: dnf install -y java-17-openjdk-headless");

        ExecResult noEngine = sh("DOCKER_HOST=unix:///nonexistent.sock BARGE_OS_RELEASE=/tmp/os-rocky sh /tmp/install.sh --dry-run "
                + from() + " " + OPTIONS);
        assertThat(noEngine.getExitCode()).isEqualTo(1);
        assertThat(noEngine.getStderr().strip()).doesNotContain("\n").contains("no Docker engine answers", "Docker CE", "run again");
    }

    @Test
    @Order(4)
    void anUnknownOsNamesWhatToInstallByHand() throws Exception {
        sh("printf 'ID=plan9\\nPRETTY_NAME=\"Plan 9\"\\n' > /tmp/os-plan9");
        ExecResult r = sh("BARGE_OS_RELEASE=/tmp/os-plan9 sh /tmp/install.sh --dry-run " + from() + " " + OPTIONS);
        assertThat(r.getExitCode()).isEqualTo(1);
        assertThat(r.getStderr().strip()).doesNotContain("\n").contains("install a Java 17+ runtime", "by hand");
    }

    @Test
    @Order(5)
    void installsOnAFreshVm() throws Exception {
        ExecResult r = sh("sh /tmp/install.sh " + from() + " " + OPTIONS + " --no-start");
        assertThat(r.getExitCode()).as(r.getStdout() + r.getStderr()).isZero();
        assertThat(r.getStdout()).contains("checksum verified", "wrote /etc/barge/agent.yaml", "- age: age1");
        assertThat(sh("readlink /usr/local/bin/barge").getStdout().strip()).isEqualTo(home(version) + "/bin/barge");
        assertThat(sh("stat -c '%a %U' /etc/barge /etc/barge/agent.yaml /etc/barge/age.key /var/lib/barge").getStdout())
                .isEqualTo("700 root\n600 root\n600 root\n700 root\n");
        assertThat(sh("test -s " + home(version) + "/lib/barge.jsa").getExitCode()).as("the class data archive").isZero();
        assertThat(sh("barge version").getStdout()).containsPattern("barge " + version.replace(".", "\\.")
                + " \\(commit [0-9a-f]{12}, Java 17");
        if (systemd) {
            ExecResult verify = sh("systemd-analyze verify /etc/systemd/system/barge.service");
            assertThat(verify.getExitCode()).as(verify.getStderr()).isZero();
            assertThat(sh("systemctl is-enabled barge").getStdout().strip()).isEqualTo("enabled");
            assertThat(sh("systemctl is-active barge").getStdout().strip()).as("--no-start").isEqualTo("inactive");
        }
        // the webhook listener's default port may be another agent's on this shared host
        sh("printf 'server:\\n  listen: " + LISTEN + "\\n' >> /etc/barge/agent.yaml");
    }

    @Test
    @Order(6)
    void theAgentRunsTheStackOnTheEngine() throws Exception {
        if (systemd) {
            assertThat(sh("systemctl start barge").getExitCode()).isZero();
        } else {
            sh("nohup barge agent > /var/log/barge-agent.log 2>&1 & echo $! > /tmp/barge-agent.pid");
        }
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
        String page = null;
        while (page == null && System.nanoTime() < deadline) {
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + PORT + "/"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
                page = response.statusCode() == 200 ? response.body() : null;
            } catch (IOException e) {
                // not up yet
            }
            if (page == null) {
                Thread.sleep(1000);
            }
        }
        assertThat(page).as("the status page of stack " + STACK + "; agent log: " + agentLog()).isNotNull();
        assertThat(host("docker", "inspect", "-f", "{{index .Config.Labels \"dev.barge.stack\"}} {{.State.Status}}", CONTAINER).strip())
                .isEqualTo(STACK + " running");
    }

    @Test
    @Order(7)
    void aSecondInstallChangesNothing() throws Exception {
        String listing = "ls -laR --time-style=full-iso /opt/barge /etc/barge /usr/local/bin /etc/systemd/system";
        String before = sh(listing).getStdout();
        ExecResult r = sh("sh /tmp/install.sh " + from() + " " + OPTIONS + " --no-start");
        assertThat(r.getExitCode()).as(r.getStdout() + r.getStderr()).isZero();
        assertThat(r.getStdout()).contains("already installed", "kept the existing /etc/barge/agent.yaml", "Nothing changed");
        assertThat(sh(listing).getStdout()).isEqualTo(before);
    }

    @Test
    @Order(8)
    void aDryRunOnAnInstalledVmChangesNoFile() throws Exception {
        String before = sh(LISTING).getStdout();
        ExecResult r = sh("sh /tmp/install.sh --dry-run " + from() + " " + OPTIONS);
        assertThat(r.getExitCode()).as(r.getStdout() + r.getStderr()).isZero();
        assertThat(sh(LISTING).getStdout()).isEqualTo(before);
    }

    @Test
    @Order(9)
    void aNewerReleaseUpgradesInPlaceAndKeepsConfigAndState() throws Exception {
        String next = version + ".1";
        // the same release under a newer version: renamed top directory, VERSION and SHA256SUMS redone
        ExecResult repack = sh("set -e; cd /tmp && rm -rf up && mkdir up && tar -xzf " + tarball.getFileName() + " -C up"
                + " && cd up && mv barge-" + version + " barge-" + next + " && echo " + next + " > barge-" + next + "/VERSION"
                + " && (cd barge-" + next + " && find . -type f ! -name SHA256SUMS | sed 's|^./||' | sort | xargs sha256sum > SHA256SUMS)"
                + " && tar -czf /tmp/barge-" + next + ".tar.gz barge-" + next
                + " && cd /tmp && sha256sum barge-" + next + ".tar.gz > barge-" + next + ".tar.gz.sha256");
        assertThat(repack.getExitCode()).as(repack.getStderr()).isZero();
        // the running agent rewrites state.json (each reconcile's attempt); what it applied stays
        String kept = "sha256sum /etc/barge/agent.yaml /etc/barge/age.key; grep applied_commit /var/lib/barge/state.json";
        String before = sh(kept).getStdout();
        String pid = systemd ? sh("systemctl show -p MainPID --value barge").getStdout().strip() : null;

        ExecResult r = sh("BARGE_WAIT_SECONDS=90 sh /tmp/install.sh --from /tmp/barge-" + next + ".tar.gz " + OPTIONS);
        assertThat(r.getExitCode()).as(r.getStdout() + r.getStderr()).isZero();
        assertThat(sh("readlink /usr/local/bin/barge").getStdout().strip()).isEqualTo(home(next) + "/bin/barge");
        assertThat(sh("test -d " + home(version)).getExitCode()).as("the old version stays next to the new").isZero();
        assertThat(sh(kept).getStdout()).isEqualTo(before);
        if (systemd) {
            assertThat(r.getStdout()).contains("restarted", "applied:");
            assertThat(sh("systemctl show -p MainPID --value barge").getStdout().strip()).isNotEqualTo(pid);
            assertThat(sh("systemctl is-active barge").getStdout().strip()).isEqualTo("active");
        }
    }

    @Test
    @Order(10)
    void uninstallKeepsConfigStateAndContainers() throws Exception {
        ExecResult r = sh("sh /tmp/install.sh --uninstall");
        assertThat(r.getExitCode()).as(r.getStdout() + r.getStderr()).isZero();
        if (!systemd) {
            sh("kill $(cat /tmp/barge-agent.pid)");
        }
        assertThat(sh("test -e /opt/barge || test -e /usr/local/bin/barge || test -e /etc/systemd/system/barge.service")
                .getExitCode()).as("program, link and unit are gone").isNotZero();
        assertThat(sh("test -f /etc/barge/agent.yaml && test -f /etc/barge/age.key && test -f /var/lib/barge/state.json")
                .getExitCode()).as("config and state are kept").isZero();
        if (systemd) {
            assertThat(sh("systemctl is-active barge").getStdout().strip()).isNotEqualTo("active");
        }
        assertThat(host("docker", "inspect", "-f", "{{.State.Status}}", CONTAINER).strip()).isEqualTo("running");
    }

    // ------------------------------------------------------------------ helpers

    private String from() {
        return "--from /tmp/" + tarball.getFileName();
    }

    private static String home(String v) {
        return "/opt/barge/" + v;
    }

    private GenericContainer<?> bootVm(boolean withSystemd) {
        List<Bind> binds = new ArrayList<>(List.of(
                new Bind("/var/run/docker.sock", new Volume("/var/run/docker.sock")),
                new Bind(gitDir.toString(), new Volume("/srv/git"), AccessMode.ro)));
        if (withSystemd) {
            // systemd wants to see (not change) the cgroup tree; this works on cgroup v1 hosts
            binds.add(new Bind("/sys/fs/cgroup", new Volume("/sys/fs/cgroup"), AccessMode.ro));
        }
        // binds set on the create command: Testcontainers' own file binds first try a helper image (alpine),
        // which no registry here serves
        GenericContainer<?> c = new GenericContainer<>(DockerImageName.parse(IMAGE))
                .withNetworkMode("host")
                .withCreateContainerCmdModifier(cmd -> cmd.getHostConfig().withBinds(binds))
                .withLabel("dev.barge.test", "itinst");
        if (withSystemd) {
            c.withTmpFs(Map.of("/run", "rw,exec", "/run/lock", "rw"))
                    .withCommand("/sbin/init");
        } else {
            c.withCommand("sleep", "infinity");
        }
        c.start();
        return c;
    }

    /** Whether systemd came up as PID 1 in the VM (running or degraded) within a minute. */
    private boolean waitForSystemd() throws Exception {
        for (int i = 0; i < 60; i++) {
            if (!vm.isRunning()) {
                return false;
            }
            String state = sh("systemctl is-system-running 2>/dev/null || true").getStdout().strip();
            if (state.equals("running") || state.equals("degraded")) {
                return true;
            }
            Thread.sleep(1000);
        }
        System.err.println("InstallIT: systemd did not come up as PID 1 here; the agent is started by hand instead");
        return false;
    }

    /** A bare config repo on the host, mounted into the VM at /srv/git/config.git. */
    private Path configRepo() throws Exception {
        Path dir = Files.createTempDirectory("itinst-git");
        Path work = dir.resolve("work");
        Files.createDirectories(work.resolve("stacks/status"));
        Files.createDirectories(work.resolve("deployments"));
        Path example = repoRoot.resolve("examples/config-repo/stacks/status");
        for (String f : List.of("compose.yaml", "index.html")) {
            Files.copy(example.resolve(f), work.resolve("stacks/status").resolve(f));
        }
        Files.writeString(work.resolve("barge.yaml"), "version: 1\n");
        Files.writeString(work.resolve("deployments/itinst.yaml"), """
                deployment: itinst-vm
                match:
                  itinst: vm
                stacks:
                  - name: %s
                    compose: stacks/status/compose.yaml
                    env: {STATUS_PORT: %d}
                """.formatted(STACK, PORT));
        git(work, "init", "-q", "-b", "main");
        git(work, "add", "-A");
        git(work, "-c", "user.name=InstallIT", "-c", "user.email=it@barge.invalid", "commit", "-q", "-m", "itinst");
        git(dir, "clone", "-q", "--bare", work.toString(), dir.resolve("config.git").toString());
        // the VM's root reads it; the temp dir is private to this user otherwise
        host("chmod", "-R", "a+rX", dir.toString());
        return dir;
    }

    private static void git(Path dir, String... args) throws Exception {
        String[] cmd = new String[args.length + 3];
        cmd[0] = "git";
        cmd[1] = "-C";
        cmd[2] = dir.toString();
        System.arraycopy(args, 0, cmd, 3, args.length);
        host(cmd);
    }

    private ExecResult sh(String script) throws Exception {
        return vm.execInContainer("sh", "-c", script);
    }

    private String agentLog() throws Exception {
        return systemd ? sh("journalctl -u barge --no-pager | tail -n 30").getStdout()
                : sh("tail -n 30 /var/log/barge-agent.log").getStdout();
    }

    /** Only what this test created: its stack's container and network (the VM's barge made them on this engine). */
    private static void removeStack() throws Exception {
        run(List.of("docker", "rm", "-f", CONTAINER));
        run(List.of("docker", "network", "rm", STACK + "_default"));
    }

    private static String host(String... command) throws Exception {
        Result r = run(List.of(command));
        assertThat(r.exit()).as(String.join(" ", command) + ": " + r.output()).isZero();
        return r.output();
    }

    private record Result(int exit, String output) {}

    private static Result run(List<String> command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Result(p.waitFor(), out);
    }
}
