package dev.barge.decrypt;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Runs the real tools the interoperability ITs compare against (Debian's age, node with sops-age). */
final class ExternalTools {

    private ExternalTools() {
    }

    /** stdout of a command fed {@code stdin}; fails the test (never skips) when it does not exit 0. */
    static byte[] run(List<String> command, byte[] stdin) throws Exception {
        Process process = new ProcessBuilder(command).start();
        CompletableFuture<byte[]> stdout = CompletableFuture.supplyAsync(() -> readAll(process.getInputStream()));
        CompletableFuture<byte[]> stderr = CompletableFuture.supplyAsync(() -> readAll(process.getErrorStream()));
        try (OutputStream in = process.getOutputStream()) {
            in.write(stdin);
        }
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("%s finishes", command).isTrue();
        assertThat(process.exitValue()).as("%s exit code; stderr: %s", command, new String(stderr.get())).isZero();
        return stdout.get();
    }

    /** The project's scripts/node/node_modules with sops-age, found above the working directory. */
    static Path nodeModules() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path modules = dir.resolve("scripts/node/node_modules");
            if (Files.isDirectory(modules.resolve("sops-age"))) {
                return modules;
            }
        }
        throw new AssertionError("sops-age is not installed: run `cd scripts/node && npm install` (scripts/test.sh does)");
    }

    private static byte[] readAll(InputStream in) {
        try (in; ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            in.transferTo(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
