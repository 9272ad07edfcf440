package dev.barge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Properties;
import org.junit.jupiter.api.Test;

class BuildInfoTest {
    @Test
    void aBuildOutsideGitReportsTheCommitAsUnknown() {
        Properties p = new Properties();
        p.setProperty("version", "1.2.3");
        assertThat(BuildInfo.from(p)).isEqualTo(new BuildInfo("1.2.3", "unknown"));
    }

    @Test
    void theBuildRecordsThePomVersionAndACommit() {
        // written by the build (agent/pom.xml, build-info) into the classes the tests run from
        BuildInfo current = BuildInfo.current();
        assertThat(current.version()).isNotEqualTo("dev").doesNotContain("${");
        assertThat(current.commit()).matches("[0-9a-f]{12}|unknown");
    }
}
