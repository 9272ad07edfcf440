package dev.barge.cli;

import dev.barge.BargeException;
import dev.barge.Failure;
import dev.barge.config.SecretReader;
import dev.barge.config.model.AgentConfig;
import dev.barge.notify.Notifier;
import dev.barge.reconcile.Agent;
import dev.barge.reconcile.SecretReaders;
import dev.barge.reconcile.AgentLog;
import dev.barge.reconcile.Triggers;
import dev.barge.metrics.AgentMetrics;
import dev.barge.reconcile.Outcome;
import dev.barge.record.StateStore;
import dev.barge.server.AgentServer;
import dev.barge.server.ApiToken;
import dev.barge.server.Endpoints;
import dev.barge.server.NodeView;
import dev.barge.server.Readiness;
import dev.barge.server.WebhookSecret;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import sun.misc.Signal;

/**
 * {@code barge agent}: runs in the foreground until SIGTERM or SIGINT, logging one line per event to
 * stderr. On a signal the step under way finishes, the lock is released and it exits 0; a step that
 * would take longer than {@link #STOP_GRACE} is abandoned (the next start carries out an interrupted
 * replace again, as after a crash).
 */
@Command(name = "agent", description = {
    "Run the agent in the foreground: keep this node at the head of its branch (poll, webhooks, engine events),",
    "correct drift, and roll back by itself when a new commit fails. Stops on SIGTERM/SIGINT."})
final class AgentCommand implements Callable<Integer> {
    static final Duration STOP_GRACE = Duration.ofSeconds(25);

    @Spec
    CommandSpec spec;
    @Mixin
    NodeOptions nodeOptions;
    @Mixin
    EngineOptions engine;
    @Option(names = "--log-format", paramLabel = "FORMAT", defaultValue = "text",
            description = "text (default: one line per event; no time prefix under systemd, journald adds it) or json"
                    + " (one JSON object per line, for log shippers).")
    String logFormat;

