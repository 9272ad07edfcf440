package dev.barge.docker;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.StreamType;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LogLinesTest {

    private static Frame frame(StreamType type, String text) {
        return new Frame(type, text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void linesSpanningFramesAreJoinedAndStreamsDoNotMix() {
        List<String> lines = new ArrayList<>();
        LogLines callback = new LogLines(lines::add);
        callback.onNext(frame(StreamType.STDOUT, "ab"));
        callback.onNext(frame(StreamType.STDERR, "err-"));
        callback.onNext(frame(StreamType.STDOUT, "c\r\nd"));
        callback.onNext(frame(StreamType.STDERR, "1\n"));
        callback.onNext(frame(StreamType.STDOUT, "\n\nünïcode"));
        callback.onComplete();

        assertThat(lines).containsExactly("abc", "err-1", "d", "", "ünïcode");
    }
}
