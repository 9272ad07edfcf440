package dev.barge.tree;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RepoPathsTest {
    @ParameterizedTest(name = "from ''{0}'' to ''{1}''")
    @CsvSource(delimiter = '|', emptyValue = "", value = {
            "stacks/web | stacks/web/conf/a.conf | ./conf/a.conf",
            "stacks/web | stacks/common/www      | ../common/www",
            "stacks/web | shared/x               | ../../shared/x",
            "stacks/web | stacks/web             | .",
            "''         | conf/a                 | ./conf/a",
            "a/b/c      | a                      | ../..",
    })
    void relativeNamesAPathFromADirectoryAndResolvesBackToIt(String from, String path, String expected) {
        assertThat(RepoPaths.relative(from, path)).isEqualTo(expected);
        assertThat(RepoPaths.resolve(from, expected)).hasValue(path);
    }
}
