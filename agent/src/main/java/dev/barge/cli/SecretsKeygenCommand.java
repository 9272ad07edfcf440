package dev.barge.cli;

import dev.barge.decrypt.KeyGen;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "keygen",
        description = "Generate an age X25519 identity. With -o, write it to FILE (mode 0600, never overwriting)"
                + " and print its recipient; without, print the identity file.")
final class SecretsKeygenCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write the identity here (e.g. /etc/barge/age.key).")
    Path output;

    @Override
    public Integer call() {
        KeyGen.GeneratedKey key = KeyGen.generate(Clock.systemUTC());
        if (output != null) {
            SecretsFiles.createPrivate(output, key.fileText());
            spec.commandLine().getOut().println(key.recipient());
        } else {
            spec.commandLine().getOut().print(key.fileText());
        }
        spec.commandLine().getOut().flush();
        return 0;
    }
}
