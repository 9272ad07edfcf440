package dev.barge.config;

import dev.barge.config.model.BargeSettings;
import dev.barge.config.model.Deployment;
import dev.barge.config.model.DesiredState;
import dev.barge.config.model.Origin;
import dev.barge.config.model.StackSpec;
import dev.barge.tree.FileTree;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * A repo's deployments as declared and schema-checked, before any compose file is read or any secret
 * decrypted: enough to decide which deployments are a node's. {@link #resolve} then reads and decrypts
 * only those, so that a node needs the keys of its own environment and no other's.
 */
public final class Declarations {
    private final FileTree tree;
    private final List<DeclaredDeployment> declared;
    private final Problems problems;

    Declarations(FileTree tree, List<DeclaredDeployment> declared, Problems problems) {
        this.tree = tree;
        this.declared = List.copyOf(declared);
        this.problems = problems;
    }

    /** Every deployment as declared, with its match and nodes but no stacks yet (nothing is resolved). */
    public List<Deployment> deployments() {
        return declared.stream().map(d -> deployment(d, List.of())).toList();
    }

    /**
     * Reads barge.yaml's settings and the compose files, env files and compose secrets of the deployments
     * {@code which} accepts, decrypting through {@code secrets}; the others keep their match and no stacks.
     *
     * @throws InvalidConfigException carrying every problem found, the declarations' own included
     * @throws dev.barge.BargeException REFUSED when an encrypted file of a resolved deployment cannot be decrypted
     */
    public DesiredState resolve(SecretReader secrets, Predicate<Deployment> which) {
        Problems all = new Problems();
        all.addAll(problems.list());
        BargeSettings settings = BargeSettingsReader.read(tree, secrets, all);
        StackBuilder builder = new StackBuilder(tree, secrets, settings);
        List<Deployment> deployments = new ArrayList<>();
        for (DeclaredDeployment d : declared) {
            Deployment unresolved = deployment(d, List.of());
            if (!which.test(unresolved)) {
                deployments.add(unresolved);
                continue;
            }
            List<StackSpec> stacks = new ArrayList<>();
            for (DeclaredStack stack : d.stacks()) {
                stacks.add(builder.build(stack, unresolved.name(), all));
            }
            deployments.add(deployment(d, stacks));
        }
        all.throwIfAny();
        return new DesiredState(settings, deployments);
    }

    private static Deployment deployment(DeclaredDeployment d, List<StackSpec> stacks) {
        Origin origin = new Origin(d.doc().file(), d.doc().lineOf(d.namePointer()));
        return new Deployment(d.name() == null ? "" : d.name(), d.match(), d.nodes(), stacks, origin);
    }
}
