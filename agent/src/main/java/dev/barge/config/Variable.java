package dev.barge.config;

/** A value for ${VAR} interpolation; {@code sensitive} when it came from a secret. */
public record Variable(String value, boolean sensitive) {
    public static Variable plain(String value) {
        return new Variable(value, false);
    }

    @Override
    public String toString() {
        return sensitive ? "(sensitive)" : value;
    }
}
