package dev.barge.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** A local config repo: {@code --repo DIR} or a positional DIR, the current directory by default. */
final class RepoOptions {
    @Option(names = "--repo", paramLabel = "DIR", description = "A local config repo, read as it is (uncommitted edits included).")
    Path repo;

    @Parameters(index = "0", arity = "0..1", paramLabel = "DIR", description = "Same as --repo.")
    Path positional;

    Path repoOrCurrent() {
        if (repo != null && positional != null && !repo.equals(positional)) {
            throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this),
                    "both --repo " + repo + " and " + positional + " given: pass one");
        }
        return repo != null ? repo : positional != null ? positional : Path.of(".");
    }
}
