package dev.barge.config.model;

import java.util.List;
import java.util.Map;

/**
 * The optional {@code barge.yaml}: format version, defaults applied to every stack, and registry
 * credentials (resolved; a password that came from a sops file is sensitive).
 */
public record BargeSettings(int version, Map<String, String> defaultEnv, List<RegistryAuth> registries) {
    public static final BargeSettings DEFAULTS = new BargeSettings(1, Map.of(), List.of());

    public BargeSettings {
        defaultEnv = Map.copyOf(defaultEnv);
        registries = List.copyOf(registries);
    }

    /** Credentials for one registry host ({@code 127.0.0.1:5000}, {@code ghcr.io}). */
    public record RegistryAuth(String address, String username, String password, boolean sensitive) {
        @Override
        public String toString() {
            return "RegistryAuth[" + address + ", " + username + ", (sensitive)]";
        }
    }
}
