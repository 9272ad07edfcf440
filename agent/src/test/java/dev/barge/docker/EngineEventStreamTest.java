package dev.barge.docker;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.model.Event;
import com.github.dockerjava.api.model.EventActor;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EngineEventStreamTest {

    private static Event event(String action, Map<String, String> attributes) {
        return new Event().withAction(action).withTimenano(1_700_000_000_123_456_789L)
                .withEventActor(new EventActor().withId("abc").withAttributes(attributes));
    }

    private static final Map<String, String> OWNED = Map.of("name", "web-app-1", OwnershipLabels.MANAGED, "true",
            OwnershipLabels.STACK, "web", OwnershipLabels.SERVICE, "app");

    @Test
    void driftActionsOfBargeContainersAreKept() {
        assertThat(EngineEventStream.toContainerEvent(event("die", OWNED))).contains(new ContainerEvent("die", "web-app-1",
                "web", "app", Instant.ofEpochSecond(1_700_000_000L, 123_456_789)));
        assertThat(EngineEventStream.toContainerEvent(event("health_status: unhealthy", OWNED)))
                .get().extracting(ContainerEvent::action).isEqualTo("unhealthy");
    }

    @Test
    void healthyStartAndUnownedAreNotDrift() {
        assertThat(EngineEventStream.toContainerEvent(event("health_status: healthy", OWNED))).isEmpty();
        assertThat(EngineEventStream.toContainerEvent(event("start", OWNED))).isEmpty();
        assertThat(EngineEventStream.toContainerEvent(event("die", Map.of("name", "other")))).isEmpty();
    }
}
