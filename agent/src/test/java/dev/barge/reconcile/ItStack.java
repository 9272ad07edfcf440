package dev.barge.reconcile;

import static dev.barge.reconcile.Shell.docker;
import static org.assertj.core.api.Assertions.assertThat;

import dev.barge.Main;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;

/**
 * One stack's config repo in real git (deployment {@code <stack>}, compose file {@code stacks/<stack>/compose.yaml}),
 * an agent config for a node labelled {@code role: it}, and barge run in-process against it: the setup the compose
 * ITs share. The stack's name is the IT's own prefix; {@link #removeAll} removes only what carries it.
 */
final class ItStack {
    record Result(int code, String out, String err) {
    }

    private final String name;
    private final String node;
    private final Path tmp;
    private final Path repo;
    private Path agent;

    private ItStack(String name, String node, Path tmp, Path repo) {
        this.name = name;
        this.node = node;
        this.tmp = tmp;
        this.repo = repo;
    }

    /** A fresh repo under {@code tmp} (after removing what an earlier run of the stack left behind). */
    static ItStack create(Path tmp, String name, String node) throws IOException {
        removeAll(name);
        Path repo = Files.createDirectories(tmp.resolve("repo"));
        Files.createDirectories(repo.resolve("deployments"));
        Files.writeString(repo.resolve("deployments/" + name + ".yaml"), """
                deployment: %s
                match: {role: it}
                stacks:
                  - name: %s
                    compose: stacks/%s/compose.yaml
                    health_timeout: 30s
                """.formatted(name, name, name));
        Shell.git(repo, "init", "-q", "-b", "main");
        ItStack stack = new ItStack(name, node, tmp, repo);
        stack.agent("");
        return stack;
    }

    /** Rewrites the agent config; {@code extra} is appended (e.g. a policy: line). */
    void agent(String extra) throws IOException {
        agent = tmp.resolve("agent.yaml");
        Files.writeString(agent, """
                node: {name: %s, labels: {role: it}}
                source: {url: "file://%s", branch: main, path: .}
                state_dir: %s
                apply: {settle_time: 1s}
                %s
                """.formatted(node, repo, tmp.resolve("state"), extra));
    }

    Path repo() {
        return repo;
    }

    Path state() {
        return tmp.resolve("state");
    }

    /** Writes the stack's compose file and {@code files} (repo paths), and commits them all. */
    void commit(String compose, Map<String, String> files) throws IOException {
        Files.createDirectories(repo.resolve("stacks/" + name));
        Files.writeString(repo.resolve("stacks/" + name + "/compose.yaml"), compose);
        for (Map.Entry<String, String> f : files.entrySet()) {
            Path file = repo.resolve(f.getKey());
            Files.createDirectories(file.getParent());
            Files.writeString(file, f.getValue());
        }
        Shell.commitAll(repo, "change");
    }

    Result barge(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String[] all = Stream.concat(Stream.of(args), Stream.of("--config", agent.toString())).toArray(String[]::new);
        int code = Main.run(all, new PrintWriter(out, true), new PrintWriter(err, true), Map.of("BARGE_LOCK_WAIT", "5s"));
        return new Result(code, out.toString(), err.toString());
    }

    /** {@code apply --auto-approve}, which must succeed. */
    Result apply() {
        Result r = barge("apply", "--auto-approve");
        assertThat(r.code()).as(r.out() + r.err()).isZero();
        return r;
    }

    /** The stack's containers with their anonymous volumes (-v), then its networks and named volumes. */
    static void removeAll(String name) {
        for (String id : docker("ps", "-aq", "--filter", "label=dev.barge.stack=" + name).lines()
                .filter(l -> !l.isBlank()).toList()) {
            docker("rm", "-f", "-v", id);
        }
        Shell.removeStacks(name);
    }
}