    @Override
    public Integer call() throws InterruptedException {
        BargeCommand root = BargeCommand.root(spec);
        AgentLog.Format format = switch (logFormat) {
            case "text" -> AgentLog.Format.TEXT;
            case "json" -> AgentLog.Format.JSON;
            default -> throw new BargeException(Failure.USAGE, "--log-format " + logFormat + " is not known: use text or json");
        };
        Optional<AgentConfig> agent = nodeOptions.agentConfig();
        AgentConfig config = agent.orElseThrow(() -> new BargeException(Failure.USAGE, "barge agent needs an agent"
                + " config: pass --config FILE or create " + AgentConfig.DEFAULT_PATH));
        if (config.source() == null) {
            throw new BargeException(Failure.USAGE, "barge agent needs source.url in the agent config: the agent"
                    + " follows a git branch (barge apply --repo applies a directory by hand)");
        }
        Clock clock = Clock.systemUTC();
        AgentConfig.Server server = config.server() != null ? config.server()
                : new AgentConfig.Server(AgentConfig.Server.DEFAULT_LISTEN, null);
        SecretReader sops = SecretReaders.forNode(agent, BargeCommand.root(spec).env);
        WebhookSecret secret = server.webhookSecretFile() == null ? null
                : WebhookSecret.read(server.webhookSecretFile(), decrypted(sops, server.webhookSecretFile()));
        ApiToken token = server.tokenFile() == null ? null : ApiToken.read(server.tokenFile(), decrypted(sops, server.tokenFile()));
        var node = nodeOptions.identityOrHost(agent);
        AgentLog[] logged = new AgentLog[1];
        Notifier notifier = Notifier.start(config.notifications(), node.name(), clock,
                file -> Notifier.SECRET.read(file, decrypted(sops, file)).getBytes(java.nio.charset.StandardCharsets.UTF_8), line -> logged[0].warn(line));
        boolean journal = AgentLog.underJournal(root.env);
        if (journal) {
            // the libraries' warnings (slf4j-simple, configured on first use, which is later) are stamped by journald too
            System.setProperty("org.slf4j.simpleLogger.showDateTime", "false");
        }
        AgentLog log = new AgentLog(spec.commandLine().getErr(), clock, format, journal, notifier);
        logged[0] = log;
        boolean debug = root.debug;
        Thread.setDefaultUncaughtExceptionHandler((thread, e) -> {
            if (debug) {
                e.printStackTrace(spec.commandLine().getErr());
            }
            // never the exception's text: it may quote input; --debug shows it
            log.write(AgentLog.Level.ERROR, "internal error in barge's " + thread.getName() + " thread: please report it"
                    + " with the agent's log run with --debug", Map.of());
        });
        Triggers triggers = Triggers.system(config.source().pollInterval());
        AgentMetrics metrics = new AgentMetrics(appliedAt(engine.store(agent)));
        Readiness readiness = new Readiness(clock, config.source().pollInterval());
        Endpoints endpoints = new Endpoints(metrics, readiness);
        Consumer<Outcome> outcomes = metrics.andThen(readiness).andThen(notifier);
        CountDownLatch done = new CountDownLatch(1);
        Agent[] running = new Agent[1];
        Runnable stop = () -> {
            log.line("stopping: the step under way finishes first");
            triggers.stop();
            Thread watchdog = new Thread(() -> {
                try {
                    if (!done.await(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                        log.line("the step under way did not finish within " + STOP_GRACE.toSeconds() + "s: exiting;"
                                + " the next start carries out an interrupted replace again");
                        Runtime.getRuntime().halt(0);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "barge-stop-watchdog");
            watchdog.setDaemon(true);
            watchdog.start();
        };
        Signal.handle(new Signal("TERM"), signal -> stop.run());
        Signal.handle(new Signal("INT"), signal -> stop.run());
        try (AgentServer http = AgentServer.start(server.listen(), token, secret, branch(config), triggers::submit,
                log::line, endpoints)) {
            Optional<EngineOptions.Session> opened = connect(root, agent, log, triggers);
            if (opened.isEmpty()) {
                return 0;
            }
            try (EngineOptions.Session session = opened.get()) {
                var settings = EngineOptions.settings(agent, root.env);
                log.line("barge " + BargeCommand.version() + " agent started (pid " + ProcessHandle.current().pid() + "): node "
                        + node.name() + ", " + session.reconciler().source().describe() + ", poll every "
                        + config.source().pollInterval().toSeconds() + "s ±10%, webhooks on " + server.listen()
                        + (secret == null ? " off (no server.webhook_secret_file)" : "") + ", on_failure "
                        + config.onFailure().name().toLowerCase(java.util.Locale.ROOT)
                        + (notifier.targets() == 0 ? "" : ", notifications to " + notifier.targets() + " target"
                                + (notifier.targets() == 1 ? "" : "s")));
                running[0] = new Agent(config.onFailure(), session.reconciler(), session.store(), session.docker(), node,
                        triggers, settings.scope(), log, clock, server.listen(), outcomes, metrics);
                endpoints.attach(new NodeView(node, session.store(), session.docker(),
                        session.reconciler().source().describe(), running[0]::snapshot, running[0]::head, readiness,
                        settings.scope()::covers, clock));
                running[0].run();
            }
        } finally {
            notifier.close();
            done.countDown();
        }
        log.line("stopped");
        return 0;
    }

    /** Opens the engine, waiting (logged once) while it is down; empty when stopped meanwhile. */
    private Optional<EngineOptions.Session> connect(BargeCommand root, Optional<AgentConfig> agent, AgentLog log,
                                                    Triggers triggers) throws InterruptedException {
        Duration pause = Duration.ofSeconds(2);
        boolean told = false;
        while (!triggers.stopped()) {
            try {
                EngineOptions.Session session = engine.open(root, agent, null);
                if (told) {
                    log.line("engine available: starting");
                }
                return Optional.of(session);
            } catch (BargeException e) {
                if (e.failure() != Failure.RETRY_LATER) {
                    throw e;
                }
                if (!told) {
                    log.line("engine unavailable at start: " + e.getMessage() + "; retrying");
                    told = true;
                }
                Thread.sleep(pause.toMillis());
                pause = pause.multipliedBy(2).compareTo(Duration.ofSeconds(30)) > 0 ? Duration.ofSeconds(30)
                        : pause.multipliedBy(2);
            }
        }
        return Optional.empty();
    }

    /** When the node last applied a commit, for the metric; null when unknown (the engine session reports why). */
    private static java.time.Instant appliedAt(StateStore store) {
        try {
            return store.read().appliedAt();
        } catch (BargeException e) {
            return null;
        }
    }

    /** The values of a sops-encrypted key file, empty for a plain one. */
    private static Function<byte[], Optional<Map<String, String>>> decrypted(SecretReader sops, Path file) {
        return content -> sops.isEncrypted(file.toString(), content)
                ? Optional.of(sops.variables(file.toString(), content)) : Optional.empty();
    }

    private static String branch(AgentConfig config) {
        String b = config.source().branch();
        return b == null || b.isBlank() ? "main" : b.strip();
    }
}
