package dev.barge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.barge.diff.FleetRepo;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code barge diff} from the packaged jar in a real git checkout with two branches. No Docker. */
class DiffIT {
    @TempDir
    Path tmp;

    @Test
    void theDefaultBaseIsTheMergeBaseWithMainAndTheHeadTheWorkingTree() {
        DiffRepos repos = DiffRepos.create(tmp);
        Path work = repos.checkout(tmp.resolve("work"), "change");

        DiffRepos.Result md = DiffRepos.barge(work, "diff", "--format", "markdown");

        assertThat(md.code()).as(md.out()).isZero();
        assertThat(md.out()).startsWith("### barge diff: 3 of 20 nodes change\n")
                .contains("`" + repos.mergeBase.substring(0, 7) + "` → `working tree` · 17 nodes unchanged")
                .contains("<details><summary>3 nodes: stage-1, stage-2, stage-3</summary>")
                .contains("~ environment.LOG_LEVEL: \"info\" -> \"debug\"")
                .as("main's later change to mars is not this branch's").doesNotContain("mars").doesNotContain("extra");

        DiffRepos.Result exit = DiffRepos.barge(work, "diff", "--exit-code");
        assertThat(exit.code()).as(exit.out()).isEqualTo(2);
        assertThat(exit.out()).contains("3 nodes: stage-1, stage-2, stage-3").contains("3 of 20 nodes change, 17 unchanged.");

        // an uncommitted edit is part of the head
        new FleetRepo(work).write("deployments/mars.yaml", "deployment: mars\nmatch: {client: mars}\nstacks: []\n");
        DiffRepos.Result edited = DiffRepos.barge(work, "diff", "--format", "markdown", "--exit-code");
        assertThat(edited.code()).as(edited.out()).isEqualTo(2);
        assertThat(edited.out()).startsWith("### barge diff: 8 of 20 nodes change\n")
                .contains("<details><summary>5 nodes: mars-1, mars-2, mars-3, mars-4, mars-5</summary>")
                .contains("- stack status (removed)");
    }

    @Test
    void twoCommitsAreComparedAsGivenAndAnInvalidHeadExits65() {
        DiffRepos repos = DiffRepos.create(tmp);
        Path work = repos.checkout(tmp.resolve("work"), "change");

        DiffRepos.Result same = DiffRepos.barge(work, "diff", "--exit-code", "HEAD", "HEAD");
        assertThat(same.code()).as(same.out()).isZero();
        assertThat(same.out()).contains("No changes: none of 20 nodes change.");

        DiffRepos.Result tip = DiffRepos.barge(work, "diff", "--json", "origin/change", "origin/main");
        assertThat(tip.code()).as(tip.out()).isZero();
        assertThat(tip.out()).contains("\"format_version\": \"1\"").contains("\"stacks_added\": [\n        \"extra\"");

        new FleetRepo(work).write("deployments/mars.yaml", "deployment: mars\nstackz: []\n");
        DiffRepos.Result invalid = DiffRepos.barge(work, "diff", "--format", "markdown");
        assertThat(invalid.code()).as(invalid.out()).isEqualTo(65);
        assertThat(invalid.out()).contains("### barge diff: the head working tree is invalid")
                .contains("deployments/mars.yaml:2: unknown key 'stackz'");
        DiffRepos.Result human = DiffRepos.barge(work, "diff");
        assertThat(human.code()).isEqualTo(65);
        assertThat(human.out()).contains("deployments/mars.yaml:2: unknown key 'stackz'").contains("barge: working tree is invalid");
    }
}
