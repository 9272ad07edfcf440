package dev.barge.cli;

import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code barge secrets}: sops files for age recipients; decryption happens in memory only. */
@Command(name = "secrets",
        description = "Encrypt, decrypt and re-key sops files for age recipients. Decryption happens in memory only.",
        subcommands = {SecretsEncryptCommand.class, SecretsDecryptCommand.class, SecretsUpdateKeysCommand.class,
            SecretsKeygenCommand.class})
public final class SecretsCommand implements Runnable {
    private final Map<String, String> environment;

    @Spec
    CommandSpec spec;

    /** Under barge: the environment {@code Main} handed the root command. */
    public SecretsCommand() {
        this.environment = null;
    }

    /** With an explicit environment (SOPS_AGE_KEY, SOPS_AGE_KEY_FILE, HOME, XDG_CONFIG_HOME), for tests. */
    public SecretsCommand(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    Map<String, String> environment() {
        return environment != null ? environment : BargeCommand.root(spec).env;
    }

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "name a subcommand: encrypt, decrypt, updatekeys or keygen");
    }
}
