package dev.barge.config.compose;

import dev.barge.config.model.ServiceSpec.Mount;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The options after a mount's paths: the modes of the short volume syntax ({@code ./conf:/etc/x:ro,z}),
 * as compose-go's {@code ParseVolume} reads them, and a tmpfs's options ({@code /run:mode=1777,size=64m}),
 * as docker's {@code ParseTmpfsOptions} takes them. Compose ignores a mode it does not know; barge refuses
 * it, so that a typo never silently mounts something else.
 */
final class MountModes {
    static final Set<String> PROPAGATION = Set.of("shared", "rshared", "slave", "rslave", "private", "rprivate");
    static final Set<String> SELINUX = Set.of("z", "Z");
    /** Docker Desktop's file sharing consistency: compose ignores it on Linux, and so does barge. */
    private static final Set<String> CONSISTENCY = Set.of("cached", "delegated", "consistent");
    private static final String MODES = "barge supports ro, rw, z, Z (SELinux relabel of a bind), nocopy (a volume),"
            + " shared, rshared, slave, rslave, private, rprivate (propagation of a bind) and cached, delegated,"
            + " consistent (ignored, as on Linux)";

    static final Set<String> TMPFS_FLAGS = Set.of("exec", "noexec", "suid", "nosuid", "dev", "nodev", "sync", "async",
            "dirsync", "atime", "noatime", "diratime", "nodiratime", "relatime", "norelatime", "strictatime",
            "nostrictatime", "mand", "nomand");
    private static final Pattern OCTAL_MODE = Pattern.compile("0?[0-7]{3,4}");
    private static final Pattern ID = Pattern.compile("\\d{1,10}");
    private static final Pattern COUNT = Pattern.compile("\\d{1,18}[kKmMgG]?");
    private static final Pattern MPOL = Pattern.compile("(default|prefer|bind|interleave|local)(:[0-9-]+)?");
    private static final String TMPFS = "docker takes size, mode, uid, gid, nr_inodes, nr_blocks, mpol and the flags"
            + " ro, rw, " + String.join(", ", TMPFS_FLAGS.stream().sorted().toList());

    private MountModes() {
    }

    /** A mount's read-only flag and its {@link Mount#options() options}. */
    record Modes(boolean readOnly, List<String> options) {
    }

    /**
     * The modes of a short-syntax {@code volumes:} entry ({@code ro,z}) for a bind or volume mount;
     * null (reported) when one does not apply to that kind of mount or is unknown.
     */
    static Modes shortModes(Node node, String text, Mount.Type type) {
        boolean readOnly = false;
        String selinux = null;
        String propagation = null;
        boolean noCopy = false;
        for (String mode : text.split(",", -1)) {
            String shown = node.sensitive() ? "(sensitive)" : "'" + mode + "'";
            if (mode.equals("ro") || mode.equals("rw")) {
                readOnly = mode.equals("ro");
            } else if (CONSISTENCY.contains(mode)) {
                continue;
            } else if (SELINUX.contains(mode) || PROPAGATION.contains(mode)) {
                if (type != Mount.Type.BIND) {
                    node.report("the mode " + shown + " applies to a bind mount (a host path), not to a named volume;"
                            + " remove it");
                    return null;
                }
                String earlier = SELINUX.contains(mode) ? selinux : propagation;
                if (earlier != null && !earlier.equals(mode)) {
                    node.report("the modes '" + earlier + "' and " + shown + " contradict each other; keep one");
                    return null;
                }
                if (SELINUX.contains(mode)) {
                    selinux = mode;
                } else {
                    propagation = mode;
                }
            } else if (mode.equals("nocopy")) {
                if (type != Mount.Type.VOLUME) {
                    node.report("the mode 'nocopy' applies to a named volume, not to a bind mount; remove it");
                    return null;
                }
                noCopy = true;
            } else {
                node.report("unknown volume mode " + shown + " (docker compose ignores it silently; " + MODES + ")");
                return null;
            }
        }
        return new Modes(readOnly, options(propagation, selinux, noCopy));
    }

    /** A mount's options in their fixed order, so that the same modes written in another order hash the same. */
    static List<String> options(String propagation, String selinux, boolean noCopy) {
        List<String> options = new ArrayList<>();
        if (propagation != null) {
            options.add(propagation);
        }
        if (selinux != null) {
            options.add(selinux);
        }
        if (noCopy) {
            options.add("nocopy");
        }
        return options;
    }

    /** A tmpfs's size, read-only flag and other options; null (reported) when one is not docker's. */
    record Tmpfs(Long size, boolean readOnly, List<String> options) {
    }

    static Tmpfs tmpfs(Node node, String text) {
        Long size = null;
        boolean readOnly = false;
        List<String> options = new ArrayList<>();
        for (String option : text.split(",", -1)) {
            String shown = node.sensitive() ? "(sensitive)" : "'" + option + "'";
            int eq = option.indexOf('=');
            String key = eq < 0 ? option : option.substring(0, eq);
            String value = eq < 0 ? null : option.substring(eq + 1);
            if (option.isEmpty()) {
                continue;
            }
            if (key.equals("size") && value != null) {
                var parsed = ByteSizes.parse(value);
                if (parsed.isEmpty()) {
                    node.expected("PATH[:OPTIONS] with size=" + ByteSizes.EXPECTED);
                    return null;
                }
                size = parsed.getAsLong();
            } else if ((key.equals("ro") || key.equals("rw")) && value == null) {
                readOnly = key.equals("ro");
            } else if (node.sensitive()) {
                // they show in docker inspect, plans and render, so none may come from a secret
                node.report("tmpfs options cannot come from a secret: they show in docker inspect and plans; use a plain value");
                return null;
            } else if (TMPFS_FLAGS.contains(key) && value == null) {
                options.add(option);
            } else if (value != null && valid(key, value)) {
                options.add(option);
            } else {
                String why = value == null || !Set.of("mode", "uid", "gid", "nr_inodes", "nr_blocks", "mpol").contains(key)
                        ? "unsupported tmpfs option " + shown + " (" + TMPFS + ")"
                        : "the tmpfs option " + shown + " has a bad value (mode is octal such as 1777, uid and gid"
                        + " are numbers, nr_inodes and nr_blocks a number with an optional k, m or g)";
                node.report(why);
                return null;
            }
        }
        return new Tmpfs(size, readOnly, options);
    }

    private static boolean valid(String key, String value) {
        return switch (key) {
            case "mode" -> OCTAL_MODE.matcher(value).matches();
            case "uid", "gid" -> ID.matcher(value).matches();
            case "nr_inodes", "nr_blocks" -> COUNT.matcher(value).matches();
            case "mpol" -> MPOL.matcher(value).matches();
            default -> false;
        };
    }
}
