package dev.barge.apply;

import static org.assertj.core.api.Assertions.assertThat;

import dev.barge.config.model.FileContent;
import dev.barge.config.model.RepoContent;
import dev.barge.config.model.ServiceSpec;
import dev.barge.config.model.ServiceSpec.Mount;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Repo files written under {@code <state_dir>/files/<stack>/<hash>/} for binds, and removed once unused. */
class RepoTreesTest {
    @TempDir
    Path tmp;

    private static RepoContent file(String repoPath, String text) {
        return new RepoContent(repoPath, false, List.of(new RepoContent.Entry("", FileContent.plain(text), false)));
    }

    private static RepoContent folder() {
        return new RepoContent("stacks/web/html", true, List.of(
                new RepoContent.Entry("index.html", FileContent.plain("<h1>hi</h1>"), false),
                new RepoContent.Entry("cgi/run.sh", FileContent.plain("#!/bin/sh"), true)));
    }

    private static ServiceSpec binding(RepoContent... contents) {
        ServiceSpec s = new ServiceSpec("web", "busybox", null, null, null, Map.of(), List.of(), List.of(), List.of(),
                Map.of(), null, null, Map.of(), null, Map.of(), null, null, null, null, null, List.of(), List.of(), List.of(),
                List.of(), Set.of());
        return s.withMounts(Stream.of(contents).map(c -> new Mount(Mount.Type.BIND, "./" + c.baseName(),
                "/mnt/" + c.baseName(), true, null, c)).toList());
    }

    @Test
    void writesAFileAndAFolderWithTheirModesAndBindsThem() throws IOException {
        RepoTrees trees = new RepoTrees(tmp.resolve("files"));
        RepoContent conf = file("stacks/web/nginx.conf", "server {}\n");

        ServiceSpec written = trees.materialise("web", binding(conf, folder()));

        Path confPath = tmp.resolve("files/web/" + conf.hash() + "/nginx.conf");
        Path html = tmp.resolve("files/web/" + folder().hash() + "/html");
        assertThat(written.mounts()).containsExactly(new Mount(Mount.Type.BIND, confPath.toString(), "/mnt/nginx.conf", true, null),
                new Mount(Mount.Type.BIND, html.toString(), "/mnt/html", true, null));
        assertThat(confPath).hasContent("server {}");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(confPath))).isEqualTo("rw-r--r--");
        assertThat(html.resolve("index.html")).hasContent("<h1>hi</h1>");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(html.resolve("cgi/run.sh")))).isEqualTo("rwxr-xr-x");
        try (Stream<Path> left = Files.list(tmp.resolve("files/web"))) {
            assertThat(left.map(p -> p.getFileName().toString())).as("no temporary directory left")
                    .containsExactlyInAnyOrder(conf.hash(), folder().hash());
        }
    }

    @Test
    void theSameContentIsWrittenOnceAndKeepsItsPath() throws IOException {
        RepoTrees trees = new RepoTrees(tmp.resolve("files"));
        RepoContent conf = file("stacks/web/nginx.conf", "server {}\n");
        String first = trees.materialise("web", binding(conf)).mounts().get(0).source();
        Files.writeString(Path.of(first), "changed by hand");

        String second = trees.materialise("web", binding(conf)).mounts().get(0).source();

        assertThat(second).isEqualTo(first);
    }

    @Test
    void unusedTreesAreRemovedAndUsedOnesKept() {
        RepoTrees trees = new RepoTrees(tmp.resolve("files"));
        RepoContent old = file("stacks/web/nginx.conf", "old\n");
        RepoContent current = file("stacks/web/nginx.conf", "new\n");
        trees.materialise("web", binding(old));
        trees.materialise("web", binding(current));

        assertThat(trees.collect("web", List.of("{\"volumes./etc/nginx.conf.content\":\"sha256:" + current.hash() + "\"}")))
                .isEmpty();

        assertThat(tmp.resolve("files/web/" + old.hash())).doesNotExist();
        assertThat(tmp.resolve("files/web/" + current.hash())).isDirectory();
        trees.collect("web", List.of());
        assertThat(tmp.resolve("files/web")).as("a stack without repo files has no directory").doesNotExist();
    }

    @Test
    void withoutAStateDirARepoBindIsRefusedNotWrittenElsewhere() {
        RepoTrees trees = new RepoTrees(null);

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> trees.materialise("web", binding(folder())))
                .hasMessageContaining("cannot bind ./html from the repo: apply has no state dir");
    }
}
