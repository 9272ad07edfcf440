package dev.barge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.sun.net.httpserver.HttpServer;
import dev.barge.diff.FleetRepo;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shell of each job in docs/ci.md, extracted from its {@code yaml} blocks and run as the platform runs it
 * ({@code bash -e}; GitLab: the script lines in one shell), in a clone of a real repository with a pull-request
 * branch. The release tarball is made from target/barge.jar in the release's layout ({@code barge-<version>/bin/barge})
 * and fetched with curl from a file URL; the comment goes to a local HTTP receiver standing in for the platform's
 * API. Not run: the {@code uses:} steps (checkout and Java are the test's own) and GitLab's before_script (it
 * installs git and curl, which this machine has).
 */
class CiRecipesIT {
    private static final String VERSION = "9.9.9";
    private static final int PORT = 19741;

    @TempDir
    Path tmp;

    private HttpServer receiver;
    private final List<String[]> posted = new CopyOnWriteArrayList<>();

    @BeforeEach
    void listen() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", PORT), 0);
        receiver.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String auth = String.valueOf(exchange.getRequestHeaders().getFirst("Authorization"))
                    + "|" + exchange.getRequestHeaders().getFirst("PRIVATE-TOKEN");
            posted.add(new String[] {exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath(), auth, body});
            byte[] reply = "{\"id\": 1}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(201, reply.length);
            exchange.getResponseBody().write(reply);
            exchange.close();
        });
        receiver.start();
    }

    @AfterEach
    void stop() {
        receiver.stop(0);
    }

    @Test
    void gitHubActionsJobValidatesDiffsAndComments() throws IOException {
        DiffRepos repos = DiffRepos.create(tmp);
        Path work = repos.checkout(tmp.resolve("work"), "change");
        DiffRepos.Result run = runActions(recipe(0), work, gitHub("12"));

        assertThat(run.code()).as(run.out()).isZero();
        assertThat(posted).singleElement().satisfies(p -> {
            assertThat(p[0]).isEqualTo("POST /repos/ops/deploy/issues/12/comments");
            assertThat(p[1]).startsWith("Bearer gh-token|");
            assertThat(new ObjectMapper().readTree(p[2]).path("body").asText()).satisfies(this::isTheStagingChange);
        });
    }

    @Test
    void gitHubActionsJobCommentsTheProblemsAndFailsOnAnInvalidPullRequest() throws IOException {
        DiffRepos repos = DiffRepos.create(tmp);
        Path work = repos.checkout(tmp.resolve("work"), "change");
        new FleetRepo(work).write("deployments/mars.yaml", "deployment: mars\nstackz: []\n");
        DiffRepos.git(work, "commit", "-q", "-am", "broken");
        DiffRepos.Result run = runActions(recipe(0), work, gitHub("13"));

        assertThat(run.code()).as(run.out()).isEqualTo(65);
        assertThat(posted).singleElement().satisfies(p -> assertThat(new ObjectMapper().readTree(p[2]).path("body").asText())
                .contains("### barge diff: the head ").contains("deployments/mars.yaml:2: unknown key 'stackz'")
                .contains("**barge validate / diff failed**"));
    }

    @Test
    void gitLabJobValidatesDiffsAndComments() throws IOException {
        DiffRepos repos = DiffRepos.create(tmp);
        Path work = repos.checkout(tmp.resolve("work"), "change");
        JsonNode job = recipe(1).path("barge");
        Map<String, String> env = common();
        env.putAll(Map.of("CI_MERGE_REQUEST_TARGET_BRANCH_NAME", "main", "BARGE_GITLAB_TOKEN", "gl-token",
                "CI_API_V4_URL", "http://127.0.0.1:" + PORT + "/api/v4", "CI_PROJECT_ID", "7", "CI_MERGE_REQUEST_IID", "3"));
        List<String> lines = new ArrayList<>();
        job.path("script").forEach(l -> lines.add(l.asText()));

        DiffRepos.Result run = bash(String.join("\n", lines), work, env);

        assertThat(run.code()).as(run.out()).isZero();
        assertThat(posted).singleElement().satisfies(p -> {
            assertThat(p[0]).isEqualTo("POST /api/v4/projects/7/merge_requests/3/notes");
            assertThat(p[1]).endsWith("|gl-token");
            assertThat(p[2]).startsWith("body=");
            isTheStagingChange(URLDecoder.decode(p[2].substring("body=".length()), StandardCharsets.UTF_8));
        });
    }

    @Test
    void giteaAndForgejoJobValidatesDiffsAndComments() throws IOException {
        DiffRepos repos = DiffRepos.create(tmp);
        Path work = repos.checkout(tmp.resolve("work"), "change");
        Map<String, String> env = common();
        env.putAll(Map.of("BASE_REF", "main", "PR_NUMBER", "5", "BARGE_TOKEN", "gt-token",
                "SERVER_URL", "http://127.0.0.1:" + PORT, "REPOSITORY", "ops/deploy"));

        DiffRepos.Result run = runActions(recipe(2), work, env);

        assertThat(run.code()).as(run.out()).isZero();
        assertThat(posted).singleElement().satisfies(p -> {
            assertThat(p[0]).isEqualTo("POST /api/v1/repos/ops/deploy/issues/5/comments");
            assertThat(p[1]).startsWith("token gt-token|");
            isTheStagingChange(new ObjectMapper().readTree(p[2]).path("body").asText());
        });
    }

    private void isTheStagingChange(String comment) {
        assertThat(comment).startsWith("### barge diff: 3 of 20 nodes change\n")
                .contains("<details><summary>3 nodes: stage-1, stage-2, stage-3</summary>")
                .contains("~ environment.LOG_LEVEL: \"info\" -> \"debug\"")
                .as("the merge base is the base, not main's tip").doesNotContain("mars");
    }

    /** What the GitHub job's env gives the shell, for pull request {@code number}. */
    private Map<String, String> gitHub(String number) throws IOException {
        Map<String, String> env = common();
        env.putAll(Map.of("BASE_REF", "main", "PR_NUMBER", number, "GITHUB_TOKEN", "gh-token",
                "GITHUB_API_URL", "http://127.0.0.1:" + PORT, "GITHUB_REPOSITORY", "ops/deploy"));
        return env;
    }

    /** The variables every recipe's job-level env sets, with the tarball at a file URL. */
    private Map<String, String> common() throws IOException {
        Map<String, String> env = new HashMap<>();
        env.put("BARGE_VERSION", VERSION);
        env.put("BARGE_URL", tarball().toUri().toString());
        return env;
    }

    /** barge-9.9.9.tar.gz holding barge-9.9.9/bin/barge, as the release build lays it out. */
    private Path tarball() throws IOException {
        Path home = tmp.resolve("dist/barge-" + VERSION);
        Files.createDirectories(home.resolve("bin"));
        Files.createDirectories(home.resolve("lib"));
        Files.copy(Path.of(DiffRepos.jar()), home.resolve("lib/barge.jar"));
        Path launcher = home.resolve("bin/barge");
        Files.writeString(launcher, "#!/bin/sh\nexec java -jar \"$(dirname \"$0\")/../lib/barge.jar\" \"$@\"\n");
        Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path tarball = tmp.resolve("barge-" + VERSION + ".tar.gz");
        DiffRepos.Result tar = DiffRepos.run(tmp, List.of("tar", "-czf", tarball.toString(), "-C", tmp.resolve("dist").toString(),
                "barge-" + VERSION), Map.of());
        assertThat(tar.code()).as(tar.out()).isZero();
        return tarball;
    }

    /** The {@code index}th yaml block of docs/ci.md. */
    private static JsonNode recipe(int index) throws IOException {
        String doc = Files.readString(Path.of("../docs/ci.md"));
        Matcher m = Pattern.compile("```yaml\\n(.*?)\\n```\\n", Pattern.DOTALL).matcher(doc);
        List<String> blocks = new ArrayList<>();
        while (m.find()) {
            blocks.add(m.group(1));
        }
        assertThat(blocks).as("yaml blocks in docs/ci.md").hasSize(3);
        return new ObjectMapper(new YAMLFactory()).readTree(blocks.get(index));
    }

    /** Every {@code run:} step of the job, each in its own {@code bash -e} as GitHub and Gitea run them. */
    private static DiffRepos.Result runActions(JsonNode workflow, Path work, Map<String, String> env) {
        DiffRepos.Result last = null;
        for (JsonNode step : workflow.path("jobs").path("barge").path("steps")) {
            if (step.has("run")) {
                last = bash(step.path("run").asText(), work, env);
                if (last.code() != 0) {
                    return last;
                }
            }
        }
        assertThat(last).as("a run step").isNotNull();
        return last;
    }

    private static DiffRepos.Result bash(String script, Path work, Map<String, String> env) {
        return DiffRepos.run(work, List.of("bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", script), env);
    }
}
