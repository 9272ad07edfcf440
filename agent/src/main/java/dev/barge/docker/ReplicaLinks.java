package dev.barge.docker;

import dev.barge.config.model.ServiceSpec;
import dev.barge.config.model.ServiceSpec.NetworkAttachment;
import dev.barge.config.model.StackSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code links} to a service with {@code deploy.replicas} above 1. Compose links the linking container to
 * every replica under the alias, but the engine keeps one container per link alias, so the alias would
 * reach one replica only. barge gives the alias to every replica instead, as a network alias on the
 * networks it shares with the linking service: the engine's DNS then answers with every replica's address,
 * as it does for the service's own name. The alias is then visible to the other containers on those
 * networks too, not only to the linking one. An alias another service of the stack already answers to
 * on such a network stays an engine link to replica 1, so that it never mixes two services.
 */
public final class ReplicaLinks {

    private ReplicaLinks() {
    }

    /** {@code replica} (of {@code stack}'s service) with the aliases other services link to it by added to its networks. */
    public static ServiceSpec withLinkAliases(StackSpec stack, ServiceSpec replica) {
        if (replica.engine().replicas() <= 1 || replica.networkMode() != null) {
            return replica;
        }
        Map<String, NetworkAttachment> networks = new LinkedHashMap<>(attachments(replica));
        boolean added = false;
        for (ServiceSpec linker : stack.project().services().values()) {
            for (String link : linker.engine().links()) {
                String alias = alias(link);
                if (!target(link).equals(replica.name()) || alias.equals(replica.name())) {
                    continue;
                }
                for (String network : shared(linker, replica)) {
                    if (takenByAnother(stack, replica.name(), network, alias)) {
                        continue;
                    }
                    NetworkAttachment a = networks.get(network);
                    Set<String> aliases = new LinkedHashSet<>(a.aliases());
                    added |= aliases.add(alias);
                    networks.put(network, new NetworkAttachment(List.copyOf(aliases), a.ipv4Address()));
                }
            }
        }
        return added ? replica.withNetworks(networks) : replica;
    }

    /**
     * True when {@code link} of {@code linker} is answered by {@link #withLinkAliases}'s network alias, so the
     * engine link must not be made: it would shadow the alias with one replica.
     */
    public static boolean byAlias(StackSpec stack, ServiceSpec linker, String link) {
        ServiceSpec target = stack.project().services().get(target(link));
        if (target == null || target.engine().replicas() <= 1 || target.networkMode() != null
                || linker.networkMode() != null) {
            return false;
        }
        String alias = alias(link);
        List<String> shared = shared(linker, target);
        return !shared.isEmpty() && (alias.equals(target.name())
                || shared.stream().noneMatch(n -> takenByAnother(stack, target.name(), n, alias)));
    }

    /** The linked service of {@code SERVICE[:ALIAS]}. */
    static String target(String link) {
        int colon = link.indexOf(':');
        return colon < 0 ? link : link.substring(0, colon);
    }

    /** The name the link answers to: its alias, else the service's name. */
    static String alias(String link) {
        int colon = link.indexOf(':');
        return colon < 0 ? link : link.substring(colon + 1);
    }

    /** The networks a service joins, by compose key: {@code default} when it names none. */
    private static Map<String, NetworkAttachment> attachments(ServiceSpec service) {
        if (service.networkMode() != null) {
            return Map.of();
        }
        return service.networks().isEmpty()
                ? Map.of(ContainerRequests.DEFAULT_NETWORK, new NetworkAttachment(List.of(), null)) : service.networks();
    }

    private static List<String> shared(ServiceSpec a, ServiceSpec b) {
        List<String> both = new ArrayList<>(attachments(a).keySet());
        both.retainAll(attachments(b).keySet());
        return both;
    }

    /** True when a service other than {@code target} answers to {@code alias} on {@code network}. */
    private static boolean takenByAnother(StackSpec stack, String target, String network, String alias) {
        for (ServiceSpec other : stack.project().services().values()) {
            NetworkAttachment a = attachments(other).get(network);
            if (!other.name().equals(target) && a != null && (other.name().equals(alias) || a.aliases().contains(alias))) {
                return true;
            }
        }
        return false;
    }
}
