package dev.barge.docker;

import dev.barge.config.model.FileContent;
import dev.barge.config.model.ServiceSpec;
import dev.barge.config.model.ServiceSpec.Mount;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** ServiceSpecs for the docker tests: a minimal one to vary, and one that sets nearly every field. */
final class Specs {

    private Specs() {
    }

    static ServiceSpec minimal(String name, String image) {
        return new ServiceSpec(name, image, null, null, null, Map.of(), List.of(), List.of(), List.of(), Map.of(), null,
                null, Map.of(), null, Map.of(), ServiceSpec.Execution.DEFAULTS, ServiceSpec.Resources.DEFAULTS,
                ServiceSpec.Security.DEFAULTS, null, null, List.of(), List.of(), List.of(), List.of(), Set.of());
    }

    /**
     * Nearly every field set. {@code bindSource} is a host directory; the volume key is {@code data},
     * the networks {@code front} (with alias web-front) and {@code back}.
     */
    static ServiceSpec full(String name, String containerName, String bindSource) {
        return new ServiceSpec(name, "busybox:1.36", containerName,
                List.of("sh", "-c", "mkdir -p /www && echo ok > /www/index.html && exec httpd -f -p 8080 -h /www"),
                null,
                Map.of("GREETING", "hello", "EMPTY", ""),
                List.of(new ServiceSpec.PortMapping("127.0.0.1", null, 8080, "tcp"),
                        new ServiceSpec.PortMapping("127.0.0.1", null, 5353, "udp")),
                List.of("9000"),
                List.of(new Mount(Mount.Type.BIND, bindSource, "/srv/conf", true, null),
                        new Mount(Mount.Type.VOLUME, "data", "/data", false, null),
                        new Mount(Mount.Type.TMPFS, null, "/scratch", false, 16L * 1024 * 1024)),
                Map.of("front", new ServiceSpec.NetworkAttachment(List.of("web-front"), null),
                        "back", new ServiceSpec.NetworkAttachment(List.of(), null)),
                null,
                "on-failure:3",
                Map.of("team", "ops", "dev.barge.managed", "false"),
                new ServiceSpec.Healthcheck(List.of("CMD-SHELL", "wget -q -O /dev/null http://127.0.0.1:8080/ || exit 1"),
                        Duration.ofMillis(500), Duration.ofSeconds(2), 3, Duration.ofSeconds(1), false),
                Map.of(),
                new ServiceSpec.Execution("0:0", "/tmp", "web-host", false, true, true, "SIGTERM", Duration.ofMillis(2500)),
                new ServiceSpec.Resources(64L * 1024 * 1024, 32L * 1024 * 1024, 0.5, 100L, false, 8L * 1024 * 1024,
                        Map.of("nofile", new ServiceSpec.Ulimit(1024, 2048))),
                new ServiceSpec.Security(false, List.of("CAP_NET_ADMIN"), List.of("mknod"), false,
                        List.of("no-new-privileges:true"), List.of(new ServiceSpec.Device("/dev/null", "/dev/barge-null", "rw")),
                        Map.of("net.ipv4.ip_unprivileged_port_start", "0")),
                ServiceSpec.PullPolicy.NEVER,
                new ServiceSpec.Logging("json-file", Map.of("max-size", "1m", "max-file", "2")),
                List.of("db.internal=10.0.0.5", "cache.internal:10.0.0.6"),
                List.of("1.1.1.1"),
                List.of(new ServiceSpec.FileMount("app_conf", "stacks/web/app.conf", "/etc/app.conf", null, null, null,
                        FileContent.plain("x=1\n"))),
                List.of(),
                Set.of());
    }
}
