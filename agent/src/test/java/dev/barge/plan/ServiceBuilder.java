package dev.barge.plan;

import dev.barge.config.model.FileContent;
import dev.barge.config.model.ServiceSpec;
import dev.barge.config.model.ServiceSpec.Dependency;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Builds {@link ServiceSpec}s for tests; everything not set is unset or at its default. */
public final class ServiceBuilder {
    private final String name;
    private String image = "busybox:1.36";
    private String containerName;
    private List<String> command;
    private final Map<String, String> environment = new LinkedHashMap<>();
    private final List<ServiceSpec.PortMapping> ports = new ArrayList<>();
    private final List<ServiceSpec.Mount> mounts = new ArrayList<>();
    private final Map<String, ServiceSpec.NetworkAttachment> networks = new LinkedHashMap<>();
    private String networkMode;
    private String restart = "unless-stopped";
    private final Map<String, String> labels = new LinkedHashMap<>();
    private ServiceSpec.Healthcheck healthcheck;
    private final Map<String, Dependency> dependsOn = new LinkedHashMap<>();
    private ServiceSpec.Execution execution = ServiceSpec.Execution.DEFAULTS;
    private ServiceSpec.Resources resources = ServiceSpec.Resources.DEFAULTS;
    private ServiceSpec.Security security = ServiceSpec.Security.DEFAULTS;
    private ServiceSpec.PullPolicy pullPolicy = ServiceSpec.PullPolicy.MISSING;
    private final List<ServiceSpec.FileMount> configs = new ArrayList<>();
    private final List<ServiceSpec.FileMount> secrets = new ArrayList<>();
    private final Set<String> sensitive = new HashSet<>();
    private ServiceSpec.Engine engine = ServiceSpec.Engine.DEFAULTS;

    private ServiceBuilder(String name) {
        this.name = name;
    }

    public static ServiceBuilder service(String name) {
        return new ServiceBuilder(name);
    }

    public ServiceBuilder image(String ref) {
        this.image = ref;
        return this;
    }

    public ServiceBuilder containerName(String containerName) {
        this.containerName = containerName;
        return this;
    }

    public ServiceBuilder command(String... args) {
        this.command = List.of(args);
        return this;
    }

    public ServiceBuilder env(String key, String value) {
        environment.put(key, value);
        return this;
    }

    /** An environment variable whose value came from a sops file. */
    public ServiceBuilder secretEnv(String key, String value) {
        environment.put(key, value);
        sensitive.add("environment." + key);
        return this;
    }

    public ServiceBuilder port(int published, int target) {
        ports.add(new ServiceSpec.PortMapping("127.0.0.1", published, target, "tcp"));
        return this;
    }

    public ServiceBuilder volume(String key, String target) {
        mounts.add(new ServiceSpec.Mount(ServiceSpec.Mount.Type.VOLUME, key, target, false, null));
        return this;
    }

    public ServiceBuilder network(String key, String... aliases) {
        networks.put(key, new ServiceSpec.NetworkAttachment(List.of(aliases), null));
        return this;
    }

    public ServiceBuilder networkMode(String mode) {
        this.networkMode = mode;
        return this;
    }

    public ServiceBuilder restart(String policy) {
        this.restart = policy;
        return this;
    }

    public ServiceBuilder label(String key, String value) {
        labels.put(key, value);
        return this;
    }

    public ServiceBuilder healthcheck(String... test) {
        this.healthcheck = new ServiceSpec.Healthcheck(List.of(test), Duration.ofSeconds(10), Duration.ofMillis(1500),
                3, Duration.ofSeconds(5), false);
        return this;
    }

    public ServiceBuilder dependsOn(String service, boolean restartWithIt) {
        dependsOn.put(service, new Dependency(Dependency.Condition.SERVICE_STARTED, true, restartWithIt));
        return this;
    }

    /** A CMD-SHELL healthcheck every second, unhealthy after {@code retries} failures. */
    public ServiceBuilder healthcheck(String shell, int retries) {
        this.healthcheck = new ServiceSpec.Healthcheck(List.of("CMD-SHELL", shell), Duration.ofSeconds(1),
                Duration.ofSeconds(1), retries, null, false);
        return this;
    }

    public ServiceBuilder dependsOn(String service, Dependency.Condition condition) {
        dependsOn.put(service, new Dependency(condition, true, false));
        return this;
    }

    /** {@code sh -c script}. */
    public ServiceBuilder shell(String script) {
        this.command = List.of("sh", "-c", script);
        return this;
    }

    public ServiceBuilder bind(String source, String target) {
        mounts.add(new ServiceSpec.Mount(ServiceSpec.Mount.Type.BIND, source, target, true, null));
        return this;
    }

    public ServiceBuilder privileged() {
        security = new ServiceSpec.Security(true, security.capAdd(), security.capDrop(), security.readOnly(),
                security.securityOpt(), security.devices(), security.sysctls());
        return this;
    }

    public ServiceBuilder device(String hostPath) {
        List<ServiceSpec.Device> devices = new ArrayList<>(security.devices());
        devices.add(new ServiceSpec.Device(hostPath, hostPath, "rwm"));
        security = new ServiceSpec.Security(security.privileged(), security.capAdd(), security.capDrop(),
                security.readOnly(), security.securityOpt(), devices, security.sysctls());
        return this;
    }

    public ServiceBuilder pullPolicy(ServiceSpec.PullPolicy policy) {
        this.pullPolicy = policy;
        return this;
    }

    public ServiceBuilder secret(ServiceSpec.FileMount file) {
        secrets.add(file);
        return this;
    }

    public ServiceBuilder user(String user) {
        this.execution = new ServiceSpec.Execution(user, execution.workingDir(), execution.hostname(), execution.tty(),
                execution.stdinOpen(), execution.init(), execution.stopSignal(), execution.stopGracePeriod());
        return this;
    }

    /** {@code deploy.update_config.order: start-first}. */
    public ServiceBuilder startFirst() {
        this.execution = new ServiceSpec.Execution(execution.user(), execution.workingDir(), execution.hostname(),
                execution.tty(), execution.stdinOpen(), execution.init(), execution.stopSignal(),
                execution.stopGracePeriod(), true);
        return this;
    }

    public ServiceBuilder limits(long memLimit, double cpus) {
        this.resources = new ServiceSpec.Resources(memLimit, null, cpus, null, null, null,
                Map.of("nofile", new ServiceSpec.Ulimit(1024, 2048)));
        return this;
    }

    public ServiceBuilder config(String name, String target, String text) {
        configs.add(new ServiceSpec.FileMount(name, "stacks/web/" + name, target, null, null, 0444,
                FileContent.plain(text)));
        return this;
    }

    /** A sops secret file mounted into the container; its content is sensitive. */
    public ServiceBuilder secretFile(String name, String target, String text) {
        secrets.add(new ServiceSpec.FileMount(name, "secrets/" + name + ".sops.yaml", target, "0", "0", 0400,
                new FileContent(text.getBytes(StandardCharsets.UTF_8), true)));
        return this;
    }

    public ServiceBuilder engine(ServiceSpec.Engine engine) {
        this.engine = engine;
        return this;
    }

    public ServiceSpec build() {
        return new ServiceSpec(name, image, containerName, command, null, environment, ports, List.of(), mounts,
                networks, networkMode, restart, labels, healthcheck, dependsOn, execution, resources,
                security, pullPolicy, null, List.of(), List.of(), configs,
                secrets, sensitive, engine);
    }
}
