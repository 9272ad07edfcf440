package dev.barge.decrypt;

import dev.barge.BargeException;
import dev.barge.PrivateFiles;
import dev.barge.config.model.AgentConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where a node's age identities come from: the agent config's {@code secrets.age_identities}, command
 * line {@code --identity} files, and the environment variables the sops tool reads ({@code SOPS_AGE_KEY},
 * {@code SOPS_AGE_KEY_FILE}, and the default {@code $XDG_CONFIG_HOME/sops/age/keys.txt} or
 * {@code ~/.config/sops/age/keys.txt}). The environment is a parameter so tests can set it.
 */
public final class Identities {
    public static final String SOPS_AGE_KEY = "SOPS_AGE_KEY";
    public static final String SOPS_AGE_KEY_FILE = "SOPS_AGE_KEY_FILE";

    private Identities() {
    }

    /** The identities of the agent: its configured files, then the sops environment. */
    public static List<AgeIdentity> forAgent(AgentConfig.Secrets secrets, Map<String, String> environment) {
        List<AgeIdentity> identities = new ArrayList<>();
        for (Path file : secrets == null ? List.<Path>of() : secrets.ageIdentities()) {
            PrivateFiles.requireOwnerOnly(file, "age identity (secrets.age_identities)");
            identities.addAll(fromFile(file, "secrets.age_identities"));
        }
        identities.addAll(fromEnvironment(environment));
        return distinct(identities);
    }

    /** The identities of a command: {@code --identity} files, then the sops environment. */
    public static List<AgeIdentity> forCommand(List<Path> identityFiles, Map<String, String> environment) {
        List<AgeIdentity> identities = new ArrayList<>();
        for (Path file : identityFiles) {
            identities.addAll(fromFile(file, "--identity"));
        }
        identities.addAll(fromEnvironment(environment));
        return distinct(identities);
    }

    /** SOPS_AGE_KEY, SOPS_AGE_KEY_FILE and the default keys.txt (only if it exists), in that order. */
    public static List<AgeIdentity> fromEnvironment(Map<String, String> environment) {
        List<AgeIdentity> identities = new ArrayList<>();
        String inline = environment.get(SOPS_AGE_KEY);
        if (inline != null && !inline.isBlank()) {
            identities.addAll(parse(inline, SOPS_AGE_KEY));
        }
        String file = environment.get(SOPS_AGE_KEY_FILE);
        if (file != null && !file.isBlank()) {
            identities.addAll(fromFile(Path.of(file), SOPS_AGE_KEY_FILE));
        }
        Path defaultFile = defaultKeysFile(environment);
        if (defaultFile != null && Files.isRegularFile(defaultFile)) {
            identities.addAll(fromFile(defaultFile, "the default sops key file"));
        }
        return identities;
    }

    /**
     * An identity file's text: one identity per line (several whitespace-separated ones are accepted, as
     * in SOPS_AGE_KEY), '#' comments and blank lines ignored. Post-quantum and plugin identities are
     * skipped: barge cannot use them, and files for them fail with their own message.
     */
    public static List<AgeIdentity> parse(String text, String source) {
        List<AgeIdentity> identities = new ArrayList<>();
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            for (String token : line.split("\\s+")) {
                String upper = token.toUpperCase(java.util.Locale.ROOT);
                if (upper.startsWith("AGE-SECRET-KEY-PQ-") || upper.startsWith("AGE-PLUGIN-")) {
                    continue;
                }
                identities.add(AgeIdentity.parse(token, source + " line " + (i + 1)));
            }
        }
        return identities;
    }

    /** Identities from one file; {@code setting} names what pointed at it, for the message if it is unreadable. */
    public static List<AgeIdentity> fromFile(Path file, String setting) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw BargeException.badInput("age identity file " + file + " (" + setting + ") does not exist:"
                    + " fix the path or create it with `barge secrets keygen -o " + file + "`");
        } catch (AccessDeniedException e) {
            throw BargeException.badInput("age identity file " + file + " (" + setting + ") is not readable by this user:"
                    + " fix its owner or mode (0600)");
        } catch (IOException e) {
            throw BargeException.badInput("age identity file " + file + " (" + setting + ") cannot be read ("
                    + e.getClass().getSimpleName() + "): check that it is a UTF-8 text file");
        }
        return parse(text, file.toString());
    }

    static Path defaultKeysFile(Map<String, String> environment) {
        String xdg = environment.get("XDG_CONFIG_HOME");
        if (xdg != null && !xdg.isBlank()) {
            return Path.of(xdg, "sops", "age", "keys.txt");
        }
        String home = environment.get("HOME");
        return home == null || home.isBlank() ? null : Path.of(home, ".config", "sops", "age", "keys.txt");
    }

    private static List<AgeIdentity> distinct(List<AgeIdentity> identities) {
        Map<String, AgeIdentity> byRecipient = new LinkedHashMap<>();
        identities.forEach(identity -> byRecipient.putIfAbsent(identity.recipient(), identity));
        return List.copyOf(byRecipient.values());
    }
}
