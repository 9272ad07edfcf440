package dev.barge.apply;

import dev.barge.config.model.ComposeProject;
import dev.barge.config.model.FileContent;
import dev.barge.config.model.NetworkSpec;
import dev.barge.config.model.Origin;
import dev.barge.config.model.ServiceSpec;
import dev.barge.config.model.ServiceSpec.Dependency;
import dev.barge.config.model.StackSpec;
import dev.barge.config.model.VolumeSpec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Builds ServiceSpecs and StackSpecs for the apply tests; whatever is not set is unset or default. */
final class Services {
    private final String name;
    private String image = "busybox:1.36";
    private List<String> command;
    private final Map<String, String> environment = new LinkedHashMap<>();
    private final List<ServiceSpec.PortMapping> ports = new ArrayList<>();
    private final List<ServiceSpec.Mount> mounts = new ArrayList<>();
    private String networkMode;
    private String restart = "unless-stopped";
    private ServiceSpec.Healthcheck healthcheck;
    private final Map<String, Dependency> dependsOn = new LinkedHashMap<>();
    private ServiceSpec.Security security = ServiceSpec.Security.DEFAULTS;
    private ServiceSpec.PullPolicy pullPolicy = ServiceSpec.PullPolicy.MISSING;
    private final List<ServiceSpec.FileMount> configs = new ArrayList<>();
    private final List<ServiceSpec.FileMount> secrets = new ArrayList<>();
    private final Set<String> sensitive = new HashSet<>();

    private Services(String name) {
        this.name = name;
    }

    static Services service(String name) {
        return new Services(name);
    }

    Services image(String ref) {
        this.image = ref;
        return this;
    }

    /** {@code sh -c script}. */
    Services shell(String script) {
        this.command = List.of("sh", "-c", script);
        return this;
    }

    Services env(String key, String value) {
        environment.put(key, value);
        return this;
    }

    Services port(int published, int target) {
        ports.add(new ServiceSpec.PortMapping("127.0.0.1", published, target, "tcp"));
        return this;
    }

    Services volume(String key, String target) {
        mounts.add(new ServiceSpec.Mount(ServiceSpec.Mount.Type.VOLUME, key, target, false, null));
        return this;
    }

    Services bind(String source, String target) {
        mounts.add(new ServiceSpec.Mount(ServiceSpec.Mount.Type.BIND, source, target, true, null));
        return this;
    }

    Services networkMode(String mode) {
        this.networkMode = mode;
        return this;
    }

    Services restart(String policy) {
        this.restart = policy;
        return this;
    }

    /** A CMD-SHELL healthcheck every second, unhealthy after {@code retries} failures. */
    Services healthcheck(String shell, int retries) {
        this.healthcheck = new ServiceSpec.Healthcheck(List.of("CMD-SHELL", shell), Duration.ofSeconds(1),
                Duration.ofSeconds(1), retries, null, false);
        return this;
    }

    Services dependsOn(String service, Dependency.Condition condition) {
        dependsOn.put(service, new Dependency(condition, true, false));
        return this;
    }

    Services privileged() {
        security = new ServiceSpec.Security(true, security.capAdd(), security.capDrop(), security.readOnly(),
                security.securityOpt(), security.devices(), security.sysctls());
        return this;
    }

    Services device(String hostPath) {
        List<ServiceSpec.Device> devices = new ArrayList<>(security.devices());
        devices.add(new ServiceSpec.Device(hostPath, hostPath, "rwm"));
        security = new ServiceSpec.Security(security.privileged(), security.capAdd(), security.capDrop(),
                security.readOnly(), security.securityOpt(), devices, security.sysctls());
        return this;
    }

    Services pullPolicy(ServiceSpec.PullPolicy policy) {
        this.pullPolicy = policy;
        return this;
    }

    Services config(String name, String target, String text) {
        configs.add(new ServiceSpec.FileMount(name, "stacks/app/" + name, target, null, null, 0444,
                FileContent.plain(text)));
        return this;
    }

    /** A decrypted sops file put into the container; its content is sensitive. */
    Services secretFile(String name, String target, String text) {
        secrets.add(new ServiceSpec.FileMount(name, "secrets/" + name + ".sops.yaml", target, "0", "0", 0400,
                new FileContent(text.getBytes(StandardCharsets.UTF_8), true)));
        return this;
    }

    Services secret(ServiceSpec.FileMount file) {
        secrets.add(file);
        return this;
    }

    ServiceSpec build() {
        return new ServiceSpec(name, image, null, command, null, environment, ports, List.of(), mounts, Map.of(),
                networkMode, restart, Map.of(), healthcheck, dependsOn, ServiceSpec.Execution.DEFAULTS,
                ServiceSpec.Resources.DEFAULTS, security, pullPolicy, null, List.of(), List.of(), configs, secrets,
                sensitive);
    }

    /** A stack of deployment "it" with the named volumes {@code <stack>_<key>} and the given health timeout. */
    static StackSpec stack(String name, Duration healthTimeout, List<String> volumes, ServiceSpec... services) {
        Map<String, ServiceSpec> byName = new LinkedHashMap<>();
        Arrays.stream(services).forEach(s -> byName.put(s.name(), s));
        Map<String, VolumeSpec> vols = new LinkedHashMap<>();
        volumes.forEach(v -> vols.put(v, new VolumeSpec(v, name + "_" + v, null, false, Map.of(), Map.of())));
        Map<String, NetworkSpec> nets = Map.of();
        return new StackSpec(name, "it", "stacks/" + name + "/compose.yaml", new ComposeProject(byName, nets, vols),
                StackSpec.Drift.CORRECT, healthTimeout, new Origin("deployments/it.yaml", 1));
    }

    static StackSpec stack(String name, ServiceSpec... services) {
        return stack(name, Duration.ofSeconds(10), List.of(), services);
    }
}
