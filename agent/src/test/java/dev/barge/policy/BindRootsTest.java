package dev.barge.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Regression for issue 8, finding 2: a container with the root bound wrote {@code ln -s / /app/esc}
 * and another service bound {@code /srv/app/esc:/host}; the policy passed it. Binds are judged by the
 * path the host resolves now.
 */
class BindRootsTest {
    @TempDir
    Path tmp;
    Path root;
    BindRoots roots;

    @BeforeEach
    void root() throws IOException {
        root = Files.createDirectories(tmp.resolve("srv/app"));
        roots = new BindRoots(List.of(root));
    }

    /** Links out of the temp dir are removed here, so that JUnit's cleanup has nothing to warn about. */
    @AfterEach
    void removeLinks() throws IOException {
        Files.deleteIfExists(root.resolve("esc"));
    }

    @Test
    void bindThroughASymlinkOutOfTheRootIsRefused() throws IOException {
        Files.createSymbolicLink(root.resolve("esc"), Path.of("/"));
        assertThat(roots.outside(root + "/esc")).hasValue(", which resolves to / on this host,");
        assertThat(roots.outside(root + "/esc/etc")).hasValue(", which resolves to /etc on this host,");
        assertThat(roots.outside(root + "/esc/not-yet/there")).as("a missing path below the link")
                .hasValue(", which resolves to /not-yet/there on this host,");
    }

    @Test
    void aSymlinkThatStaysInsideTheRootIsFine() throws IOException {
        Files.createDirectories(root.resolve("data"));
        Files.createSymbolicLink(root.resolve("current"), Path.of("data"));
        assertThat(roots.outside(root + "/current/x")).isEmpty();
    }

    @Test
    void aPathThatDoesNotExistYetIsJudgedByItsNearestAncestor() {
        assertThat(roots.outside(root + "/new/dir")).isEmpty();
        assertThat(new BindRoots(List.of(tmp.resolve("missing-root"))).outside(tmp + "/missing-root/a")).isEmpty();
    }

    @Test
    void aRootThatIsItselfASymlinkIsComparedOnItsRealPath() throws IOException {
        Path link = Files.createSymbolicLink(tmp.resolve("srv-link"), root);
        assertThat(new BindRoots(List.of(link)).outside(link + "/conf")).isEmpty();
    }

    @Test
    void aDanglingLinkIsRefused() throws IOException {
        Files.createSymbolicLink(root.resolve("dangling"), tmp.resolve("nowhere/at/all"));
        assertThat(roots.outside(root + "/dangling/x")).hasValueSatisfying(why -> assertThat(why).contains("cannot be resolved"));
    }

    @Test
    void driverOptsDevicesAreResolvedToo() throws IOException {
        Files.createSymbolicLink(root.resolve("esc"), Path.of("/"));
        var stack = Stacks.service("", "volumes:\n  data:\n    driver_opts: {type: none, o: bind, device: " + root + "/esc}\n");
        Policies p = Policies.strict();
        p.bindRoots = List.of(root);
        assertThat(PolicyCheck.violations(List.of(stack), p.build())).singleElement()
                .satisfies(v -> assertThat(v.render()).contains("driver_opts that bind " + root + "/esc, which resolves to /")
                        .endsWith("(policy.bind_roots)"));
    }
}
