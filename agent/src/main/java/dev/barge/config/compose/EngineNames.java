package dev.barge.config.compose;

import java.util.Set;

/**
 * Names the engine (through the docker stage) accepts, so that validate refuses what apply would:
 * EngineNamesTest in the docker stage's tests keeps these equal to the client library's own lists.
 */
public final class EngineNames {
    /** Linux capability names as cap_add/cap_drop take them (without CAP_). */
    public static final Set<String> CAPABILITIES = Set.of("ALL", "AUDIT_CONTROL", "AUDIT_READ", "AUDIT_WRITE",
            "BLOCK_SUSPEND", "BPF", "CHECKPOINT_RESTORE", "CHOWN", "DAC_OVERRIDE", "DAC_READ_SEARCH", "FOWNER", "FSETID",
            "IPC_LOCK", "IPC_OWNER", "KILL", "LEASE", "LINUX_IMMUTABLE", "MAC_ADMIN", "MAC_OVERRIDE", "MKNOD", "NET_ADMIN",
            "NET_BIND_SERVICE", "NET_BROADCAST", "NET_RAW", "PERFMON", "SETFCAP", "SETGID", "SETPCAP", "SETUID", "SYS_ADMIN",
            "SYS_BOOT", "SYS_CHROOT", "SYSLOG", "SYS_MODULE", "SYS_NICE", "SYS_PACCT", "SYS_PTRACE", "SYS_RAWIO",
            "SYS_RESOURCE", "SYS_TIME", "SYS_TTY_CONFIG", "WAKE_ALARM");

    /** Logging drivers the engine is asked for by name. */
    public static final Set<String> LOGGING_DRIVERS = Set.of("json-file", "local", "syslog", "journald", "gelf",
            "fluentd", "awslogs", "splunk", "etwlogs", "gcplogs", "loki", "none", "db");

    private EngineNames() {
    }

    /** In any case, with or without CAP_, as the Docker CLI takes it. */
    public static boolean isCapability(String name) {
        return CAPABILITIES.contains(capability(name));
    }

    /** The engine's name of a capability written as {@code cap_chown}, {@code CAP_CHOWN} or {@code chown}. */
    public static String capability(String name) {
        String upper = name.toUpperCase(java.util.Locale.ROOT);
        return upper.startsWith("CAP_") ? upper.substring(4) : upper;
    }
}
