package dev.barge.plan;

import static dev.barge.plan.Fixtures.COMMIT;
import static dev.barge.plan.Fixtures.KEY;
import static dev.barge.plan.Fixtures.NEW_IMAGE_ID;
import static dev.barge.plan.Fixtures.OLD_COMMIT;
import static dev.barge.plan.Fixtures.matching;
import static dev.barge.plan.Fixtures.running;
import static dev.barge.plan.Fixtures.slice;
import static dev.barge.plan.Fixtures.stack;
import static dev.barge.plan.Fixtures.with;
import static dev.barge.plan.ServiceBuilder.service;

import dev.barge.config.model.ServiceSpec;
import dev.barge.config.model.StackSpec;
import dev.barge.config.model.StackSpec.Drift;
import dev.barge.docker.ActualState;
import dev.barge.docker.ActualState.Container;
import dev.barge.docker.ActualState.Status;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Whole plans used by golden files, schema validation and the two-JVM determinism check. */
public final class SamplePlans {
    /** A value that must never appear in any output. */
    public static final String SECRET = "s3cr3t-hunter2";
    public static final String SECRET_OLD = "old-s3cr3t-hunter1";
    public static final String SECRET_FILE = "-----BEGIN KEY-----sup3r-private";

    private SamplePlans() {
    }

    /** Every action, reason and note at least once. */
    public static Plan rich() {
        // shop: a new stack
        StackSpec shop = stack("shop", Drift.CORRECT, List.of("data"),
                service("db").volume("data", "/var/lib/db").secretEnv("DB_PASSWORD", SECRET).build(),
                service("api").port(8080, 80).dependsOn("db", true).config("nginx.conf", "/etc/nginx.conf", "worker 1;")
                        .secretFile("tls_key", "/run/secrets/tls.key", SECRET_FILE).build());
        // web: changed by this commit, with a stopped container and a pulled image
        ServiceSpec dbOld = service("db").command("sleep", "3600").build();
        ServiceSpec db = service("db").command("sleep", "7200").build();
        ServiceSpec apiOld = service("api").env("TAG", "1.27").secretEnv("DB_PASSWORD", SECRET_OLD).user("1000")
                .dependsOn("db", false).healthcheck("CMD", "wget", "-q", "localhost").limits(268435456L, 0.5).build();
        ServiceSpec api = service("api").env("TAG", "1.28").secretEnv("DB_PASSWORD", SECRET)
                .label("traefik.enable", "true").dependsOn("db", false).healthcheck("CMD", "wget", "-q", "localhost")
                .limits(268435456L, 0.5).build();
        ServiceSpec worker = service("worker").command("sh", "-c", "work \"hard\"").dependsOn("api", true).build();
        ServiceSpec cron = service("cron").dependsOn("db", false).build();
        ServiceSpec cache = service("cache").image("redis:7").build();
        ServiceSpec proxy = service("proxy").port(443, 8443).dependsOn("api", false).build();
        StackSpec webOld = stack("web", dbOld, apiOld, worker, cron, cache, proxy);
        StackSpec web = stack("web", db, api, worker, cron, cache, proxy);
        // ops: drift: detect, recreated by hand with another spec
        ServiceSpec agentOld = service("agent").networkMode("host").build();
        ServiceSpec agent = service("agent").networkMode("host").restart("always").build();
        StackSpec opsOld = stack("ops", Drift.DETECT, List.of(), agentOld);
        StackSpec ops = stack("ops", Drift.DETECT, List.of(), agent);
        // old: removed from the config
        StackSpec old = stack("old", Drift.CORRECT, List.of("cache"),
                service("app").dependsOn("redis", false).build(), service("redis").image("redis:7").build());

        ActualState before = matching(webOld, opsOld, old);
        List<Container> containers = new ArrayList<>();
        for (Container c : before.containers()) {
            containers.add(c.service().equals("cron") ? with(c, Status.EXITED, 137) : c);
        }
        List<ActualState.Image> images = new ArrayList<>(before.images());
        images.removeIf(i -> i.ref().equals("redis:7"));
        images.add(new ActualState.Image("redis:7", NEW_IMAGE_ID, List.of("redis@sha256:" + "c3".repeat(32))));
        // what observe left out: a container whose image carries barge's labels, another instance's network;
        // and the cache container an earlier barge made, adopted from this state dir's record
        ActualState actual = new ActualState(containers, before.networks(), before.volumes(), images,
                List.of(new ActualState.Unowned(ActualState.Kind.CONTAINER, "pwn", "web", false),
                        new ActualState.Unowned(ActualState.Kind.NETWORK, "blog_default", "blog", true)),
                List.of(new ActualState.Adopted(ActualState.Kind.CONTAINER, "web-cache-1", "web")));

        Map<String, String> recorded = new HashMap<>();
        containers.forEach(c -> recorded.put(c.name(), c.specHash()));
        recorded.put("ops-agent-1", running(ops, agent).specHash()); // barge had applied the current spec
        return new Planner(KEY).plan(slice(web, shop, ops), actual, new PriorState(OLD_COMMIT, recorded),
                new PlanOptions(COMMIT, false));
    }

    /** Everything in sync. */
    public static Plan unchanged() {
        StackSpec web = stack("web", service("db").build(), service("api").dependsOn("db", false).build());
        return new Planner(KEY).plan(slice(web), matching(web), new PriorState(COMMIT, Map.of()),
                new PlanOptions(COMMIT, false));
    }
}
