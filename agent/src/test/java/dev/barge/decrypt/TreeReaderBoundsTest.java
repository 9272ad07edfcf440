package dev.barge.decrypt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.barge.BargeException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The sops readers meet the same bounds as config's: an alias bomb or deep nesting in a secret file is one line, exit 65. */
class TreeReaderBoundsTest {

    @Test
    @Timeout(10)
    void aliasBombInASopsYamlFileIsRefusedNotOutOfMemory() {
        String bomb = dev.barge.config.BoundedReadingTestAccess.aliasBomb();
        assertThatThrownBy(() -> TreeReader.readYaml("secrets/a.sops.yaml", bomb.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(BargeException.class)
                .hasMessageStartingWith("secrets/a.sops.yaml: line ")
                .hasMessageContaining("aliases expand to more than 10000 values");
    }

    @Test
    @Timeout(10)
    void deepNestingInSopsFilesIsRefused() {
        String deep = "[".repeat(3_000) + "]".repeat(3_000);
        assertThatThrownBy(() -> TreeReader.readYaml("s.yaml", ("a: " + deep + "\n").getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("nests deeper than 100 levels");
        assertThatThrownBy(() -> TreeReader.readJson("s.json", ("{\"a\": " + deep + "}").getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("nests deeper than 100 levels");
    }

    @Test
    void invalidUtf8InASopsFileNamesItsLine() {
        byte[] content = "a: 1\nb: x\n".getBytes(StandardCharsets.UTF_8);
        content[8] = (byte) 0xc3;
        assertThatThrownBy(() -> TreeReader.readYaml("s.yaml", content))
                .hasMessageStartingWith("s.yaml: line 2: is not UTF-8 text");
    }
}
