package dev.barge.policy;

/**
 * One thing a stack asks for that the host's policy does not allow. {@code service} is null for a
 * stack's network or volume; {@code pointer} is the JSON pointer of the offending key inside the
 * stack's compose spec (for file:line); {@code setting} is the agent config key that would allow it.
 */
public record Violation(String stack, String service, String pointer, String text, String setting) {

    /** The phrase a message uses: what asks for what, and the setting that would allow it. */
    public String render() {
        return text + " (policy." + setting + ")";
    }
}
