package dev.barge.doctor;

import java.util.Objects;

/**
 * One line of {@code barge doctor}: what was checked, whether it holds, and what to do when it does not.
 *
 * @param check  a short stable name for scripts ({@code config}, {@code state_dir}, {@code engine}, ...)
 * @param result passed, failed, or not checked because an earlier check failed
 * @param detail what was found, in the user's terms
 * @param fix    what to do next; empty when the check passed
 */
public record Finding(String check, Result result, String detail, String fix) {
    public enum Result {
        PASSED, FAILED, NOT_CHECKED
    }

    public Finding {
        Objects.requireNonNull(check, "check");
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(detail, "detail");
        fix = fix == null ? "" : fix;
    }

    static Finding passed(String check, String detail) {
        return new Finding(check, Result.PASSED, detail, "");
    }

    static Finding failed(String check, String detail, String fix) {
        return new Finding(check, Result.FAILED, detail, fix);
    }

    static Finding notChecked(String check, String detail) {
        return new Finding(check, Result.NOT_CHECKED, detail, "");
    }
}
