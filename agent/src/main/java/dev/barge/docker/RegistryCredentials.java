package dev.barge.docker;

import dev.barge.config.model.BargeSettings;
import java.util.Objects;

/**
 * A login for one registry ({@code 127.0.0.1:5000}, {@code ghcr.io}). The password never appears in
 * {@link #toString()}.
 */
public record RegistryCredentials(String address, String username, String password) {

    public RegistryCredentials {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
    }

    public static RegistryCredentials of(BargeSettings.RegistryAuth auth) {
        return new RegistryCredentials(auth.address(), auth.username(), auth.password());
    }

    @Override
    public String toString() {
        return "RegistryCredentials[" + address + ", " + username + ", (sensitive)]";
    }
}
