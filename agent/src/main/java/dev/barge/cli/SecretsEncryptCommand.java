package dev.barge.cli;

import dev.barge.decrypt.CryptRule;
import dev.barge.decrypt.EncryptionSettings;
import dev.barge.decrypt.SopsEncryptor;
import dev.barge.decrypt.SopsFormat;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "encrypt",
        description = "Encrypt FILE for the age recipients of the nearest .sops.yaml creation rule (or --age),"
                + " keeping its format. Prints the result unless --in-place.")
final class SecretsEncryptCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "A YAML, JSON, dotenv (.env) or any other (binary) file.")
    Path file;

    @Option(names = "--age", paramLabel = "RECIPIENT", split = ",",
            description = "Encrypt for this age1… recipient (repeatable) instead of the .sops.yaml creation rule.")
    List<String> recipients = new ArrayList<>();

    @Option(names = "--in-place", description = "Replace FILE atomically with the encrypted file.")
    boolean inPlace;

    @Option(names = "--input-type", paramLabel = "TYPE", description = "yaml, json, dotenv or binary (default: from the extension).")
    String inputType;

    @ArgGroup(exclusive = true)
    RuleOptions rule;

    @Option(names = "--mac-only-encrypted", description = "Let unencrypted values change without breaking the MAC.")
    boolean macOnlyEncrypted;

    /** At most one crypt rule; it wins over the creation rule's. */
    static final class RuleOptions {
        @Option(names = "--unencrypted-suffix", paramLabel = "SUFFIX") String unencryptedSuffix;
        @Option(names = "--encrypted-suffix", paramLabel = "SUFFIX") String encryptedSuffix;
        @Option(names = "--unencrypted-regex", paramLabel = "REGEX") String unencryptedRegex;
        @Option(names = "--encrypted-regex", paramLabel = "REGEX") String encryptedRegex;

        CryptRule toRule() {
            if (unencryptedSuffix != null) {
                return new CryptRule(CryptRule.Kind.UNENCRYPTED_SUFFIX, unencryptedSuffix);
            }
            if (encryptedSuffix != null) {
                return new CryptRule(CryptRule.Kind.ENCRYPTED_SUFFIX, encryptedSuffix);
            }
            if (unencryptedRegex != null) {
                return new CryptRule(CryptRule.Kind.UNENCRYPTED_REGEX, unencryptedRegex);
            }
            return new CryptRule(CryptRule.Kind.ENCRYPTED_REGEX, encryptedRegex);
        }
    }

    @Override
    public Integer call() {
        byte[] plain = SecretsFiles.read(file);
        SopsFormat format = inputType != null ? SopsFormat.named(inputType) : SopsFormat.ofPath(file.toString());
        EncryptionSettings settings = EncryptionSettings.resolve(file, recipients, rule == null ? null : rule.toRule(),
                macOnlyEncrypted);
        byte[] encrypted = SopsEncryptor.encrypt(file.toString(), plain, format, settings);
        if (inPlace) {
            SecretsFiles.replaceAtomically(file, encrypted);
        } else {
            spec.commandLine().getOut().print(new String(encrypted, StandardCharsets.UTF_8));
            spec.commandLine().getOut().flush();
        }
        return 0;
    }
}
