package dev.barge.cli;

import dev.barge.decrypt.AgeIdentity;
import dev.barge.decrypt.Identities;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/** Where a secrets command finds age identities: {@code --identity} files, then the sops environment. */
final class IdentityOptions {
    @Option(names = "--identity", paramLabel = "FILE",
            description = "An age identity file (repeatable). SOPS_AGE_KEY, SOPS_AGE_KEY_FILE and"
                    + " ~/.config/sops/age/keys.txt are read as well.")
    List<Path> files = new ArrayList<>();

    List<AgeIdentity> load(Map<String, String> environment) {
        return Identities.forCommand(files, environment);
    }
}
