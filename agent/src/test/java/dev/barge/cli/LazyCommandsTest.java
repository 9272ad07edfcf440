package dev.barge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue 13 (fast start): picocli reads only the command a command line names; --help, a typo or no
 * command still see every command.
 */
class LazyCommandsTest {

    private static String run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        BargeCommand.run(args, new PrintWriter(out, true), new PrintWriter(err, true),
                Invocation.of(Map.of("NO_COLOR", "1"), false, new ByteArrayInputStream(new byte[0]), () -> "host-1"));
        return out + err.toString();
    }

    @Test
    void aNamedCommandIsTheOnlyOneBuilt() {
        assertThat(BargeCommand.commandsFor(new String[] {"version"})).containsExactly(VersionCommand.class);
        assertThat(BargeCommand.commandsFor(new String[] {"--debug", "plan", "--config", "x.yaml"}))
                .containsExactly(PlanCommand.class);
    }

    @Test
    void helpATypoOrNoCommandSeeEveryCommand() {
        assertThat(BargeCommand.commandsFor(new String[] {"--help"})).isEqualTo(BargeCommand.COMMANDS);
        assertThat(BargeCommand.commandsFor(new String[] {"plam"})).isEqualTo(BargeCommand.COMMANDS);
        assertThat(BargeCommand.commandsFor(new String[0])).isEqualTo(BargeCommand.COMMANDS);
        assertThat(run("--help")).contains("version", "validate", "plan", "apply", "rollback", "secrets");
        assertThat(run("plam")).contains("Unmatched argument at index 0: 'plam'");
    }

    @Test
    void theInheritedDebugOptionReachesACommandAddedAlone() {
        assertThat(run("plan", "--help")).contains("--debug");
        assertThat(run("version")).startsWith("barge ");
        assertThat(run("secrets", "keygen", "--help")).contains("--debug");
    }

    @Test
    void versionAnsweredWithoutPicocliPrintsWhatTheVersionCommandPrints() {
        assertThat(run("version")).isEqualTo(run("version", "--debug")).matches("barge \\S+ \\(commit \\S+, Java .+\\)\n");
    }
}
