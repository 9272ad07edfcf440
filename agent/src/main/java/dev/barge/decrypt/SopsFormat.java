package dev.barge.decrypt;

import dev.barge.BargeException;
import dev.barge.Failure;
import java.util.Locale;

/** The sops store a file is read and written with; chosen from the file name as sops does, or named explicitly. */
public enum SopsFormat {
    YAML,
    JSON,
    DOTENV,
    /** Any other file: its whole content is the single value {@code data}, stored as sops JSON. */
    BINARY;

    /** The store sops picks for {@code path}: .yaml/.yml, .json, .env, anything else is binary. */
    public static SopsFormat ofPath(String path) {
        String name = path.toLowerCase(Locale.ROOT);
        if (name.endsWith(".yaml") || name.endsWith(".yml")) {
            return YAML;
        }
        if (name.endsWith(".json")) {
            return JSON;
        }
        if (name.endsWith(".env")) {
            return DOTENV;
        }
        return BINARY;
    }

    /** A store named on the command line ({@code --input-type}): yaml, json, dotenv (or env), binary. */
    public static SopsFormat named(String name) {
        switch (name.toLowerCase(Locale.ROOT)) {
            case "yaml":
            case "yml":
                return YAML;
            case "json":
                return JSON;
            case "dotenv":
            case "env":
                return DOTENV;
            case "binary":
                return BINARY;
            default:
                throw new BargeException(Failure.USAGE, "unknown input type '" + name
                        + "': use one of yaml, json, dotenv, binary");
        }
    }

    String displayName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
