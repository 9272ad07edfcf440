package dev.barge.docker;

/**
 * Receives {@link DockerGateway#events}: container events, and the stream's outages. Called on the
 * stream's own thread; implementations only hand the news on (they must not block).
 */
public interface EngineEvents {

    void event(ContainerEvent event);

    /** The stream broke (engine stopped or restarted, socket gone); it is being reopened. Called once per outage. */
    void lost(String message);

    /** The stream is open again after {@link #lost}: events may have been missed meanwhile. */
    void reconnected();
}
