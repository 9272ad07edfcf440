package dev.barge.reconcile;

import dev.barge.BargeException;
import dev.barge.Failure;
import dev.barge.config.SecretReader;
import dev.barge.config.model.AgentConfig;
import dev.barge.docker.ActualState;
import dev.barge.docker.DockerGateway;
import dev.barge.plan.HashKey;
import dev.barge.plan.Plan;
import dev.barge.plan.PlanOptions;
import dev.barge.plan.Planner;
import dev.barge.plan.PriorState;
import dev.barge.record.NodeState;
import dev.barge.record.StateStore;
import dev.barge.select.NodeSlice;
import dev.barge.source.DirectoryTree;
import dev.barge.source.GitSource;
import dev.barge.source.LocalGitRepo;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The only place that sequences the pipeline's stages: source → decrypt/config → select → observe →
 * plan (→ apply → record). Each stage hands the next an immutable value.
 */
public final class Reconciler {
    private final Optional<AgentConfig> agent;
    private final StateStore store;
    private final DockerGateway docker;
    private final SecretReader secrets;

    public Reconciler(Optional<AgentConfig> agent, Map<String, String> env, StateStore store, DockerGateway docker) {
        this.agent = agent;
        this.store = store;
        this.docker = docker;
        this.secrets = SecretReaders.forNode(agent, env);
    }

    public Planned plan(PlanRequest request) {
        // source: the commit (or local directory) to plan
        Checkout checkout = checkout(request);
        // decrypt + config: the repo's desired state, secrets in memory only
        Desired desired = Desired.load(checkout.tree(), secrets, agent);
        // select: the stacks of this node, each with why
        NodeSlice slice = desired.select(request.node());
        // observe: what barge owns in the engine, and the local images the slice names
        ActualState actual = docker.observe(imageRefs(slice));
        // plan: pure, against what barge last recorded
        NodeState state = store.read();
        Plan plan = new Planner(HashKey.of(store.hashKey())).plan(slice, actual,
                new PriorState(state.appliedCommit(), state.specHashes()),
                new PlanOptions(checkout.commit(), request.allowEmpty()));
        return new Planned(checkout, slice, actual, plan);
    }

    private Checkout checkout(PlanRequest request) {
        if (request.repo() != null && request.commit() == null) {
            return new Checkout(new DirectoryTree(request.repo()), Optional.empty());
        }
        if (request.repo() != null) {
            AgentConfig.Verify verify = agent.flatMap(a -> Optional.ofNullable(a.source())).map(AgentConfig.Source::verify).orElse(null);
            var snapshot = new LocalGitRepo(request.repo(), ".", verify).at(request.commit());
            return new Checkout(snapshot.tree(), Optional.of(snapshot));
        }
        AgentConfig.Source source = agent.map(AgentConfig::source).orElseThrow(() -> new BargeException(Failure.USAGE,
                "no config source: pass --repo DIR, or --config with an agent config that has source.url"));
        GitSource git = new GitSource(source, store.dir());
        var snapshot = request.commit() == null ? git.fetch() : git.at(request.commit());
        return new Checkout(snapshot.tree(), Optional.of(snapshot));
    }

    private static Set<String> imageRefs(NodeSlice slice) {
        Set<String> refs = new TreeSet<>();
        slice.stacks().forEach(s -> s.stack().project().services().values().forEach(svc -> refs.add(svc.image())));
        return refs;
    }
}
