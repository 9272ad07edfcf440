package dev.barge.apply;

import static dev.barge.apply.Services.service;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.barge.BargeException;
import dev.barge.Failure;
import dev.barge.config.model.FileContent;
import dev.barge.config.model.ServiceSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SecretFilesTest {

    private static final String HASH = "0123456789abcdef".repeat(4);

    @TempDir
    Path state;
    private Path root;
    private final FakeTmpfs tmpfs = new FakeTmpfs();
    private SecretFiles files;

    @BeforeEach
    void setUp() {
        root = state.resolve("secrets");
        files = new SecretFiles(root, tmpfs);
    }

    @ParameterizedTest
    @CsvSource({
        "shop-web-1, 0123456789abcdef0123, shop-web-1.0123456789ab",
        "db.primary, abcdefabcdefabcdef, db.primary.abcdefabcdef",
        "x, 0123456789ab, x.0123456789ab",
    })
    void aGenerationIsTheContainerNameAndTwelveCharactersOfItsSpecHash(String name, String hash, String dir) {
        assertThat(files.generation(name, hash)).isEqualTo(root.resolve(dir));
    }

    @ParameterizedTest
    @CsvSource({
        "../etc, 0123456789abcdef",
        "a/b, 0123456789abcdef",
        "web, 0123456789a",
        "web, 0123456789ABCDEF",
        "web, ../../../../etc",
    })
    void aNameOrHashThatIsNotOneCannotNameADirectory(String name, String hash) {
        assertThatThrownBy(() -> files.generation(name, hash)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theFirstWriteMountsATmpfsOnTheRootAndPutsEachSecretThereWithItsModeAndOwner() throws IOException {
        ServiceSpec web = service("web").secretFile("db_password", "/run/secrets/db_password", "hunter2")
                .secret(new ServiceSpec.FileMount("token", "secrets/token.sops.yaml", "/etc/token", null, null, null,
                        FileContent.plain("plain-token")))
                .build();

        SecretFiles.Written written = files.write("shop-web-1", HASH, web);

        Path dir = root.resolve("shop-web-1.0123456789ab");
        assertThat(tmpfs.mounts).containsExactly(root);
        assertThat(written.dir()).isEqualTo(dir);
        assertThat(written.created()).isTrue();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(root))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir))).isEqualTo("rwx--x--x");
        assertThat(Files.readString(dir.resolve("db_password"))).isEqualTo("hunter2");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("db_password"))))
                .isEqualTo("r--------");
        // a plain file named under secrets: is a secret all the same, with Compose's default mode
        assertThat(Files.readString(dir.resolve("token"))).isEqualTo("plain-token");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("token"))))
                .isEqualTo("r--r--r--");
        assertThat(written.binds()).containsExactly(
                new ServiceSpec.Mount(ServiceSpec.Mount.Type.BIND, dir.resolve("db_password").toString(),
                        "/run/secrets/db_password", true, null),
                new ServiceSpec.Mount(ServiceSpec.Mount.Type.BIND, dir.resolve("token").toString(), "/etc/token", true,
                        null));
    }

    @Test
    void aSecretGetsItsUidAndGid() throws IOException {
        assumeTrue("root".equals(System.getProperty("user.name")), "only root can give a file away");
        ServiceSpec web = service("web").secret(new ServiceSpec.FileMount("key", "secrets/key.sops.yaml", "/run/key",
                "1000", "2000", 0440, new FileContent("k".getBytes(StandardCharsets.UTF_8), true))).build();

        Path file = files.write("web-1", HASH, web).dir().resolve("key");

        assertThat(Files.getAttribute(file, "unix:uid")).isEqualTo(1000);
        assertThat(Files.getAttribute(file, "unix:gid")).isEqualTo(2000);
        assertThat(Files.getAttribute(file, "unix:mode")).isEqualTo(0100440);
    }

    @Test
    void writingAgainRewritesTheSamePathsWithoutMountingTwice() throws IOException {
        ServiceSpec web = service("web").secretFile("db_password", "/run/secrets/db_password", "hunter2").build();
        SecretFiles.Written first = files.write("shop-web-1", HASH, web);
        Files.delete(first.dir().resolve("db_password")); // as a reboot leaves it: the directory, but no files

        SecretFiles.Written again = files.write("shop-web-1", HASH, web);

        assertThat(tmpfs.mounts).containsExactly(root);
        assertThat(again.created()).isFalse();
        assertThat(again.binds()).isEqualTo(first.binds());
        assertThat(Files.readString(again.dir().resolve("db_password"))).isEqualTo("hunter2");
    }

    @Test
    void aServiceWithoutSecretsNeedsNoTmpfs() {
        assertThat(files.write("web-1", HASH, service("web").config("c", "/etc/c", "x").build()))
                .isEqualTo(SecretFiles.Written.NONE);
        assertThat(tmpfs.mounts).isEmpty();
        assertThat(root).doesNotExist();
    }

    @Test
    void aSecretNameUsedTwiceGetsTwoFiles() {
        ServiceSpec web = service("web").secretFile("pw", "/run/a", "one").secretFile("pw", "/run/b", "one").build();

        assertThat(files.write("web-1", HASH, web).binds()).extracting(m -> Path.of(m.source()).getFileName().toString())
                .containsExactly("pw", "pw.2");
    }

    @Test
    void aFailedMountRefusesWithoutWritingAnything() {
        tmpfs.failWith = "mount: only root can use \"--types\" option";
        ServiceSpec web = service("web").secretFile("db_password", "/run/secrets/db_password", "hunter2").build();

        assertThatThrownBy(() -> files.write("web-1", HASH, web)).isInstanceOfSatisfying(BargeException.class, e -> {
            assertThat(e.failure()).isEqualTo(Failure.REFUSED);
            assertThat(e.getMessage()).isEqualTo("cannot keep secrets off the disk: mounting a tmpfs on " + root
                    + " failed (mount: only root can use \"--types\" option): run barge as root, or mount a tmpfs"
                    + " there yourself");
        });
        assertThat(root).isEmptyDirectory();
    }

    @Test
    void aMountThatLeavesNoTmpfsIsRefusedToo() {
        tmpfs.mountDoesNothing = true;

        assertThatThrownBy(files::ensureTmpfs).isInstanceOfSatisfying(BargeException.class,
                e -> assertThat(e.getMessage()).contains("failed (it is still not a tmpfs afterwards)"));
    }

    @Test
    void withoutADirectorySecretsAreRefused() {
        SecretFiles none = new SecretFiles(null, tmpfs);
        ServiceSpec web = service("web").secretFile("db_password", "/run/secrets/db_password", "hunter2").build();

        assertThatThrownBy(() -> none.write("web-1", HASH, web)).isInstanceOfSatisfying(BargeException.class,
                e -> assertThat(e.failure()).isEqualTo(Failure.REFUSED));
        assertThat(none.removeGenerations("web-1", null)).isEmpty();
    }

    static Stream<ServiceSpec> badSecrets() {
        FileContent c = FileContent.plain("x");
        return Stream.of(
                service("web").secret(new ServiceSpec.FileMount("a", "s", "run/a", null, null, null, c)).build(),
                service("web").secret(new ServiceSpec.FileMount("a", "s", "/run/../a", null, null, null, c)).build(),
                service("web").secret(new ServiceSpec.FileMount("a/b", "s", "/run/a", null, null, null, c)).build(),
                service("web").secret(new ServiceSpec.FileMount("a", "s", "/run/a", "app", null, null, c)).build(),
                service("web").config("c", "/run/a", "x")
                        .secret(new ServiceSpec.FileMount("a", "s", "/run/a", null, null, null, c)).build());
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.MethodSource("badSecrets")
    void aBadTargetNameOrOwnerIsBadInputBeforeAnythingIsMountedOrWritten(ServiceSpec service) {
        assertThatThrownBy(() -> files.write("web-1", HASH, service)).isInstanceOfSatisfying(BargeException.class,
                e -> assertThat(e.failure()).isEqualTo(Failure.BAD_INPUT));
        assertThat(tmpfs.mounts).isEmpty();
    }

    @Test
    void removingGenerationsKeepsTheOneInUseAndOtherContainers() throws IOException {
        ServiceSpec web = service("web").secretFile("pw", "/run/pw", "x").build();
        String newer = "fedcba9876543210".repeat(4);
        Path old = files.write("web-1", HASH, web).dir();
        Path current = files.write("web-1", newer, web).dir();
        Path other = files.write("web-10", HASH, web).dir();
        Path dotted = files.write("web-1.x", HASH, web).dir();

        assertThat(files.removeGenerations("web-1", current)).isEmpty();
        assertThat(old).doesNotExist();
        assertThat(List.of(current, other, dotted)).allMatch(Files::isDirectory);

        assertThat(files.removeGenerations("web-1", null)).isEmpty();
        assertThat(current).doesNotExist();
        assertThat(List.of(other, dotted)).allMatch(Files::isDirectory);
        assertThat(files.remove(other)).isEmpty();
        assertThat(other).doesNotExist();
    }
}
