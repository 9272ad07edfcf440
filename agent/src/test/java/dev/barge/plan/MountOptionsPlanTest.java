package dev.barge.plan;

import static dev.barge.plan.Fixtures.KEY;
import static dev.barge.plan.Fixtures.matching;
import static dev.barge.plan.Fixtures.plan;
import static dev.barge.plan.Fixtures.recorded;
import static dev.barge.plan.Fixtures.running;
import static dev.barge.plan.Fixtures.slice;
import static dev.barge.plan.Fixtures.stack;
import static dev.barge.plan.Fixtures.state;
import static org.assertj.core.api.Assertions.assertThat;

import dev.barge.config.model.ServiceSpec.Mount;
import dev.barge.config.model.StackSpec;
import dev.barge.docker.ActualState.Container;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Mount options (SELinux relabel, propagation, nocopy, tmpfs options) in the spec hash and the plan. */
class MountOptionsPlanTest {

    private static StackSpec web(Mount... mounts) {
        return stack("site", ServiceBuilder.service("web").build().withMounts(List.of(mounts)));
    }

    private static Mount bind(String... options) {
        return new Mount(Mount.Type.BIND, "/srv/conf", "/conf", true, null, null, List.of(options));
    }

    private static Mount tmpfs(String... options) {
        return new Mount(Mount.Type.TMPFS, null, "/scratch", false, 8L << 20, null, List.of(options));
    }

    private static String canonical(StackSpec stack, String path) {
        return CanonicalSpec.of(stack, stack.project().services().get("web"), KEY).attributes().get(path);
    }

    /** Upgrading barge must not replace every container: a mount without options keeps today's form. */
    @Test
    void mountWithoutOptionsKeepsItsCanonicalForm() {
        StackSpec stack = web(bind(), tmpfs(), new Mount(Mount.Type.VOLUME, "data", "/data", false, null));

        assertThat(canonical(stack, "volumes./conf")).isEqualTo("type=bind,source=/srv/conf,read_only=true");
        assertThat(canonical(stack, "volumes./scratch")).isEqualTo("type=tmpfs,tmpfs_size=8388608");
        assertThat(canonical(stack, "volumes./data")).isEqualTo("type=volume,source=data");
    }

    @Test
    void optionsAreInTheCanonicalForm() {
        StackSpec stack = web(bind("z"), tmpfs("mode=1777", "noexec"));

        assertThat(canonical(stack, "volumes./conf")).isEqualTo("type=bind,source=/srv/conf,read_only=true,options=[\"z\"]");
        assertThat(canonical(stack, "volumes./scratch"))
                .as("the field format escapes = and , inside a value")
                .isEqualTo("type=tmpfs,tmpfs_size=8388608,options=[\"mode\\=1777\"\\,\"noexec\"]");
    }

    @Test
    void aChangedOptionReplacesWithTheMountAsReason() {
        StackSpec before = web(bind("z"), tmpfs("mode=1777"));
        StackSpec after = web(bind("Z"), tmpfs("mode=1777"));
        Container running = running(before, before.project().services().get("web"));

        Plan plan = plan(slice(after), state(List.of(running), matching(before)), recorded(running));

        ContainerChange change = (ContainerChange) plan.changes().stream()
                .filter(c -> c instanceof ContainerChange).findFirst().orElseThrow();
        assertThat(change.action()).isEqualTo(Action.REPLACE);
        assertThat(change.reason()).isEqualTo(new Reason.SpecChanged(List.of("volumes./conf")));
    }

    @Test
    void theSameOptionsChangeNothing() {
        StackSpec stack = web(bind("rshared", "z"), tmpfs("noexec"));
        Container running = running(stack, stack.project().services().get("web"));

        Plan plan = plan(slice(web(bind("rshared", "z"), tmpfs("noexec"))), state(List.of(running), matching(stack)),
                recorded(running));

        assertThat(plan.changes()).filteredOn(c -> c instanceof ContainerChange).extracting(c -> c.action())
                .containsExactly(Action.NONE);
    }
}
