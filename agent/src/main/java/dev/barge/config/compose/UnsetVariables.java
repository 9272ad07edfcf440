package dev.barge.config.compose;

import java.util.Map;

/**
 * Where an unset variable ({@code ${VAR}} with VAR unset and no default) is refused rather than warned
 * about as Compose does: where an empty string silently changes what runs ({@code image: busybox:${TAG}}
 * pulls {@code busybox:}, {@code ${DATA}/db:/db} binds {@code /db}).
 */
final class UnsetVariables {
    /** Service keys whose every string is refused with an unset variable, and how a message names them. */
    private static final Map<String, String> REFUSED = Map.of(
            "image", "the image",
            "container_name", "the container name",
            "ports", "a port",
            "volumes", "a volume path");

    private UnsetVariables() {
    }

    /**
     * What the value at {@code relative} (a JSON pointer below the compose mapping) is, in a message,
     * when an unset variable there is an error; null when it is a warning.
     */
    static String refusedIn(String relative) {
        String[] segments = relative.split("/", -1);
        // "", "services", <name>, <key>, ...
        if (segments.length >= 4 && segments[1].equals("services")) {
            return REFUSED.get(segments[3]);
        }
        return null;
    }

    static String error(String name, String landing) {
        return "variable " + name + " is not set, and " + landing + " would take an empty string in its place:"
                + " set " + name + " (the stack's env, env_files or the .env beside the compose file),"
                + " or write ${" + name + ":-default}";
    }

    static String warning(String name) {
        return "variable " + name + " is not set: it is read as an empty string, as Compose does;"
                + " set it, or write ${" + name + ":-} to make the empty value explicit";
    }
}
