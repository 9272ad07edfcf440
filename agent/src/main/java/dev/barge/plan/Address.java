package dev.barge.plan;

import java.util.Objects;

/**
 * What a change is about: a container by {@code stack/service}, or a network or volume by its engine
 * name ({@code network/web_default}). {@code stack} is the owning stack for all three kinds.
 */
public record Address(Kind kind, String stack, String name) implements Comparable<Address> {

    public enum Kind { CONTAINER, NETWORK, VOLUME }

    public Address {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(stack, "stack");
        Objects.requireNonNull(name, "name");
    }

    public static Address container(String stack, String service) {
        return new Address(Kind.CONTAINER, stack, service);
    }

    public static Address network(String stack, String engineName) {
        return new Address(Kind.NETWORK, stack, engineName);
    }

    public static Address volume(String stack, String engineName) {
        return new Address(Kind.VOLUME, stack, engineName);
    }

    @Override
    public int compareTo(Address other) {
        return toString().compareTo(other.toString());
    }

    @Override
    public String toString() {
        return switch (kind) {
            case CONTAINER -> stack + "/" + name;
            case NETWORK -> "network/" + name;
            case VOLUME -> "volume/" + name;
        };
    }
}
