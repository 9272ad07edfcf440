package dev.barge.cli;

import dev.barge.decrypt.AgeIdentity;
import dev.barge.decrypt.SopsDecryptor;
import dev.barge.decrypt.SopsFormat;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "decrypt",
        description = "Decrypt FILE in memory, verify its MAC and print it (or one value) to stdout. Never writes a file.")
final class SecretsDecryptCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @ParentCommand
    SecretsCommand parent;

    @Parameters(paramLabel = "FILE", description = "A sops-encrypted file.")
    Path file;

    @Option(names = "--extract", paramLabel = "PATH", description = "Print only this value or subtree, e.g. '[\"db\"][\"password\"]'.")
    String extract;

    @Option(names = "--input-type", paramLabel = "TYPE", description = "yaml, json, dotenv or binary (default: from the extension).")
    String inputType;

    @Mixin
    IdentityOptions identities;

    @Override
    public Integer call() {
        byte[] content = SecretsFiles.read(file);
        SopsFormat format = inputType != null ? SopsFormat.named(inputType) : SopsFormat.ofPath(file.toString());
        List<AgeIdentity> ids = identities.load(parent.environment());
        byte[] plain = extract == null
                ? SopsDecryptor.decrypt(file.toString(), content, format, ids)
                : SopsDecryptor.extract(file.toString(), content, format, ids, extract);
        spec.commandLine().getOut().print(new String(plain, StandardCharsets.UTF_8));
        spec.commandLine().getOut().flush();
        return 0;
    }
}
