package dev.barge.view;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** What barge render prints, read by a YAML 1.1 reader (SnakeYAML, as PyYAML and go-yaml v2 read), is what it meant. */
class RenderReadsBackTest {
    private static final String[] PIECES = {"1", "0", "10", ".", ":", "_", "-", "+", "e", "E", "x", "0x", "0b", "0o",
        "1F", "yes", "no", "on", "off", "y", "n", "true", "False", "null", "~", "NULL", ".inf", ".NaN", "<<", "=",
        "2001-12-14", "t", "12:30:45", " ", "#", "'", "\"", "a", "b", "/", "@", ",", "[", "{", "*", "&", "!", "%",
        "?", "|", ">", "`"};

    @ParameterizedTest
    @ValueSource(strings = {"1.10", "53:53", "yes", "on", "0x1F", "1_000", "0o17", "017", "~", "null", "Off", "y", "N",
        "1e3", ".5", "+1", "-.inf", "2001-12-14", "190:20:30", "<<", "=", "0b101", "1:00", "8080:80", "127.0.0.1:53:53/udp"})
    void numberLikeStringsAreQuoted(String text) {
        assertRoundTrip(text);
    }

    @Test
    void randomStringsReadBackAsThemselves() {
        Random random = new Random(14);
        for (int run = 0; run < 400; run++) {
            StringBuilder s = new StringBuilder();
            int pieces = 1 + random.nextInt(4);
            for (int i = 0; i < pieces; i++) {
                s.append(PIECES[random.nextInt(PIECES.length)]);
            }
            assertRoundTrip(s.toString());
        }
    }

    @Test
    void plainStringsStayUnquoted() {
        assertThat(ComposeView.write(Map.of("image", "busybox:1.36"))).isEqualTo("image: busybox:1.36\n");
        assertThat(ComposeView.write(Map.of("tag", "1.10"))).isEqualTo("tag: \"1.10\"\n");
        assertThat(ComposeView.write(Map.of("port", "53:53"))).isEqualTo("port: \"53:53\"\n");
    }

    private static void assertRoundTrip(String text) {
        Map<String, Object> tree = new LinkedHashMap<>();
        tree.put("value", text);
        tree.put(text, "key");
        List<Object> list = new ArrayList<>();
        list.add(text);
        tree.put("list", list);
        String yaml = ComposeView.write(tree);
        Object read = new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
        assertThat(read).as("rendered as:\n%s", yaml).isEqualTo(tree);
    }
}
