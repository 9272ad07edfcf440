package dev.barge.config.compose;

import dev.barge.config.Problems;
import dev.barge.config.SecretReader;
import dev.barge.config.SourceDocument;
import dev.barge.config.Variable;
import dev.barge.config.model.ComposeProject;
import dev.barge.source.FileTree;
import java.util.Map;

/**
 * Turns a compose mapping into a typed {@link ComposeProject}: interpolates every value, expands short
 * syntax, resolves env_file/configs/secrets from the repo, and reports every problem with file and line.
 */
public final class ComposeParser {

    /**
     * @param stack     the stack (compose project) name, for engine-side names ({@code <stack>_default})
     * @param baseDir   repo-relative directory that relative paths in the compose file are resolved against
     * @param variables values for ${VAR} interpolation; sensitive ones mark the attributes they reach
     * @param tree      the repo, for env_file, configs and secrets files
     * @param secrets   decrypts sops files named by env_file and secrets
     */
    public record Context(String stack, String baseDir, Map<String, Variable> variables, FileTree tree,
                          SecretReader secrets) {
        public Context {
            variables = Map.copyOf(variables);
        }
    }

    private ComposeParser() {
    }

    /**
     * Parses the compose mapping at {@code pointer} of {@code doc} ("" for a whole compose file, or
     * e.g. "/stacks/0/compose" for an inline spec). Problems go to {@code problems}; the result is
     * null when there was any problem in this mapping.
     */
    public static ComposeProject parse(SourceDocument doc, String pointer, Context context, Problems problems) {
        throw new UnsupportedOperationException("the compose helper implements this");
    }
}
