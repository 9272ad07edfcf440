package dev.barge.diff;

import dev.barge.BargeException;
import dev.barge.config.ConfigLoader;
import dev.barge.config.FleetReader;
import dev.barge.config.InvalidConfigException;
import dev.barge.config.Problem;
import dev.barge.config.SecretReader;
import dev.barge.config.model.DesiredState;
import dev.barge.config.model.Fleet;
import dev.barge.tree.FileTree;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One side of a diff, a commit or a directory, read and checked as {@code validate} reads a repo: every
 * deployment resolved (a pull request's CI holds no node's key, so secrets may be stand-ins, see
 * {@link DiffSecrets}), and the inventory. {@code state} is empty when the config is invalid.
 *
 * @param label    what the side is, for people: a short sha, or "working tree"
 * @param problems everything wrong with the config or the inventory, as validate reports it
 */
public record Side(String label, Optional<DesiredState> state, Optional<Fleet> fleet, List<Problem> problems) {
    public Side {
        problems = List.copyOf(problems);
    }

    public static Side load(String label, FileTree tree, SecretReader secrets) {
        List<Problem> problems = new ArrayList<>();
        Optional<DesiredState> state = Optional.empty();
        try {
            state = Optional.of(ConfigLoader.load(tree, secrets));
        } catch (InvalidConfigException e) {
            problems.addAll(e.problems());
        } catch (BargeException e) {
            problems.add(new Problem(label, 0, "", e.getMessage()));
        }
        Optional<Fleet> fleet = Optional.empty();
        try {
            fleet = FleetReader.read(tree);
        } catch (InvalidConfigException e) {
            problems.addAll(e.problems());
        }
        return new Side(label, problems.isEmpty() ? state : Optional.empty(), fleet, problems.stream().sorted().toList());
    }

    public boolean valid() {
        return state.isPresent();
    }
}
