package dev.barge.cli;

import dev.barge.BargeException;
import dev.barge.Failure;
import dev.barge.diff.DiffSecrets;
import dev.barge.diff.Differ;
import dev.barge.diff.FleetDiff;
import dev.barge.diff.Side;
import dev.barge.plan.HashKey;
import dev.barge.select.NodeIdentity;
import dev.barge.source.DirectoryTree;
import dev.barge.source.LocalGitRepo;
import dev.barge.source.Snapshot;
import dev.barge.view.Colour;
import dev.barge.view.DiffJson;
import dev.barge.view.DiffView;
import dev.barge.view.Nouns;
import dev.barge.view.Printable;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Shows what a commit changes on every node of the inventory, before it is merged: no Docker, no network. */
@Command(name = "diff", description = {
    "Show what HEAD changes on every node of fleet.yaml compared with BASE, nodes that change alike grouped.",
    "BASE defaults to the merge base with the default branch, HEAD to the working tree (uncommitted edits included);",
    "both may be any commit. --repo DIR twice compares two directories. No Docker, no network.",
    "Exit codes: 0 compared, 2 some node changes with --exit-code, 65 HEAD is invalid."})
final class DiffCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    IdentityOptions identities;

    @Parameters(arity = "0..2", paramLabel = "BASE [HEAD]", description = "Commits (sha, branch, any revision) to compare.")
    List<String> revisions = new ArrayList<>();

    @Option(names = "--repo", paramLabel = "DIR", description = "The checkout (default: the current directory); twice: compare two directories.")
    List<Path> repos = new ArrayList<>();

    @Option(names = "--format", paramLabel = "FORMAT", description = "human (default), markdown (a pull-request comment) or json.")
    String format = "human";

    @Option(names = "--json", description = "Same as --format json (schema/diff.schema.json).")
    boolean json;

    @Option(names = "--exit-code", description = "Exit 2 when some node changes, 0 when none does.")
    boolean exitCode;

    @Option(names = "--node", paramLabel = "NAME", description = "Compare this one node instead of the inventory's.")
    String node;

    @Option(names = "--labels", paramLabel = "K=V[,K=V...]", split = ",", description = "The one node's labels.")
    Map<String, String> labels;

    @Override
    public Integer call() {
        BargeCommand root = BargeCommand.root(spec);
        String shape = json ? "json" : format;
        if (!List.of("human", "markdown", "json").contains(shape)) {
            throw new BargeException(Failure.USAGE, "--format " + format + " is not known: use human, markdown or json");
        }
        DiffSecrets secrets = new DiffSecrets(identities.load(root.env));
        Side[] sides = sides(secrets);
        Optional<NodeIdentity> only = node == null && labels == null ? Optional.empty()
                : Optional.of(new NodeIdentity(node == null ? "node" : node, labels == null ? Map.of() : labels));
        byte[] key = new byte[HashKey.LENGTH];
        new SecureRandom().nextBytes(key);
        FleetDiff diff = Differ.diff(sides[0], sides[1], only, HashKey.of(key), secrets.comparedByFile());
        PrintWriter out = spec.commandLine().getOut();
        switch (shape) {
            case "json" -> out.print(DiffJson.write(diff));
            case "markdown" -> out.print(DiffView.markdown(diff, DiffView.COMMENT_LIMIT));
            default -> {
                if (diff.headInvalid()) {
                    PrintWriter err = spec.commandLine().getErr();
                    diff.headProblems().forEach(p -> err.println(Printable.escape(p.render())));
                    err.println("barge: " + Printable.escape(diff.head()) + " is invalid (" + Nouns.count(diff.headProblems().size(),
                            "problem") + "): fix them and run barge diff again");
                } else {
                    out.print(DiffView.human(diff, Colour.enabled(root.env, root.terminal)));
                }
            }
        }
        out.flush();
        if (diff.headInvalid()) {
            return Failure.BAD_INPUT.exitCode();
        }
        return exitCode && diff.hasChanges() ? 2 : 0;
    }

    /** BASE and HEAD, read from git or the directories named. */
    private Side[] sides(DiffSecrets secrets) {
        if (repos.size() > 2 || repos.size() == 2 && !revisions.isEmpty()) {
            throw new BargeException(Failure.USAGE, "give two --repo directories, or one checkout and up to two commits");
        }
        if (repos.size() == 2) {
            return new Side[] {Side.load(repos.get(0).toString(), new DirectoryTree(repos.get(0)), secrets),
                Side.load(repos.get(1).toString(), new DirectoryTree(repos.get(1)), secrets)};
        }
        Path dir = repos.isEmpty() ? Path.of(".") : repos.get(0);
        LocalGitRepo git = new LocalGitRepo(dir, ".", null);
        Snapshot base = revisions.isEmpty() ? git.mergeBase("HEAD") : git.at(revisions.get(0));
        Side head = revisions.size() == 2 ? commit(git.at(revisions.get(1)), secrets)
                : Side.load("working tree", new DirectoryTree(dir), secrets);
        return new Side[] {commit(base, secrets), head};
    }

    private static Side commit(Snapshot snapshot, DiffSecrets secrets) {
        return Side.load(snapshot.shortCommit(), snapshot.tree(), secrets);
    }
}
