package dev.barge.config.model;

/** Where a thing was declared: repo-relative file and 1-based line (0 when unknown). */
public record Origin(String file, int line) {
    public static final Origin UNKNOWN = new Origin("", 0);

    @Override
    public String toString() {
        return line > 0 ? file + ":" + line : file;
    }
}
