package dev.barge.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.barge.docker.ActualState;
import dev.barge.docker.DockerGateway;
import dev.barge.reconcile.AgentFile;
import dev.barge.record.StateStore;
import dev.barge.select.NodeIdentity;
import dev.barge.view.NodeStatus;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The views never wait on the engine for long: it is asked on a thread of its own. */
class NodeViewTest {
    @TempDir
    Path state;

    @Test
    void aHangingEngineDoesNotHoldTheListenersWorkers() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        DockerGateway hanging = (DockerGateway) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {DockerGateway.class}, (proxy, method, args) -> {
                    if (method.getName().equals("observe")) {
                        release.await(30, TimeUnit.SECONDS);
                        return ActualState.EMPTY;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
        AgentFile file = new AgentFile(1, Instant.EPOCH, "127.0.0.1:0", null, "starting", null, 0, null);
        NodeView view = new NodeView(new NodeIdentity("vm", Map.of()), new StateStore(state), hanging, "test",
                () -> file, Optional::empty, new Readiness(Clock.systemUTC(), Duration.ofMinutes(1)), s -> true,
                Clock.systemUTC());
        try {
            long start = System.nanoTime();
            NodeView.Snapshot first = view.snapshot();
            NodeView.Snapshot second = view.snapshot();
            long took = (System.nanoTime() - start) / 1_000_000;
            assertThat(took).as("ms for two snapshots while the engine hangs")
                    .isLessThan(2 * NodeView.FIRST_WAIT.toMillis() + 1000);
            assertThat(first.status().engine()).isInstanceOf(NodeStatus.Engine.Unreachable.class);
            assertThat(((NodeStatus.Engine.Unreachable) second.status().engine()).message())
                    .startsWith("the engine has not answered yet");
        } finally {
            release.countDown();
        }
        Thread.sleep(200);
        assertThat(view.snapshot().status().engine()).isInstanceOf(NodeStatus.Engine.Observed.class);
    }
}
