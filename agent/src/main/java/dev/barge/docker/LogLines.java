package dev.barge.docker;

import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.StreamType;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Reassembles log frames into lines. The engine cuts frames wherever its buffers end, so a line can
 * span frames; stdout and stderr are buffered apart so their partial lines do not mix.
 */
final class LogLines extends ResultCallback.Adapter<Frame> {

    private final Consumer<String> sink;
    private final Map<StreamType, ByteArrayOutputStream> partial = new EnumMap<>(StreamType.class);

    LogLines(Consumer<String> sink) {
        this.sink = sink;
    }

    @Override
    public void onNext(Frame frame) {
        byte[] payload = frame.getPayload();
        if (payload == null) {
            return;
        }
        ByteArrayOutputStream buffer;
        synchronized (partial) {
            buffer = partial.computeIfAbsent(frame.getStreamType(), t -> new ByteArrayOutputStream());
        }
        for (byte b : payload) {
            if (b == '\n') {
                emit(buffer);
            } else {
                buffer.write(b);
            }
        }
    }

    @Override
    public void onComplete() {
        flush();
        super.onComplete();
    }

    @Override
    public void onError(Throwable throwable) {
        flush();
        super.onError(throwable);
    }

    private void flush() {
        synchronized (partial) {
            partial.values().forEach(b -> {
                if (b.size() > 0) {
                    emit(b);
                }
            });
        }
    }

    private void emit(ByteArrayOutputStream buffer) {
        String line = buffer.toString(StandardCharsets.UTF_8);
        buffer.reset();
        sink.accept(line.endsWith("\r") ? line.substring(0, line.length() - 1) : line);
    }
}
