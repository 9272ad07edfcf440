package dev.barge.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Event;
import com.github.dockerjava.api.model.EventType;
import java.io.Closeable;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/** The engine's event stream, asked for barge-owned containers only, as an {@link EventFeed.Stream}. */
final class EngineEventStream {
    private EngineEventStream() {
    }

    static EventFeed.Stream of(DockerClient client) {
        return sink -> client.eventsCmd()
                .withEventTypeFilter(EventType.CONTAINER)
                .withLabelFilter(OwnershipLabels.MANAGED + "=true")
                // the engine matches health_status against "health_status: <status>" by prefix
                .withEventFilter("die", "stop", "destroy", "health_status")
                .exec(new ResultCallback.Adapter<Event>() {
                    @Override
                    public void onStart(Closeable stream) {
                        super.onStart(stream);
                        sink.started();
                    }

                    @Override
                    public void onNext(Event event) {
                        toContainerEvent(event).ifPresent(sink::event);
                    }

                    @Override
                    public void onError(Throwable error) {
                        super.onError(error);
                        sink.ended(error);
                    }

                    @Override
                    public void onComplete() {
                        super.onComplete();
                        sink.ended(null);
                    }
                });
    }

    /** The event as barge sees it, or empty for one that is not drift (e.g. health_status: healthy). */
    static Optional<ContainerEvent> toContainerEvent(Event event) {
        String action = event.getAction() == null ? event.getStatus() : event.getAction();
        if (action == null) {
            return Optional.empty();
        }
        action = action.strip();
        if (action.startsWith("health_status")) {
            if (!action.endsWith("unhealthy")) {
                return Optional.empty();
            }
            action = "unhealthy";
        } else if (!action.equals("die") && !action.equals("stop") && !action.equals("destroy")) {
            return Optional.empty();
        }
        Map<String, String> attributes = event.getActor() == null || event.getActor().getAttributes() == null
                ? Map.of() : event.getActor().getAttributes();
        if (!"true".equals(attributes.get(OwnershipLabels.MANAGED))) {
            return Optional.empty();
        }
        Instant time = event.getTimeNano() != null
                ? Instant.ofEpochSecond(0, event.getTimeNano())
                : event.getTime() != null ? Instant.ofEpochSecond(event.getTime()) : Instant.now();
        return Optional.of(new ContainerEvent(action, attributes.getOrDefault("name", ""),
                attributes.get(OwnershipLabels.STACK), attributes.get(OwnershipLabels.SERVICE), time));
    }
}
