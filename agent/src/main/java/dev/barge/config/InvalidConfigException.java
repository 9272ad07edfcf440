package dev.barge.config;

import dev.barge.BargeException;
import dev.barge.Failure;
import java.util.List;

/** The repository or a file in it is invalid; carries every problem found, not only the first. */
public final class InvalidConfigException extends BargeException {
    private static final long serialVersionUID = 1L;

    private final transient List<Problem> problems;

    public InvalidConfigException(List<Problem> problems) {
        super(Failure.BAD_INPUT, summary(problems));
        this.problems = problems.stream().sorted().toList();
    }

    public List<Problem> problems() {
        return problems;
    }

    private static String summary(List<Problem> problems) {
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("an InvalidConfigException needs at least one problem");
        }
        if (problems.size() == 1) {
            return "invalid config: " + problems.get(0).render();
        }
        return "invalid config: " + problems.size() + " problems, first: " + problems.stream().sorted().findFirst().orElseThrow().render();
    }
}
