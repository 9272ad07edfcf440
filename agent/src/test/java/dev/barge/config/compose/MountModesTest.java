package dev.barge.config.compose;

import static org.assertj.core.api.Assertions.assertThat;

import dev.barge.config.model.ServiceSpec;
import dev.barge.config.model.ServiceSpec.Mount;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The modes of the short volume syntax, row by row against compose-go's {@code loader/volume.go}
 * ({@code ro}, {@code rw}, {@code nocopy}, propagation, SELinux {@code z}/{@code Z}, macOS consistency),
 * the long syntax's {@code bind}/{@code volume}/{@code tmpfs} options, and the tmpfs options docker's
 * {@code ParseTmpfsOptions} takes. What compose ignores silently barge refuses, with the reason.
 */
class MountModesTest {

    private static Arguments ok(String yaml, String target, boolean readOnly, Long size, String... options) {
        return Arguments.of(yaml, target, readOnly, size, List.of(options));
    }

    static Stream<Arguments> accepted() {
        return Stream.of(
                // superset, jitsi: a repo file relabelled for SELinux
                ok("volumes: [\"./conf:/etc/x:z\"]", "/etc/x", false, null, "z"),
                ok("volumes: [\"./conf:/etc/x:Z\"]", "/etc/x", false, null, "Z"),
                ok("volumes: [\"./conf:/etc/x:ro,z\"]", "/etc/x", true, null, "z"),
                ok("volumes: [\"/srv/x:/x:rw,Z\"]", "/x", false, null, "Z"),
                ok("volumes: [\"/srv/x:/x:z,ro\"]", "/x", true, null, "z"),
                ok("volumes: [\"/srv/x:/x:rshared\"]", "/x", false, null, "rshared"),
                ok("volumes: [\"/srv/x:/x:Z,rslave,ro\"]", "/x", true, null, "rslave", "Z"),
                ok("volumes: [\"/srv/x:/x:private\"]", "/x", false, null, "private"),
                // Docker Desktop's consistency modes change nothing on Linux, in compose as here
                ok("volumes: [\"/srv/x:/x:cached\"]", "/x", false, null),
                ok("volumes: [\"/srv/x:/x:ro,delegated\"]", "/x", true, null),
                ok("volumes: [\"data:/d:consistent\"]", "/d", false, null),
                ok("volumes: [\"data:/d:nocopy\"]", "/d", false, null, "nocopy"),
                ok("volumes: [\"data:/d:ro,nocopy\"]", "/d", true, null, "nocopy"),
                ok("volumes:\n  - {type: bind, source: ./conf, target: /c, bind: {selinux: z}}", "/c", false, null, "z"),
                ok("volumes:\n  - {type: bind, source: /srv, target: /c, bind: {propagation: rshared, selinux: Z}}", "/c",
                        false, null, "rshared", "Z"),
                ok("volumes:\n  - {type: volume, source: data, target: /d, volume: {nocopy: true}}", "/d", false, null, "nocopy"),
                ok("volumes:\n  - {type: volume, source: data, target: /d, volume: {nocopy: false}}", "/d", false, null),
                ok("volumes:\n  - {type: tmpfs, target: /t, tmpfs: {size: 64m, mode: 1777}}", "/t", false, 64L << 20, "mode=1777"),
                ok("tmpfs: [\"/run:mode=1777,size=64m\"]", "/run", false, 64L << 20, "mode=1777"),
                ok("tmpfs: [\"/tmp:exec\"]", "/tmp", false, null, "exec"),
                ok("tmpfs: [\"/s:size=8m,noexec,nosuid,nodev,uid=1000,gid=1000,mode=0700\"]", "/s", false, 8L << 20,
                        "noexec", "nosuid", "nodev", "uid=1000", "gid=1000", "mode=0700"),
                ok("tmpfs: [\"/s:ro,size=1k\"]", "/s", true, 1024L),
                ok("tmpfs: [\"/s:nr_inodes=10k,nr_blocks=100,noatime,mpol=bind:0-1\"]", "/s", false, null,
                        "nr_inodes=10k", "nr_blocks=100", "noatime", "mpol=bind:0-1"),
                // what barge read before options existed reads the same, without options
                ok("tmpfs: [\"/tmp:rw,size=1k\"]", "/tmp", false, 1024L),
                ok("volumes: [\"/srv/x:/x:ro\"]", "/x", true, null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("accepted")
    void readsTheModesComposeAccepts(String yaml, String target, boolean readOnly, Long size, List<String> options) {
        ServiceSpec service = parse(yaml).service("app");

        Mount mount = service.mounts().stream().filter(m -> m.target().equals(target)).findFirst().orElseThrow();
        assertThat(mount.readOnly()).as("read only").isEqualTo(readOnly);
        assertThat(mount.tmpfsSize()).as("size").isEqualTo(size);
        assertThat(mount.options()).as("options").isEqualTo(options);
    }

    static Stream<Arguments> refused() {
        return Stream.of(
                Arguments.of("volumes: [\"/srv/x:/x:nocopy\"]", "the mode 'nocopy' applies to a named volume, not to a bind mount"),
                Arguments.of("volumes: [\"data:/d:Z\"]", "the mode 'Z' applies to a bind mount (a host path), not to a named volume"),
                Arguments.of("volumes: [\"data:/d:rshared\"]", "the mode 'rshared' applies to a bind mount"),
                Arguments.of("volumes: [\"/srv/x:/x:z,Z\"]", "the modes 'z' and 'Z' contradict each other; keep one"),
                Arguments.of("volumes: [\"/srv/x:/x:shared,slave\"]", "the modes 'shared' and 'slave' contradict each other"),
                Arguments.of("volumes: [\"/srv/x:/x:ro,zz\"]", "unknown volume mode 'zz' (docker compose ignores it silently;"
                        + " barge supports ro, rw, z, Z (SELinux relabel of a bind), nocopy (a volume)"),
                Arguments.of("volumes: [\"/srv/x:/x:\"]", "unknown volume mode ''"),
                Arguments.of("volumes:\n  - {type: bind, source: /srv, target: /c, bind: {selinux: q}}",
                        "'volumes[0].bind.selinux' in service app must be one of Z, z"),
                Arguments.of("volumes:\n  - {type: volume, source: data, target: /d, volume: {subpath: x}}",
                        "unknown key 'subpath' in 'volumes[0].volume'"),
                Arguments.of("volumes:\n  - {type: tmpfs, target: /t, tmpfs: {mode: 999}}",
                        "'volumes[0].tmpfs.mode' in service app must be an octal file mode such as 1777 or 755"),
                Arguments.of("tmpfs: [\"/s:size=8m,bogus\"]", "unsupported tmpfs option 'bogus' (docker takes size, mode, uid,"
                        + " gid, nr_inodes, nr_blocks, mpol and the flags ro, rw, async, atime,"),
                Arguments.of("tmpfs: [\"/s:rbind\"]", "unsupported tmpfs option 'rbind'"),
                Arguments.of("tmpfs: [\"/s:exec=1\"]", "unsupported tmpfs option 'exec=1'"),
                Arguments.of("tmpfs: [\"/s:uid=root\"]", "the tmpfs option 'uid=root' has a bad value"),
                Arguments.of("tmpfs: [\"/s:mode=8888\"]", "the tmpfs option 'mode=8888' has a bad value"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refused")
    void refusesWithTheReason(String yaml, String message) {
        Fixture.Parsed parsed = parse(yaml);

        assertThat(parsed.project()).isNull();
        assertThat(parsed.messages()).hasSize(1);
        assertThat(parsed.messages().get(0)).contains(message);
    }

    private static Fixture.Parsed parse(String yaml) {
        return Fixture.repo().file("stacks/web/conf/app.conf", "x\n").service(yaml);
    }
}
