package dev.barge.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.Ports;
import com.github.dockerjava.core.RemoteApiVersion;
import dev.barge.BargeException;
import dev.barge.Failure;
import dev.barge.config.model.FileContent;
import dev.barge.config.model.NetworkSpec;
import dev.barge.config.model.ServiceSpec;
import dev.barge.config.model.ServiceSpec.FileMount;
import dev.barge.config.model.VolumeSpec;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DockerJavaGatewayIT {

    private static final String IMAGE = "busybox:1.36";

    private TestEngine engine;
    private DockerGateway gateway;

    @BeforeEach
    void connect() {
        engine = new TestEngine();
        gateway = DockerJavaGateway.connect();
    }

    @AfterEach
    void cleanUp() {
        try {
            gateway.close();
        } finally {
            engine.close();
        }
    }

    @Test
    void negotiatesTheEngineApiInsteadOfHardCodingIt() {
        EngineInfo info = gateway.engine();
        assertThat(info.host()).isNotBlank();
        RemoteApiVersion engineApi = RemoteApiVersion.parseConfig(info.engineApiVersion());
        String expected = engineApi.isGreater(EngineConnection.NEWEST_SUPPORTED)
                ? EngineConnection.NEWEST_SUPPORTED.getVersion() : engineApi.getVersion();
        assertThat(info.negotiatedApiVersion()).isEqualTo(expected);
        assertThat(info.serverVersion()).isNotBlank();
    }

    @Test
    void observeSeesBargeContainersNetworksVolumesAndImagesButNothingUnlabelled() {
        Map<String, String> stackLabels = OwnershipLabels.forStack("mars", engine.name("stack"));
        String network = gateway.createNetwork(new NetworkSpec("default", engine.name("net"), null, false, false,
                Map.of("team", "ops"), Map.of()), stackLabels);
        String volume = gateway.createVolume(new VolumeSpec("data", engine.name("vol"), null, false, Map.of(), Map.of()),
                stackLabels);
        String owned = gateway.createContainer(request(Specs.minimal("app", IMAGE), engine.name("owned"),
                OwnershipLabels.forContainer("mars", engine.name("stack"), "app", "spec1", "c0ffee"), engine.name("net")));
        String stranger = engine.docker.createContainerCmd(IMAGE).withName(engine.name("stranger")).exec().getId();

        ActualState state = gateway.observe(Set.of(IMAGE, "barge-test/absent:0"));

        assertThat(state.containers()).extracting(ActualState.Container::id).contains(owned).doesNotContain(stranger);
        ActualState.Container c = state.containers().stream().filter(x -> x.id().equals(owned)).findFirst().orElseThrow();
        assertThat(c.name()).isEqualTo(engine.name("owned"));
        assertThat(c.stack()).isEqualTo(engine.name("stack"));
        assertThat(c.service()).isEqualTo("app");
        assertThat(c.deployment()).isEqualTo("mars");
        assertThat(c.specHash()).isEqualTo("spec1");
        assertThat(c.commit()).isEqualTo("c0ffee");
        assertThat(c.imageRef()).isEqualTo(IMAGE);
        assertThat(c.imageId()).startsWith("sha256:");
        assertThat(c.status()).isEqualTo(ActualState.Status.CREATED);
        assertThat(c.health()).isNull();
        assertThat(c.exitCode()).isNull();
        assertThat(c.labels()).containsEntry(OwnershipLabels.COMPOSE_SERVICE, "app");

        assertThat(state.networks()).filteredOn(n -> n.id().equals(network)).singleElement().satisfies(n -> {
            assertThat(n.name()).isEqualTo(engine.name("net"));
            assertThat(n.stack()).isEqualTo(engine.name("stack"));
            assertThat(n.labels()).containsEntry("team", "ops").containsEntry(OwnershipLabels.MANAGED, "true");
        });
        assertThat(state.volumes()).filteredOn(v -> v.name().equals(volume)).singleElement()
                .satisfies(v -> assertThat(v.stack()).isEqualTo(engine.name("stack")));
        assertThat(state.images()).extracting(ActualState.Image::ref).contains(IMAGE).doesNotContain("barge-test/absent:0");
        assertThat(state.images()).filteredOn(i -> i.ref().equals(IMAGE)).singleElement()
                .satisfies(i -> assertThat(i.id()).isEqualTo(c.imageId()));
    }

    @Test
    void aFullServiceSpecRoundTripsAndItsHealthcheckReportsHealthy(@TempDir Path bindSource) throws Exception {
        Map<String, String> labels = OwnershipLabels.forStack("mars", engine.name("web"));
        gateway.createNetwork(new NetworkSpec("front", engine.name("front"), "bridge", false, false, Map.of(), Map.of()), labels);
        gateway.createNetwork(new NetworkSpec("back", engine.name("back"), null, false, true, Map.of(), Map.of()), labels);
        gateway.createVolume(new VolumeSpec("data", engine.name("data"), null, false, Map.of(), Map.of()), labels);
        ServiceSpec spec = Specs.full("app", engine.name("app"), bindSource.toString());
        ContainerRequest request = ContainerRequests.of(engine.name("web"), spec,
                Map.of("front", engine.name("front"), "back", engine.name("back")), Map.of("data", engine.name("data")),
                OwnershipLabels.forContainer("mars", engine.name("web"), "app", "h", "c"));

        String id = gateway.createContainer(request);
        gateway.copyFiles(id, spec.configs());
        gateway.start(id);

        InspectContainerResponse i = engine.inspect(id);
        assertThat(i.getConfig().getEnv()).contains("GREETING=hello", "EMPTY=");
        assertThat(i.getConfig().getLabels()).containsEntry("team", "ops").containsEntry(OwnershipLabels.MANAGED, "true");
        assertThat(i.getConfig().getExposedPorts()).contains(ExposedPort.tcp(9000), ExposedPort.tcp(8080), ExposedPort.udp(5353));
        assertThat(i.getConfig().getHealthcheck().getInterval()).isEqualTo(500_000_000L);
        assertThat(i.getConfig().getHealthcheck().getRetries()).isEqualTo(3);
        assertThat(i.getConfig().getHostName()).isEqualTo("web-host");
        assertThat(i.getConfig().getWorkingDir()).isEqualTo("/tmp");
        assertThat(i.getHostConfig().getRestartPolicy().getName()).isEqualTo("on-failure");
        assertThat(i.getHostConfig().getRestartPolicy().getMaximumRetryCount()).isEqualTo(3);
        assertThat(i.getHostConfig().getMemory()).isEqualTo(64L * 1024 * 1024);
        assertThat(i.getHostConfig().getNanoCPUs()).isEqualTo(500_000_000L);
        assertThat(i.getHostConfig().getPidsLimit()).isEqualTo(100L);
        assertThat(i.getHostConfig().getShmSize()).isEqualTo(8L * 1024 * 1024);
        assertThat(i.getHostConfig().getInit()).isTrue();
        assertThat(i.getHostConfig().getSecurityOpts()).contains("no-new-privileges:true");
        assertThat(i.getHostConfig().getExtraHosts()).contains("db.internal:10.0.0.5");
        assertThat(i.getHostConfig().getLogConfig().getConfig()).containsEntry("max-size", "1m");
        assertThat(i.getMounts()).extracting(m -> m.getDestination().getPath())
                .contains("/srv/conf", "/data", "/scratch");
        assertThat(i.getNetworkSettings().getNetworks()).containsKeys(engine.name("front"), engine.name("back"));
        assertThat(i.getNetworkSettings().getNetworks().get(engine.name("front")).getAliases()).contains("app", "web-front");
        Ports.Binding[] web = i.getNetworkSettings().getPorts().getBindings().get(ExposedPort.tcp(8080));
        assertThat(web[0].getHostIp()).isEqualTo("127.0.0.1");
        assertThat(Integer.parseInt(web[0].getHostPortSpec())).isPositive();

        await(Duration.ofSeconds(15), () -> gateway.inspect(id).health() == ActualState.Health.HEALTHY);
        ContainerStatus status = gateway.inspect(id);
        assertThat(status.status()).isEqualTo(ActualState.Status.RUNNING);
        assertThat(status.startedAt()).isBefore(Instant.now());
        assertThat(status.name()).isEqualTo(engine.name("app"));
    }

    @Test
    void copyFilesPutsAConfigWithOwnerAndModeWithoutATempFileOnTheHost() throws Exception {
        String config = "barge-config-" + UUID.randomUUID();
        Instant before = Instant.now().minusSeconds(1);
        ServiceSpec spec = Specs.minimal("job", IMAGE);
        String id = gateway.createContainer(request(spec, engine.name("job"), Map.of(), "none",
                List.of("sh", "-c", "stat -c '%u %g %a' /etc/app/app.conf && cat /etc/app/app.conf")));

        gateway.copyFiles(id, List.of(new FileMount("app_conf", "stacks/app/app.conf", "/etc/app/app.conf", "1000", "2000",
                0440, FileContent.plain(config))));
        gateway.start(id);

        assertThat(gateway.waitForExit(id, Duration.ofSeconds(10))).contains(0);
        assertThat(gateway.logs(id, 10)).containsExactly("1000 2000 440", config);
        assertThat(filesContaining(config, before, Path.of(System.getProperty("java.io.tmpdir")), Path.of("/tmp"), Path.of("/var/tmp")))
                .as("no temp file on the host holds the config").isEmpty();
    }

    /** How apply puts a secret in: a file of its tmpfs, bound read-only at the target. */
    @Test
    void anExtraReadOnlyBindOfAFileKeepsItsOwnerAndModeAndCannotBeWritten(@TempDir Path dir) throws Exception {
        Path token = dir.resolve("token");
        Files.writeString(token, "t0ken");
        Files.setAttribute(token, "unix:uid", 1000);
        Files.setAttribute(token, "unix:gid", 2000);
        Files.setPosixFilePermissions(token, java.nio.file.attribute.PosixFilePermissions.fromString("r--r-----"));
        ServiceSpec spec = Specs.minimal("job", IMAGE);
        ContainerRequest request = request(spec, engine.name("job"), Map.of(), "none",
                List.of("sh", "-c", "stat -c '%u %g %a' /run/secrets/token; cat /run/secrets/token; echo;"
                        + " (echo x > /run/secrets/token) 2>/dev/null && echo writable || echo read-only"))
                .withExtraMounts(List.of(new ServiceSpec.Mount(ServiceSpec.Mount.Type.BIND, token.toString(),
                        "/run/secrets/token", true, null)));

        String id = gateway.createContainer(request);
        gateway.start(id);

        assertThat(gateway.waitForExit(id, Duration.ofSeconds(10))).contains(0);
        assertThat(gateway.logs(id, 10)).containsExactly("1000 2000 440", "t0ken", "read-only");
        assertThat(Files.readString(token)).isEqualTo("t0ken");
    }

    /** Regression: deleting a container removed by hand between plan and apply failed the stack on "stop". */
    /**
     * Regression (8.8): the engine answers a create of an existing volume name with that volume, so
     * barge "created" a volume it never owned and mounted its data. A taken name is refused instead.
     */
    @Test
    void creatingAVolumeWhoseNameIsTakenIsRefusedAndLeavesTheOtherVolumeAsItWas() {
        engine.docker.createVolumeCmd().withName(engine.name("theirs")).withLabels(Map.of("owner", "someone")).exec();

        assertThatThrownBy(() -> gateway.createVolume(new VolumeSpec("data", engine.name("theirs"), null, false, Map.of(),
                Map.of()), OwnershipLabels.forStack("mars", engine.name("web"))))
                .isInstanceOfSatisfying(BargeException.class, e -> {
                    assertThat(e.failure()).isEqualTo(Failure.REFUSED);
                    assertThat(e.getMessage()).contains("volume " + engine.name("theirs") + " already exists and this barge"
                            + " did not create it");
                });
        assertThat(engine.docker.inspectVolumeCmd(engine.name("theirs")).exec().getLabels())
                .containsExactly(Map.entry("owner", "someone"));
    }

    @Test
    void stoppingOrRemovingAMissingContainerIsANoOp() {
        String id = gateway.createContainer(request(Specs.minimal("gone", IMAGE), engine.name("gone"), Map.of(), "none",
                List.of("sleep", "60")));
        gateway.remove(id, true);
        gateway.stop(id, java.time.Duration.ofSeconds(1));
        gateway.remove(id, true);
    }

    @Test
    void stopStartRenameRemoveAndLogs() throws Exception {
        String id = gateway.createContainer(request(Specs.minimal("svc", IMAGE), engine.name("svc"), Map.of(), "none",
                List.of("sh", "-c", "trap 'exit 0' TERM; for i in 1 2 3 4 5; do echo line-$i; done; sleep 1; echo later; while :; do sleep 0.1; done")));
        gateway.start(id);
        gateway.start(id); // a no-op on a running container
        await(Duration.ofSeconds(5), () -> gateway.logs(id, 2).equals(List.of("line-4", "line-5")));

        assertThat(gateway.waitForExit(id, Duration.ofMillis(300))).as("still running").isEmpty();
        gateway.stop(id, Duration.ofSeconds(5));
        ContainerStatus stopped = gateway.inspect(id);
        assertThat(stopped.status()).isEqualTo(ActualState.Status.EXITED);
        assertThat(stopped.exitCode()).isEqualTo(0);
        gateway.stop(id, Duration.ofSeconds(1)); // a no-op on a stopped container

        List<String> followed = new CopyOnWriteArrayList<>();
        gateway.start(id);
        try (LogStream stream = gateway.followLogs(id, 0, followed::add)) {
            await(Duration.ofSeconds(5), () -> followed.contains("later"));
        }
        assertThat(gateway.inspect(id).running()).isTrue();

        gateway.rename(id, engine.name("renamed"));
        assertThat(gateway.inspect(id).name()).isEqualTo(engine.name("renamed"));

        gateway.remove(id, true);
        gateway.remove(id, true); // a no-op on a missing container
        assertThatThrownBy(() -> gateway.inspect(id)).isInstanceOf(BargeException.class)
                .hasMessageContaining("inspect container " + id + " failed").hasMessageContaining("No such container");
    }

    @Test
    void conflictsAndMissingImagesAreOneLineFailures() {
        ContainerRequest first = request(Specs.minimal("a", IMAGE), engine.name("dup"), Map.of(), "none", null);
        String id = gateway.createContainer(first);
        assertThatThrownBy(() -> gateway.createContainer(first)).isInstanceOf(BargeException.class)
                .hasMessageStartingWith("create container " + engine.name("dup") + " failed: Conflict.")
                .hasMessageNotContaining("\n");
        assertThatThrownBy(() -> gateway.createContainer(request(Specs.minimal("b", "barge-test/absent:0"), engine.name("b"),
                Map.of(), "none", null)))
                .isInstanceOf(BargeException.class).hasMessageContaining("image barge-test/absent:0 is not present locally");

        String volume = gateway.createVolume(new VolumeSpec("v", engine.name("v"), null, false, Map.of(), Map.of()), Map.of());
        String user = gateway.createContainer(new ContainerRequest(engine.name("user"), IMAGE, null, null, List.of(), Map.of(),
                List.of(), List.of(), List.of(new ServiceSpec.Mount(ServiceSpec.Mount.Type.VOLUME, volume, "/v", false, null)),
                "none", List.of(), ContainerRequest.Restart.NO, null, null, null, null, null, List.of(), List.of()));
        assertThatThrownBy(() -> gateway.removeVolume(volume)).isInstanceOf(BargeException.class)
                .hasMessageContaining("remove volume " + volume).hasMessageContaining("in use");
        gateway.remove(user, false);
        gateway.removeVolume(volume);
        gateway.removeVolume(volume); // a no-op on a missing volume
        gateway.removeNetwork(engine.name("never-created"));
        assertThat(id).isNotBlank();
    }

    @Test
    void aPullFromAnUnreachableRegistryIsRetryLaterWithTheImageInTheMessage() {
        assertThatThrownBy(() -> gateway.pull("127.0.0.1:1/none:1", null, null))
                .isInstanceOfSatisfying(BargeException.class, e -> {
                    assertThat(e.failure()).isEqualTo(Failure.RETRY_LATER);
                    assertThat(e.getMessage()).startsWith("pull of 127.0.0.1:1/none:1 failed: ")
                            .contains("check that the registry is reachable").doesNotContain("\n");
                });
    }

    @Test
    void anEngineThatIsNotThereIsRetryLaterQuickly() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Instant start = Instant.now();
        assertThatThrownBy(() -> DockerJavaGateway.connect("tcp://127.0.0.1:" + port))
                .isInstanceOfSatisfying(BargeException.class, e -> {
                    assertThat(e.failure()).isEqualTo(Failure.RETRY_LATER);
                    assertThat(e.getMessage()).isEqualTo("Docker engine at tcp://127.0.0.1:" + port
                            + " does not answer: start it (systemctl start docker) or set DOCKER_HOST");
                });
        assertThat(Duration.between(start, Instant.now())).isLessThan(Duration.ofSeconds(5));
    }

    private static ContainerRequest request(ServiceSpec spec, String name, Map<String, String> labels, String network) {
        return request(spec, name, labels, network, null);
    }

    /** {@code network}: an engine network name, or none/host. */
    private static ContainerRequest request(ServiceSpec spec, String name, Map<String, String> labels, String network,
                                            List<String> command) {
        boolean mode = network.equals("none") || network.equals("host");
        return new ContainerRequest(name, spec.image(), command, null, List.of(), labels, List.of(), List.of(), List.of(),
                mode ? network : null, mode ? List.of() : List.of(new ContainerRequest.Network(network, List.of(spec.name()), null)),
                ContainerRequest.Restart.NO, null, null, null, null, null, List.of(), List.of());
    }

    private static void await(Duration timeout, BooleanSupplier condition) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("condition not met within " + timeout);
            }
            Thread.sleep(100);
        }
    }

    /** Regular files under {@code roots} changed since {@code since} whose bytes contain {@code marker}. */
    private static List<Path> filesContaining(String marker, Instant since, Path... roots) throws IOException {
        byte[] needle = marker.getBytes(StandardCharsets.UTF_8);
        List<Path> hits = new CopyOnWriteArrayList<>();
        for (Path root : new java.util.LinkedHashSet<>(List.of(roots))) {
            if (!Files.isDirectory(root)) {
                continue;
            }
            try (var walk = Files.walk(root)) {
                walk.filter(p -> {
                    try {
                        return Files.isRegularFile(p) && Files.size(p) < 10_000_000
                                && Files.getLastModifiedTime(p).toInstant().isAfter(since);
                    } catch (IOException e) {
                        return false;
                    }
                }).forEach(p -> {
                    try {
                        if (indexOf(Files.readAllBytes(p), needle) >= 0) {
                            hits.add(p);
                        }
                    } catch (IOException e) {
                        // unreadable or vanished: another process's file
                    }
                });
            } catch (java.io.UncheckedIOException e) {
                // a directory vanished during the walk
            }
        }
        return hits;
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i <= hay.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
