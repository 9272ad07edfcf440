package dev.barge.config.compose;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class UnitsTest {

    @ParameterizedTest(name = "{0} = {1} ns")
    @CsvSource({
            "1m30s, 90000000000",
            "90s, 90000000000",
            "1h, 3600000000000",
            "500ms, 500000000",
            "2us, 2000",
            "2µs, 2000",
            "10ns, 10",
            "1.5h, 5400000000000",
            ".5s, 500000000",
            "1h2m3s4ms, 3723004000000",
            "0, 0",
            "90, 90000000000",
            "' 30s ', 30000000000"})
    void durationsReadLikeGo(String text, long nanos) {
        assertThat(Durations.parse(text)).contains(Duration.ofNanos(nanos));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "abc", "10x", "-5s", "1d", "s", "1.5", "5 s", "1m30"})
    void badDurationsAreRefused(String text) {
        assertThat(Durations.parse(text)).isEqualTo(Optional.empty());
    }

    @ParameterizedTest(name = "{0} = {1} bytes")
    @CsvSource({
            "1gb, 1073741824",
            "1g, 1073741824",
            "1GB, 1073741824",
            "1GiB, 1073741824",
            "512m, 536870912",
            "512M, 536870912",
            "512mb, 536870912",
            "1k, 1024",
            "1kb, 1024",
            "100b, 100",
            "100, 100",
            "1.5g, 1610612736",
            "2t, 2199023255552"})
    void sizesAreBinary(String text, long bytes) {
        assertThat(ByteSizes.parse(text)).isEqualTo(OptionalLong.of(bytes));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "abc", "1x", "-1m", "1.m", "m", "1 gb b"})
    void badSizesAreRefused(String text) {
        assertThat(ByteSizes.parse(text)).isEqualTo(OptionalLong.empty());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "nginx -g 'daemon off;'|nginx,-g,daemon off;",
            "sh -c \"echo \\\"hi\\\" $HOME\"|sh,-c,echo \"hi\" $HOME",
            "  a   b  |a,b",
            "a\\ b c|a b,c",
            "echo ''|echo,",
            "x=\"1 2\"y|x=1 2y"})
    void commandsSplitLikeAShell(String line, String words) {
        assertThat(ShellWords.split(line)).contains(List.of(words.split(",", -1)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"echo 'x", "echo \"x"})
    void unclosedQuotesAreRefused(String line) {
        assertThat(ShellWords.split(line)).isEmpty();
    }
}
