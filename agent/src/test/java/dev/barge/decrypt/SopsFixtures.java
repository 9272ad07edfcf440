package dev.barge.decrypt;

import dev.barge.BargeException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.List;
import org.assertj.core.api.ThrowableAssert;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The real sops files under src/test/resources/sops (see its README for provenance), and test helpers. */
final class SopsFixtures {
    static final String KUSTOMIZE = "kustomize-controller/";

    private SopsFixtures() {
    }

    static byte[] bytes(String name) {
        try (InputStream in = SopsFixtures.class.getResourceAsStream("/sops/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource sops/" + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String text(String name) {
        return new String(bytes(name), StandardCharsets.UTF_8);
    }

    static List<AgeIdentity> identities(String name) {
        return Identities.parse(text(name), name);
    }

    /** A fresh identity, generated for a test. */
    static AgeIdentity newIdentity() {
        try {
            String[] pair = AgeKeys.generate();
            return AgeIdentity.parse(pair[0], "test");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static BargeException failure(ThrowableAssert.ThrowingCallable call) {
        Throwable[] caught = new Throwable[1];
        assertThatThrownBy(() -> {
            try {
                call.call();
            } catch (Throwable t) {
                caught[0] = t;
                throw t;
            }
        }).isInstanceOf(BargeException.class);
        return (BargeException) caught[0];
    }
}
