package dev.barge.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class DocumentReaderEmptyValueTest {

    @Test
    void emptyYamlValueIsNullNotAnEmptyStringAsInCompose() {
        JsonNode root = DocumentReader.readYaml("c.yaml", "a:\nb: ''\nc: \"\"\nd: ~\n".getBytes(StandardCharsets.UTF_8),
                new Problems()).get(0).root();

        assertThat(root.get("a").isNull()).as("a:").isTrue();
        assertThat(root.get("b").textValue()).as("b: ''").isEmpty();
        assertThat(root.get("c").textValue()).as("c: \"\"").isEmpty();
        assertThat(root.get("d").isNull()).as("d: ~").isTrue();
    }
}
