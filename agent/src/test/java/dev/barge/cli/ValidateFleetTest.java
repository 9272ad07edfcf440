package dev.barge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.barge.diff.FleetRepo;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code barge validate} checks fleet.yaml and the node names deployments list against it. */
class ValidateFleetTest {
    @TempDir
    Path tmp;

    @Test
    void aNodeNameTheInventoryDoesNotKnowIsAWarning() {
        FleetRepo.twentyNodes(tmp).write("deployments/pinned.yaml", "deployment: pinned\nnodes: [stage-1, stage-9]\nstacks: []\n");

        CliTest.Run run = CliTest.run("validate", tmp.toString());

        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.err()).contains("barge: warning: deployments/pinned.yaml:1: deployment pinned names node stage-9,"
                + " which fleet.yaml does not list").doesNotContain("stage-1,");
    }

    @Test
    void anInvalidInventoryIsRefusedWithItsLine() {
        FleetRepo.twentyNodes(tmp).write("fleet.yaml", "nodes:\n  - name: vm-1\n  - name: vm-1\n    labelz: {}\n");

        CliTest.Run run = CliTest.run("validate", tmp.toString());

        assertThat(run.code()).isEqualTo(65);
        assertThat(run.err()).contains("fleet.yaml:4: unknown key 'labelz'");
    }
}
