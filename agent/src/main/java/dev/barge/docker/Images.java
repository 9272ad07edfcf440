package dev.barge.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.PullImageCmd;
import com.github.dockerjava.api.command.PullImageResultCallback;
import com.github.dockerjava.api.model.AuthConfig;
import dev.barge.BargeException;
import dev.barge.Failure;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** Pulls images and reports which digest a pull resolved to. */
final class Images {

    private static final Pattern NOT_FOUND = Pattern.compile("manifest unknown|not found|does not exist|no such image|invalid reference");
    private static final Pattern REFUSED = Pattern.compile("unauthorized|authentication required|no basic auth credentials|denied|forbidden");

    private final DockerClient client;
    private final EngineErrors errors;
    private final Observer observer;

    Images(DockerClient client, EngineErrors errors, Observer observer) {
        this.client = client;
        this.errors = errors;
        this.observer = observer;
    }

    String pull(String imageRef, String platform, RegistryCredentials credentials) {
        ImageRef ref = ImageRef.parse(imageRef);
        try (PullImageCmd cmd = configure(client.pullImageCmd(ref.repository()), ref, platform, credentials)) {
            cmd.exec(new PullImageResultCallback()).awaitCompletion();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BargeException(Failure.FAILED, "pull of " + imageRef + " was interrupted", e);
        } catch (RuntimeException e) {
            throw pullFailed(errors, imageRef, credentials, e);
        }
        ActualState.Image image = observer.image(imageRef).orElseThrow(() -> new BargeException(Failure.FAILED,
                "pull of " + imageRef + " finished but the engine has no such image: retry the pull"));
        return digest(ref, image);
    }

    /** The pull of {@code ref}: for {@code platform} when a service asks one, with barge's login when it has one. */
    static PullImageCmd configure(PullImageCmd cmd, ImageRef ref, String platform, RegistryCredentials credentials) {
        cmd.withTag(ref.tag());
        if (platform != null) {
            cmd.withPlatform(platform);
        }
        if (credentials != null) {
            cmd.withAuthConfig(new AuthConfig().withRegistryAddress(credentials.address())
                    .withUsername(credentials.username()).withPassword(credentials.password()));
        }
        return cmd;
    }

    /**
     * A failed pull as one line: a registry that wants a login says so and names the {@code registries:}
     * setting of barge.yaml, since that is where barge's logins come from (never ~/.docker/config.json
     * by intent); the password is never part of it, and the engine's message does not hold it.
     */
    static BargeException pullFailed(EngineErrors errors, String imageRef, RegistryCredentials credentials,
                                     RuntimeException e) {
        if (e instanceof BargeException be) {
            return be;
        }
        String detail = EngineErrors.engineMessage(e);
        String lower = detail.toLowerCase(Locale.ROOT);
        if (REFUSED.matcher(lower).find()) {
            String registry = registryOf(imageRef);
            String next = credentials == null
                    ? ": barge has no login for " + registry + ": add one for it under registries: in barge.yaml"
                    + " (address, username, password)"
                    : ": check the username and password for " + registry + " under registries: in barge.yaml";
            return new BargeException(Failure.REFUSED, "pull of " + imageRef + " was refused by registry " + registry
                    + " (unauthorized" + (credentials == null ? ", no credentials sent" : ", credentials rejected")
                    + "): " + detail + next, e);
        }
        if (NOT_FOUND.matcher(lower).find()) {
            return new BargeException(Failure.BAD_INPUT, "pull of " + imageRef + " failed: " + detail
                    + ": check the image name and tag", e);
        }
        if (detail.isBlank() && EngineErrors.isConnectionProblem(e)) {
            return errors.unreachable(e);
        }
        return new BargeException(Failure.RETRY_LATER, "pull of " + imageRef + " failed: " + detail
                + ": check that the registry is reachable from this host, then retry", e);
    }

    /** The registry host an image is pulled from, as the Docker CLI reads a reference. */
    static String registryOf(String imageRef) {
        int slash = imageRef.indexOf('/');
        String first = slash < 0 ? "" : imageRef.substring(0, slash);
        return first.contains(".") || first.contains(":") || first.equals("localhost") ? first : "docker.io";
    }

    /** The repo digest for the pulled repository; the image id when the image came from no registry. */
    static String digest(ImageRef ref, ActualState.Image image) {
        if (ref.isDigest()) {
            return ref.repository() + "@" + ref.tag();
        }
        String wanted = familiar(ref.repository());
        List<String> digests = image.repoDigests();
        for (String d : digests) {
            int at = d.indexOf('@');
            if (at > 0 && familiar(d.substring(0, at)).equals(wanted)) {
                return d;
            }
        }
        return digests.isEmpty() ? image.id() : digests.get(0);
    }

    /** Docker Hub names are reported short: docker.io/library/busybox is busybox. */
    private static String familiar(String repository) {
        String r = repository;
        for (String prefix : List.of("docker.io/", "index.docker.io/", "registry-1.docker.io/")) {
            if (r.startsWith(prefix)) {
                r = r.substring(prefix.length());
            }
        }
        return r.startsWith("library/") ? r.substring("library/".length()) : r;
    }
}
