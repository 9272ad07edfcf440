package dev.barge.decrypt;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class MacComputerTest {

    @Test
    void hashesEveryLeafInGoTextFormWithoutSeparatorsAsUppercaseHex() throws Exception {
        MacComputer mac = new MacComputer(false);
        mac.add(TextNode.valueOf("ab"), true);
        mac.add(LongNode.valueOf(5), false);
        mac.add(BooleanNode.TRUE, true);
        mac.add(TextNode.valueOf(""), true);
        String expected = HexFormat.of().withUpperCase()
                .formatHex(MessageDigest.getInstance("SHA-512").digest("ab5True".getBytes(StandardCharsets.UTF_8)));
        assertThat(mac.hex()).isEqualTo(expected).hasSize(128);
    }

    @Test
    void macOnlyEncryptedStartsWithSha256OfSopsAndSkipsClearLeaves() throws Exception {
        byte[] init = MessageDigest.getInstance("SHA-256").digest("sops".getBytes(StandardCharsets.UTF_8));
        MessageDigest sha512 = MessageDigest.getInstance("SHA-512");
        sha512.update(init);
        sha512.update("secret".getBytes(StandardCharsets.UTF_8));

        MacComputer mac = new MacComputer(true);
        mac.add(TextNode.valueOf("clear"), false);
        mac.add(TextNode.valueOf("secret"), true);
        assertThat(mac.hex()).isEqualTo(HexFormat.of().withUpperCase().formatHex(sha512.digest()));
    }

    @Test
    void macTimeIsRfc3339WithSecondsAndKeepsTheOffset() {
        assertThat(MacTime.aad("2024-11-12T13:33:42Z")).isEqualTo("2024-11-12T13:33:42Z");
        assertThat(MacTime.aad("2024-11-12T13:33:42.123456+02:00")).isEqualTo("2024-11-12T13:33:42+02:00");
        assertThat(MacTime.aad("2024-11-12T13:33:42+00:00")).isEqualTo("2024-11-12T13:33:42Z");
        assertThat(MacTime.now()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
    }
}
