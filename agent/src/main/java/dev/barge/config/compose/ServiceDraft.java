package dev.barge.config.compose;

import dev.barge.config.model.ServiceSpec;
import dev.barge.config.model.ServiceSpec.Dependency;
import dev.barge.config.model.ServiceSpec.Device;
import dev.barge.config.model.ServiceSpec.FileMount;
import dev.barge.config.model.ServiceSpec.Healthcheck;
import dev.barge.config.model.ServiceSpec.Logging;
import dev.barge.config.model.ServiceSpec.Mount;
import dev.barge.config.model.ServiceSpec.NetworkAttachment;
import dev.barge.config.model.ServiceSpec.PortMapping;
import dev.barge.config.model.ServiceSpec.PullPolicy;
import dev.barge.config.model.ServiceSpec.Ulimit;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** One service while its keys are being read: every field of {@link ServiceSpec}, flat and mutable. */
final class ServiceDraft {
    final String name;

    String image;
    String containerName;
    List<String> command;
    List<String> entrypoint;
    final Map<String, String> environment = new LinkedHashMap<>();
    final List<PortMapping> ports = new ArrayList<>();
    final List<String> expose = new ArrayList<>();
    final List<Mount> mounts = new ArrayList<>();
    final Map<String, NetworkAttachment> networks = new LinkedHashMap<>();
    boolean networksGiven;
    String networkMode;
    String restart;
    final Map<String, String> labels = new LinkedHashMap<>();
    Healthcheck healthcheck;
    final Map<String, Dependency> dependsOn = new LinkedHashMap<>();
    PullPolicy pullPolicy = PullPolicy.MISSING;
    Logging logging;
    final List<String> extraHosts = new ArrayList<>();
    final List<String> dns = new ArrayList<>();
    final List<FileMount> configs = new ArrayList<>();
    final List<FileMount> secrets = new ArrayList<>();
    final Set<String> sensitive = new HashSet<>();
    /** From links and network_mode: joined to depends_on after it is read, where it does not name them itself. */
    final Map<String, Dependency> impliedDependencies = new LinkedHashMap<>();

    // engine
    String platform;
    String runtime;
    final List<String> links = new ArrayList<>();
    int replicas = 1;

    // execution
    String user;
    String workingDir;
    String hostname;
    boolean tty;
    boolean stdinOpen;
    Boolean init;
    String stopSignal;
    Duration stopGracePeriod;
    boolean startFirst;

    // resources
    Long memLimit;
    Long memReservation;
    Double cpus;
    Long pidsLimit;
    Boolean oomKillDisable;
    Long shmSize;
    final Map<String, Ulimit> ulimits = new LinkedHashMap<>();

    // security
    boolean privileged;
    final List<String> capAdd = new ArrayList<>();
    final List<String> capDrop = new ArrayList<>();
    boolean readOnly;
    final List<String> securityOpt = new ArrayList<>();
    final List<Device> devices = new ArrayList<>();
    final Map<String, String> sysctls = new LinkedHashMap<>();

    ServiceDraft(String name) {
        this.name = name;
    }

    ServiceSpec build() {
        return new ServiceSpec(name, image, containerName, command, entrypoint, environment, ports, expose, mounts,
                networks, networkMode, restart, labels, healthcheck, dependsOn,
                new ServiceSpec.Execution(user, workingDir, hostname, tty, stdinOpen, init, stopSignal, stopGracePeriod,
                        startFirst),
                new ServiceSpec.Resources(memLimit, memReservation, cpus, pidsLimit, oomKillDisable, shmSize, ulimits),
                new ServiceSpec.Security(privileged, capAdd, capDrop, readOnly, securityOpt, devices, sysctls),
                pullPolicy, logging, extraHosts, dns, configs, secrets, sensitive,
                new ServiceSpec.Engine(platform, runtime, links, replicas));
    }
}
