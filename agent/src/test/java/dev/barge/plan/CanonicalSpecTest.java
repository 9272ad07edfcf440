package dev.barge.plan;

import static dev.barge.plan.Fixtures.KEY;
import static dev.barge.plan.Fixtures.stack;
import static dev.barge.plan.ServiceBuilder.service;
import static org.assertj.core.api.Assertions.assertThat;

import dev.barge.config.model.ServiceSpec;
import dev.barge.config.model.StackSpec;
import dev.barge.docker.OwnershipLabels;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CanonicalSpecTest {
    static final ServiceSpec API = service("api").image("nginx:1.27").command("nginx", "-g", "daemon off;")
            .env("TAG", "1.27").secretEnv("DB_PASSWORD", "hunter2").port(8080, 80).volume("data", "/data")
            .network("default", "web").label("traefik.enable", "true").healthcheck("CMD", "true")
            .dependsOn("db", true).user("101").limits(268435456L, 0.1)
            .config("nginx.conf", "/etc/nginx/nginx.conf", "worker_processes 1;")
            .secretFile("tls_key", "/run/secrets/tls.key", "PRIVATE").build();
    static final StackSpec WEB = stack("web", StackSpec.Drift.CORRECT, List.of("data"), API);

    /**
     * Pins the canonical form and its hash. The expected MACs and hash were computed outside Java (Python's
     * hmac/hashlib over the same bytes), so this also proves the form does not depend on the JVM.
     */
    @Test
    void golden_canonical_form_and_hash() {
        CanonicalSpec spec = CanonicalSpec.of(WEB, API, KEY);
        assertThat(spec.toLabel()).isEqualTo("{"
                + "\"command\":\"[\\\"nginx\\\",\\\"-g\\\",\\\"daemon off;\\\"]\","
                + "\"configs.nginx.conf\":\"source=stacks/web/nginx.conf,target=/etc/nginx/nginx.conf,mode=0444\","
                + "\"configs.nginx.conf.content\":\"sha256:" + FileContentHashes.NGINX_CONF + "\","
                + "\"container_name\":\"web-api-1\","
                + "\"cpus\":\"0.1\","
                + "\"environment.DB_PASSWORD\":\"" + spec.attributes().get("environment.DB_PASSWORD") + "\","
                + "\"environment.TAG\":\"1.27\","
                + "\"healthcheck.interval\":\"10s\","
                + "\"healthcheck.retries\":\"3\","
                + "\"healthcheck.start_period\":\"5s\","
                + "\"healthcheck.test\":\"[\\\"CMD\\\",\\\"true\\\"]\","
                + "\"healthcheck.timeout\":\"1500ms\","
                + "\"image\":\"nginx:1.27\","
                + "\"labels.traefik.enable\":\"true\","
                + "\"mem_limit\":\"268435456\","
                + "\"networks.default\":\"name=web_default,aliases=[\\\"web\\\"]\","
                + "\"ports\":\"[\\\"127.0.0.1:8080:80/tcp\\\"]\","
                + "\"restart\":\"unless-stopped\","
                + "\"secrets.tls_key\":\"source=secrets/tls_key.sops.yaml,target=/run/secrets/tls.key,uid=0,gid=0,mode=0400\","
                + "\"secrets.tls_key.content\":\"" + spec.attributes().get("secrets.tls_key.content") + "\","
                + "\"ulimits.nofile\":\"soft=1024,hard=2048\","
                + "\"user\":\"101\","
                + "\"volumes./data\":\"type=volume,source=web_data\","
                + "\"x-barge.deployment\":\"mars\""
                + "}");
        assertThat(spec.attributes().get("environment.DB_PASSWORD"))
                .isEqualTo("hmac-sha256:5fbf753500773dbf2d83cca911abfe77e90b1120c1e6c7a39323b51d0dec1484");
        assertThat(spec.attributes().get("secrets.tls_key.content"))
                .isEqualTo("hmac-sha256:70983eaa4522045f9d244d5be69cc297a9f90de396fcce743819a10e94159131");
        assertThat(spec.hash()).isEqualTo("2275748d63715b944189bb82fa5d0dcc62081cb928ef44452889726616be341b");
    }

    @Test
    void secrets_enter_only_through_the_keyed_hash() {
        CanonicalSpec spec = CanonicalSpec.of(WEB, API, KEY);
        assertThat(spec.toLabel()).doesNotContain("hunter2").doesNotContain("PRIVATE");
        assertThat(spec.sensitivePaths()).containsExactlyInAnyOrder("environment.DB_PASSWORD", "secrets.tls_key.content");
        byte[] otherKey = new byte[32];
        otherKey[0] = 1;
        assertThat(CanonicalSpec.of(WEB, API, HashKey.of(otherKey)).hash()).isNotEqualTo(spec.hash());
        ServiceSpec changedSecret = service("api").secretEnv("A", "same").secretEnv("B", "same").build();
        CanonicalSpec two = CanonicalSpec.of(WEB, changedSecret, KEY);
        assertThat(two.attributes().get("environment.A")).isNotEqualTo(two.attributes().get("environment.B"));
    }

    @Test
    void a_sensitive_parent_path_covers_every_key_below_it() {
        ServiceSpec s = service("api").env("A", "1").env("B", "2").build();
        ServiceSpec marked = new ServiceSpec(s.name(), s.image(), s.containerName(), s.command(), s.entrypoint(),
                s.environment(), s.ports(), s.expose(), s.mounts(), s.networks(), s.networkMode(), s.restart(), s.labels(),
                s.healthcheck(), s.dependsOn(), s.execution(), s.resources(), s.security(), s.pullPolicy(), s.logging(),
                s.extraHosts(), s.dns(), s.configs(), s.secrets(), java.util.Set.of("environment"));
        CanonicalSpec spec = CanonicalSpec.of(WEB, marked, KEY);
        assertThat(spec.sensitivePaths()).containsExactlyInAnyOrder("environment.A", "environment.B");
        assertThat(spec.attributes().get("environment.A")).startsWith(HashKey.PREFIX);
    }

    @Test
    void defaults_are_left_out_so_new_attributes_do_not_change_old_hashes() {
        CanonicalSpec spec = CanonicalSpec.of(WEB, service("x").restart(null).build(), KEY);
        assertThat(spec.attributes()).containsOnlyKeys("container_name", "image", "x-barge.deployment");
    }

    @Test
    void labels_carry_ownership_the_hash_and_the_applied_map() {
        ServiceSpec s = service("api").label(OwnershipLabels.STACK, "spoofed").label("team", "a").dependsOn("db", false)
                .dependsOn("cache", false).build();
        Map<String, String> labels = BargeLabels.labelsFor(WEB, s, "abc123", KEY);
        assertThat(labels).containsEntry(OwnershipLabels.MANAGED, "true")
                .containsEntry(OwnershipLabels.STACK, "web")
                .containsEntry(OwnershipLabels.SERVICE, "api")
                .containsEntry(OwnershipLabels.DEPLOYMENT, "mars")
                .containsEntry(OwnershipLabels.COMMIT, "abc123")
                .containsEntry(OwnershipLabels.COMPOSE_PROJECT, "web")
                .containsEntry(OwnershipLabels.COMPOSE_SERVICE, "api")
                .containsEntry(BargeLabels.DEPENDS_ON, "cache,db")
                .containsEntry("team", "a");
        Map<String, String> applied = CanonicalSpec.fromLabel(labels.get(BargeLabels.APPLIED)).orElseThrow();
        assertThat(CanonicalSpec.hashOf(applied)).isEqualTo(labels.get(OwnershipLabels.SPEC));
    }

    @Test
    void the_commit_is_not_part_of_the_hash() {
        assertThat(BargeLabels.labelsFor(WEB, API, "a", KEY).get(OwnershipLabels.SPEC))
                .isEqualTo(BargeLabels.labelsFor(WEB, API, "b", KEY).get(OwnershipLabels.SPEC));
    }

    @ParameterizedTest
    @CsvSource({"0.5, 0.5", "1.0, 1", "0.1, 0.1", "0.6666666666666666, 0.666666667", "1e-10, 0", "1234.5, 1234.5",
            "2.0E-3, 0.002", "100, 100"})
    void decimals_are_written_without_double_to_string(double value, String canonical) {
        assertThat(CanonicalFormat.decimal(value)).isEqualTo(canonical);
    }

    @ParameterizedTest
    @CsvSource({"PT90S, 90s", "PT1.5S, 1500ms", "PT0S, 0s", "PT0.000000010S, 10ns", "PT1H, 3600s"})
    void durations(Duration d, String canonical) {
        assertThat(CanonicalFormat.duration(d)).isEqualTo(canonical);
    }

    @Test
    void fields_escape_separators_so_different_fields_never_collide() {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("source", "/a,read_only=true");
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("source", "/a");
        b.put("read_only", "true");
        assertThat(CanonicalFormat.fields(a)).isEqualTo("source=/a\\,read_only\\=true")
                .isNotEqualTo(CanonicalFormat.fields(b));
    }

    @Test
    void flat_json_round_trips_every_character() {
        Map<String, String> map = Map.of("a\"b", "x\\y\nz\t\u0001é€", "", "", "path.with.dots", "[\"1\"]");
        String text = FlatJson.write(map);
        assertThat(text).doesNotContain("\n");
        assertThat(FlatJson.read(text)).contains(new java.util.TreeMap<>(map));
        assertThat(FlatJson.read(" { \"a\" : \"\\u0041\\/\" } ")).contains(Map.of("a", "A/"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "{", "[]", "{\"a\":1}", "{\"a\":\"b\"", "{\"a\":\"b\"} x", "{\"a\":\"b\",\"a\":\"c\"}",
            "{\"a\":\"\\q\"}", "{\"a\":\"\\u12\"}"})
    void flat_json_rejects_what_barge_did_not_write(String text) {
        assertThat(FlatJson.read(text)).isEmpty();
    }
}
