package dev.barge.cli;

import dev.barge.docker.DockerGateway;
import java.io.InputStream;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * What the commands take from the process, passed in so that they read no globals and tests can
 * answer the prompt, name the host and bring their own engine.
 *
 * @param env      the environment
 * @param terminal whether a human can answer prompts
 * @param in       standard input, for the apply prompt
 * @param hostName the host name, the node name when nothing else names it
 * @param engine   connects to the engine the environment names ({@code DOCKER_HOST}, else the default socket)
 */
public record Invocation(Map<String, String> env, boolean terminal, InputStream in, Supplier<String> hostName,
                         Function<Map<String, String>, DockerGateway> engine) {

    public Invocation {
        env = Map.copyOf(env);
        Objects.requireNonNull(in, "in");
        Objects.requireNonNull(hostName, "hostName");
        Objects.requireNonNull(engine, "engine");
    }

    /** The local engine, as {@code docker} finds it. */
    public static Invocation of(Map<String, String> env, boolean terminal, InputStream in, Supplier<String> hostName) {
        return new Invocation(env, terminal, in, hostName, EngineOptions::connect);
    }

    public Invocation withEngine(Function<Map<String, String>, DockerGateway> connect) {
        return new Invocation(env, terminal, in, hostName, connect);
    }

    DockerGateway connect() {
        return engine.apply(env);
    }
}
