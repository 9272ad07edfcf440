package dev.barge.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.command.InspectVolumeResponse;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Network;
import java.util.List;
import java.util.UUID;

/**
 * The ITs' own view of the engine, beside the gateway under test: inspects what the gateway made and
 * removes everything whose name starts with this test's unique prefix.
 */
final class TestEngine implements AutoCloseable {

    final String prefix = "barge-it-docker-" + UUID.randomUUID().toString().substring(0, 8) + "-";
    final DockerClient docker = EngineConnection.open(null).client();

    String name(String suffix) {
        return prefix + suffix;
    }

    InspectContainerResponse inspect(String id) {
        return docker.inspectContainerCmd(id).exec();
    }

    /** Removes this test's containers, then networks, then volumes; never throws, so every step runs. */
    void cleanUp() {
        for (Container c : list(() -> docker.listContainersCmd().withShowAll(true).withNameFilter(List.of(prefix)).exec())) {
            run(() -> docker.removeContainerCmd(c.getId()).withForce(true).withRemoveVolumes(true).exec());
        }
        for (Network n : list(() -> docker.listNetworksCmd().withNameFilter(prefix).exec())) {
            run(() -> docker.removeNetworkCmd(n.getId()).exec());
        }
        List<InspectVolumeResponse> volumes = list(() -> docker.listVolumesCmd().exec().getVolumes());
        for (InspectVolumeResponse v : volumes == null ? List.<InspectVolumeResponse>of() : volumes) {
            if (v.getName().startsWith(prefix)) {
                run(() -> docker.removeVolumeCmd(v.getName()).exec());
            }
        }
    }

    @Override
    public void close() {
        cleanUp();
        EngineConnection.closeQuietly(docker);
    }

    private static <T> List<T> list(java.util.function.Supplier<List<T>> s) {
        try {
            return s.get();
        } catch (RuntimeException e) {
            return List.of();
        }
    }

    private static void run(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            // best effort: the next cleanup step must still run
        }
    }
}
