package dev.barge.apply;

import dev.barge.config.model.BargeSettings;
import dev.barge.docker.RegistryCredentials;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** The repo's registry logins ({@code barge.yaml registries:}), looked up by the registry an image lives in. */
final class RegistryLogins {

    static final String DOCKER_HUB = "docker.io";
    private static final Set<String> HUB_ALIASES = Set.of("docker.io", "index.docker.io", "registry-1.docker.io",
            "registry.hub.docker.com");

    private final Map<String, RegistryCredentials> byHost = new LinkedHashMap<>();

    RegistryLogins(List<BargeSettings.RegistryAuth> registries) {
        for (BargeSettings.RegistryAuth auth : registries) {
            // the first login for a host wins, as the order in barge.yaml reads
            byHost.putIfAbsent(host(auth.address()), RegistryCredentials.of(auth));
        }
    }

    /** The login for the registry {@code imageRef} is pulled from, or null for an anonymous pull. */
    RegistryCredentials forImage(String imageRef) {
        return byHost.get(registryOf(imageRef));
    }

    /**
     * The registry host of an image reference, as the Docker CLI reads it: the first path component
     * when it has a dot or a port or is {@code localhost}, else Docker Hub.
     */
    static String registryOf(String imageRef) {
        int slash = imageRef.indexOf('/');
        if (slash < 0) {
            return DOCKER_HUB;
        }
        String first = imageRef.substring(0, slash);
        if (first.contains(".") || first.contains(":") || first.equals("localhost")) {
            return host(first);
        }
        return DOCKER_HUB;
    }

    /** A registry address as written in barge.yaml ({@code https://ghcr.io/}, {@code index.docker.io/v1/}) as a host. */
    static String host(String address) {
        String a = address.trim().toLowerCase(Locale.ROOT);
        int scheme = a.indexOf("://");
        if (scheme >= 0) {
            a = a.substring(scheme + 3);
        }
        int slash = a.indexOf('/');
        if (slash >= 0) {
            a = a.substring(0, slash);
        }
        return HUB_ALIASES.contains(a) ? DOCKER_HUB : a;
    }
}
