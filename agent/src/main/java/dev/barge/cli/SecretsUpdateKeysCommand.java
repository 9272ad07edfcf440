package dev.barge.cli;

import dev.barge.BargeException;
import dev.barge.decrypt.AgeIdentity;
import dev.barge.decrypt.CreationRules;
import dev.barge.decrypt.KeyUpdater;
import dev.barge.decrypt.SopsFormat;
import java.io.PrintWriter;
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

@Command(name = "updatekeys",
        description = "Re-wrap each FILE's data key for the age recipients its .sops.yaml creation rule names now,"
                + " without touching any value: this is how a new VM gets access.")
final class SecretsUpdateKeysCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @ParentCommand
    SecretsCommand parent;

    @Parameters(paramLabel = "FILE", arity = "1..*", description = "sops-encrypted files.")
    List<Path> files;

    @Option(names = "--input-type", paramLabel = "TYPE", description = "yaml, json, dotenv or binary (default: from the extension).")
    String inputType;

    @Mixin
    IdentityOptions identities;

    @Override
    public Integer call() {
        List<AgeIdentity> ids = identities.load(parent.environment());
        PrintWriter out = spec.commandLine().getOut();
        for (Path file : files) {
            List<String> recipients = CreationRules.find(file)
                    .orElseThrow(() -> BargeException.badInput("no " + CreationRules.FILE_NAME + " found in the directories above "
                            + file + ": updatekeys takes the recipients from its creation rules"))
                    .settingsFor(file).ageRecipients();
            SopsFormat format = inputType != null ? SopsFormat.named(inputType) : SopsFormat.ofPath(file.toString());
            KeyUpdater.Result result = KeyUpdater.update(file.toString(), SecretsFiles.read(file), format, ids, recipients);
            if (result.changed()) {
                SecretsFiles.replaceAtomically(file, result.content());
                out.println(file + ": added " + names(result.added()) + "; removed " + names(result.removed()));
            } else {
                out.println(file + ": already encrypted for the recipients of its creation rule");
            }
        }
        out.flush();
        return 0;
    }

    private static String names(List<String> recipients) {
        return recipients.isEmpty() ? "none" : String.join(", ", recipients);
    }
}
