package dev.barge.view;

import static org.assertj.core.api.Assertions.assertThat;

import dev.barge.plan.SamplePlans;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The same inputs planned in two separate JVMs give identical hashes and identical JSON: nothing
 * depends on identity hash codes, HashMap order, the default locale or the time. The second JVM gets
 * another locale and time zone on purpose.
 */
class PlanDeterminismTest {

    @Test
    void a_second_jvm_plans_the_same_bytes() throws IOException, InterruptedException {
        String here = PlanView.json(SamplePlans.rich()) + PlanView.json(SamplePlans.unchanged());
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process process = new ProcessBuilder(List.of(java.toString(), "-Duser.language=tr", "-Duser.country=TR",
                "-Duser.timezone=Pacific/Kiritimati", "-Dfile.encoding=UTF-8", "-cp", System.getProperty("java.class.path"),
                PlanDeterminismMain.class.getName()))
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        byte[] out = process.getInputStream().readAllBytes();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isZero();
        assertThat(new String(out, StandardCharsets.UTF_8)).isEqualTo(here);
    }

    @Test
    void planning_twice_in_one_jvm_gives_equal_plans() {
        assertThat(SamplePlans.rich()).isEqualTo(SamplePlans.rich());
    }
}
