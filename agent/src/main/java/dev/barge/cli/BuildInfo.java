package dev.barge.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * The version and git commit barge was built from: {@code dev/barge/build.properties}, written by the build
 * (agent/pom.xml, antrun execution build-info). Read once; "dev"/"unknown" when the resource is absent, as in an IDE.
 */
record BuildInfo(String version, String commit) {
    private static final BuildInfo CURRENT = load();

    static BuildInfo current() {
        return CURRENT;
    }

    static BuildInfo from(Properties p) {
        return new BuildInfo(p.getProperty("version", "dev").strip(), p.getProperty("commit", "unknown").strip());
    }

    private static BuildInfo load() {
        Properties p = new Properties();
        try (InputStream in = BuildInfo.class.getResourceAsStream("/dev/barge/build.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            // a jar that cannot read its own resource: report the defaults rather than fail `barge version`
        }
        return from(p);
    }
}
