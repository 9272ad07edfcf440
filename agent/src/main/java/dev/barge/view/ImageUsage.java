package dev.barge.view;

import dev.barge.docker.ActualState;
import dev.barge.record.NodeState;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One service that uses an image. Found from containers whose reference or image id matches (also
 * through the id of the local image the query names), and from the digests recorded for the applied
 * commit, which also finds a service whose container is gone.
 *
 * @param container      the container that uses it, null for a service known only from the record
 * @param recordedDigest the digest recorded for the service at the applied commit, null when none is
 */
public record ImageUsage(String stack, String service, ActualState.Container container, String recordedDigest) {

    private static final Comparator<String> TEXT = Comparator.nullsFirst(Comparator.naturalOrder());
    private static final Comparator<ImageUsage> ORDER = Comparator.comparing(ImageUsage::stack, TEXT)
            .thenComparing(ImageUsage::service, TEXT)
            .thenComparing(u -> u.container() == null ? null : u.container().name(), Comparator.nullsLast(Comparator.naturalOrder()));

    public static List<ImageUsage> find(ImageQuery query, NodeState state, ActualState actual) {
        // the local image the query names (busybox:1.36 is sha256:...) also matches containers made from its digest
        Set<String> ids = actual.images().stream()
                .filter(i -> query.matchesRef(i.ref()) || query.matchesId(i.id()))
                .map(ActualState.Image::id).collect(Collectors.toSet());
        List<ImageUsage> uses = new ArrayList<>();
        Set<String> found = new HashSet<>();
        for (ActualState.Container c : actual.containers()) {
            if (query.matchesRef(c.imageRef()) || query.matchesId(c.imageId()) || ids.contains(c.imageId())) {
                String key = c.stack() + "/" + c.service();
                uses.add(new ImageUsage(c.stack(), c.service(), c, state.digests().get(key)));
                found.add(key);
            }
        }
        state.digests().forEach((key, digest) -> {
            if (!found.contains(key) && query.matchesRecorded(digest)) {
                int slash = key.indexOf('/');
                uses.add(new ImageUsage(slash < 0 ? key : key.substring(0, slash),
                        slash < 0 ? null : key.substring(slash + 1), null, digest));
            }
        });
        uses.sort(ORDER);
        return List.copyOf(uses);
    }
}
