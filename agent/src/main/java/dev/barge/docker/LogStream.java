package dev.barge.docker;

/** A running {@code docker logs --follow}; closing it stops the stream. */
public interface LogStream extends AutoCloseable {

    /** Blocks until the container's output ends (it stopped) or the stream is closed. */
    void awaitEnd() throws InterruptedException;

    @Override
    void close();
}
