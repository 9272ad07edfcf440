package dev.barge.docker;

import java.util.Locale;
import java.util.Map;

/**
 * A {@code platform:} value ({@code os[/arch[/variant]]}) compared with what a local image was built for,
 * the way Compose compares them (containerd's platform matcher) before deciding a local image will do:
 * architecture aliases normalised ({@code x86_64} is {@code amd64}, {@code aarch64} is {@code arm64}), the
 * default variant implied ({@code arm64} is {@code arm64/v8}). The engine reports no variant for an
 * image, so a variant asked for is not checked.
 */
public record Platform(String os, String architecture) {

    private static final Map<String, String> ARCH_ALIASES = Map.of(
            "x86_64", "amd64", "x86-64", "amd64", "aarch64", "arm64", "armhf", "arm", "armel", "arm",
            "i386", "386", "i686", "386");

    /** The platform {@code text} names; its architecture is null when only the OS is given. */
    public static Platform parse(String text) {
        String[] parts = text.strip().toLowerCase(Locale.ROOT).split("/");
        String arch = parts.length > 1 ? architecture(parts[1]) : null;
        return new Platform(parts[0], arch);
    }

    /** True when an image for {@code imageOs}/{@code imageArchitecture} runs as this platform asks. */
    public boolean matches(String imageOs, String imageArchitecture) {
        if (imageOs == null || !os.equals(imageOs.toLowerCase(Locale.ROOT))) {
            return false;
        }
        return architecture == null || imageArchitecture != null
                && architecture.equals(architecture(imageArchitecture.toLowerCase(Locale.ROOT)));
    }

    private static String architecture(String arch) {
        return ARCH_ALIASES.getOrDefault(arch, arch);
    }

    @Override
    public String toString() {
        return architecture == null ? os : os + "/" + architecture;
    }
}
