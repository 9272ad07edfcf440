package dev.barge.doctor;

import java.util.Optional;

/** Asks the init system about barge's unit; {@link Systemctl} in production, a fake in tests. */
public interface ServiceManager {

    /** The unit's state, or empty when no systemd manages this machine (a container, a dev box). */
    Optional<UnitState> state(String unit);

    /**
     * @param enabled {@code systemctl is-enabled}'s answer (enabled, disabled, not-found, ...)
     * @param active  {@code systemctl is-active}'s answer (active, inactive, failed, ...)
     */
    record UnitState(String enabled, String active) {
        boolean healthy() {
            return enabled.equals("enabled") && active.equals("active");
        }
    }
}
