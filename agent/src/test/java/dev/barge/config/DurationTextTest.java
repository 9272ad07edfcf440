package dev.barge.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationTextTest {
    @ParameterizedTest(name = "{0}")
    @CsvSource({"30s, PT30S, 30s", "2m, PT2M, 2m", "1m30s, PT1M30S, 1m30s", "90s, PT1M30S, 1m30s", "500ms, PT0.5S, 500ms",
            "1h, PT1H, 1h", "0s, PT0S, 0s", "1h2m3s4ms, PT1H2M3.004S, 1h2m3s4ms", "30, PT30S, 30s", "1.5s, PT1.5S, 1s500ms"})
    void parsesAndFormats(String text, Duration expected, String formatted) {
        assertThat(DurationText.parse(text)).isEqualTo(expected);
        assertThat(DurationText.format(expected)).isEqualTo(formatted);
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {"", "soon", "-1s", "1d", "s"})
    void refusesWhatItCannotRead(String text) {
        assertThatThrownBy(() -> DurationText.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("write e.g. 30s, 2m, 1m30s");
    }
}
