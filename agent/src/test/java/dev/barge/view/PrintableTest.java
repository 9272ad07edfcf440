package dev.barge.view;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PrintableTest {

    @Test
    void controlCharactersFromReposAndContainersAreEscaped() {
        assertThat(Printable.escape("a\u001b[31mred\u0007\nnext\r\tx\u009b\u202eevil\u0000"))
                .isEqualTo("a\\x1b[31mred\\x07\\nnext\\r\\tx\\x9b\\u202eevil\\x00");
        assertThat(Printable.escape("plain 🚀 ü")).isEqualTo("plain 🚀 ü");
        assertThat(Printable.escape(Printable.escape("\u001b"))).as("idempotent").isEqualTo("\\x1b");
    }

    @Test
    void historyTableEscapesAnErrorFromTheRepo() {
        String table = new Table("A", "B").row("x\u001b]0;title\u0007", "y").render("");
        assertThat(table).doesNotContain("\u001b").contains("x\\x1b]0;title\\x07");
    }
}
