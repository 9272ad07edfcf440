package dev.barge.source;

import dev.barge.BargeException;
import dev.barge.Failure;
import dev.barge.PrivateFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reads a one-line credential (token, password) from a file, at each use so rotation needs no restart. */
final class SecretFiles {
    private SecretFiles() {
    }

    static String read(Path file, String setting) {
        PrivateFiles.requireOwnerOnly(file, setting);
        String value;
        try {
            value = Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (NoSuchFileException e) {
            throw new BargeException(Failure.BAD_INPUT, setting + " file " + file + " does not exist: create it or fix the path");
        } catch (AccessDeniedException e) {
            throw new BargeException(Failure.REFUSED, setting + " file " + file + " is not readable by this user: check its owner and mode");
        } catch (IOException e) {
            throw new BargeException(Failure.BAD_INPUT, setting + " file " + file + " cannot be read: " + e.getClass().getSimpleName());
        }
        if (value.isEmpty()) {
            throw new BargeException(Failure.BAD_INPUT, setting + " file " + file + " is empty: put the credential on its first line");
        }
        if (value.contains("\n")) {
            throw new BargeException(Failure.BAD_INPUT, setting + " file " + file + " has more than one line: keep only the credential");
        }
        return value;
    }
}
