package dev.barge.reconcile;

import static dev.barge.reconcile.Shell.docker;
import static org.assertj.core.api.Assertions.assertThat;

import dev.barge.Main;
import dev.barge.record.StateStore;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The host's policy refuses a repo's request on the real engine before anything changes: exit 77
 * naming the service, key and setting, and no container, network or volume of the stack exists.
 */
class PolicyIT {
    /** Every stack, container, network and volume these tests create has a name starting with this. */
    private static final String PREFIX = "itpol";

    @TempDir
    Path tmp;

    record Result(int code, String out, String err) {
    }

    @AfterEach
    void cleanUp() throws IOException {
        Shell.removeStacks(PREFIX, PREFIX + "-esc");
        Files.deleteIfExists(tmp.resolve("root/app/esc"));
    }

    private Result apply(String compose, String policy) throws IOException {
        Path repo = tmp.resolve("repo");
        Files.createDirectories(repo.resolve("deployments"));
        Files.writeString(repo.resolve("deployments/p.yaml"), """
                deployment: p
                match: {role: test}
                stacks:
                """ + compose.indent(2));
        Path agent = tmp.resolve("agent.yaml");
        Files.writeString(agent, """
                node: {name: vm-p, labels: {role: test}}
                state_dir: %s
                policy: %s
                """.formatted(tmp.resolve("state"), policy));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new String[] {"apply", "--config", agent.toString(), "--repo", repo.toString(), "--auto-approve"},
                new PrintWriter(out, true), new PrintWriter(err, true), Map.of("BARGE_LOCK_WAIT", "5s"));
        return new Result(code, out.toString(), err.toString());
    }

    private void assertNothingOfThePrefixExists() {
        assertThat(docker("ps", "-a", "--format", "{{.Names}}", "--filter", "name=" + PREFIX)).isEmpty();
        assertThat(docker("network", "ls", "--format", "{{.Name}}", "--filter", "name=" + PREFIX)).isEmpty();
        assertThat(docker("volume", "ls", "--format", "{{.Name}}", "--filter", "name=" + PREFIX)).isEmpty();
        assertThat(new StateStore(tmp.resolve("state")).history()).isEmpty();
    }

    @Test
    void aPrivilegedServiceAndABindMountOutsideTheRootsAreRefusedBeforeAnyChange() throws IOException {
        Result r = apply("""
                - name: itpol
                  compose:
                    services:
                      fine:
                        image: busybox:1.36
                        command: [sleep, "600"]
                      root:
                        image: busybox:1.36
                        command: [sleep, "600"]
                        privileged: true
                      logs:
                        image: busybox:1.36
                        command: [sleep, "600"]
                        volumes: ["/etc:/host-etc:ro"]
                """, "{allow_privileged: false, bind_roots: [/srv]}");

        assertThat(r.code()).as(r.out() + r.err()).isEqualTo(77);
        assertThat(r.err()).contains("itpol/root").contains("privileged").contains("policy.allow_privileged")
                .contains("itpol/logs").contains("/etc").contains("policy.bind_roots");
        assertNothingOfThePrefixExists();
    }

    /** Issue 8, finding 1: each of these reached the engine with allow_privileged: false and bind_roots: [/srv]. */
    @Test
    void everythingThatGivesAContainerTheHostIsRefusedBeforeAnyChange() throws IOException {
        Result r = apply("""
                - name: itpol
                  compose:
                    services:
                      caps:
                        image: busybox:1.36
                        command: [sleep, "600"]
                        cap_add: [ALL]
                        security_opt: [seccomp=unconfined, apparmor=unconfined, label=disable]
                        sysctls: {kernel.shm_rmid_forced: 1}
                        tmpfs: [/big]
                        logging: {driver: syslog, options: {syslog-address: "udp://203.0.113.1:514"}}
                        ports: ["19100:80"]
                        volumes: [hostroot:/host, nfs:/nfs, foreign:/foreign]
                        networks: [hostnet, lan]
                    volumes:
                      hostroot:
                        driver_opts: {type: none, o: bind, device: /}
                      nfs:
                        driver_opts: {type: nfs, o: "addr=203.0.113.2,ro", device: ":/export"}
                      foreign:
                        external: true
                        name: some_other_stack_data
                    networks:
                      hostnet:
                        external: true
                        name: host
                      lan:
                        driver: macvlan
                """, "{allow_privileged: false, bind_roots: [/srv], publish_addresses: [127.0.0.1]}");

        assertThat(r.code()).as(r.out() + r.err()).isEqualTo(77);
        assertThat(r.err()).contains("service itpol/caps asks for cap_add: ALL").contains("policy.allowed_capabilities")
                .contains("security_opt: seccomp=unconfined, apparmor=unconfined, label=disable").contains("policy.allowed_security_opts")
                .contains("sysctls: kernel.shm_rmid_forced").contains("policy.allowed_sysctls")
                .contains("a tmpfs at /big without a size").contains("policy.max_tmpfs_size")
                .contains("logging driver syslog").contains("policy.logging_drivers")
                .contains("ports published 19100 on every address").contains("policy.publish_addresses")
                .contains("volume itpol/hostroot asks for driver_opts that bind /").contains("policy.bind_roots")
                .contains("volume itpol/nfs asks for driver_opts that mount a filesystem of type nfs").contains("policy.allow_volume_drivers")
                .contains("the external volume some_other_stack_data").contains("policy.external_volumes")
                .contains("network itpol/hostnet asks for the network named host").contains("policy.allow_host_network")
                .contains("network itpol/lan asks for driver macvlan");
        assertThat(r.err().lines().count()).as("one line").isEqualTo(1);
        assertNothingOfThePrefixExists();
    }

    /**
     * Issue 8, finding 2: a container with the bind root mounted plants {@code esc -> /}; another
     * service binding {@code <root>/esc} would get the host's root. Refused at apply, on the real path.
     */
    @Test
    void aSymlinkPlantedByAContainerDoesNotLeadABindOutOfItsRoot() throws IOException {
        Path root = Files.createDirectories(tmp.resolve("root/app"));
        String policy = "{bind_roots: [" + tmp.resolve("root") + "]}";
        String writer = """
                - name: itpol-esc
                  compose:
                    services:
                      writer:
                        image: busybox:1.36
                        command: [sh, -c, "ln -s / /app/esc && exec sleep 600"]
                        volumes: ["%s:/app"]
                """.formatted(root);
        Result first = apply(writer, policy);
        assertThat(first.code()).as(first.out() + first.err()).isZero();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (!Files.isSymbolicLink(root.resolve("esc")) && Instant.now().isBefore(deadline)) {
            Shell.sleep(100);
        }
        assertThat(root.resolve("esc")).as("the link the container made").isSymbolicLink();

        Result second = apply(writer + """
                      reader:
                        image: busybox:1.36
                        command: [sleep, "600"]
                        volumes: ["%s/esc:/host:ro"]
                """.formatted(root), policy);

        assertThat(second.code()).as(second.out() + second.err()).isEqualTo(77);
        assertThat(second.err()).contains("service itpol-esc/reader asks for a bind mount of " + root + "/esc at /host,"
                + " which resolves to / on this host, outside this host's bind roots").contains("(policy.bind_roots)");
        assertThat(docker("ps", "-a", "--format", "{{.Names}}", "--filter", "name=itpol-esc-reader")).isEmpty();
        assertThat(new StateStore(tmp.resolve("state")).history()).hasSize(1);
    }
}
