package dev.barge.source;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** Reads the SSH wire encoding (RFC 4251: uint32, string, mpint) that keys and SSHSIG blobs use. */
final class SshWire {
    private final ByteBuffer buffer;

    SshWire(byte[] data) {
        this.buffer = ByteBuffer.wrap(data);
    }

    int uint32() {
        need(4);
        return buffer.getInt();
    }

    byte[] bytes() {
        int length = uint32();
        if (length < 0) {
            throw new IllegalArgumentException("negative length in SSH data");
        }
        need(length);
        byte[] value = new byte[length];
        buffer.get(value);
        return value;
    }

    String string() {
        return new String(bytes(), StandardCharsets.UTF_8);
    }

    BigInteger mpint() {
        return new BigInteger(bytes());
    }

    byte[] raw(int length) {
        need(length);
        byte[] value = new byte[length];
        buffer.get(value);
        return value;
    }

    boolean atEnd() {
        return !buffer.hasRemaining();
    }

    private void need(int length) {
        if (buffer.remaining() < length) {
            throw new IllegalArgumentException("truncated SSH data");
        }
    }
}
