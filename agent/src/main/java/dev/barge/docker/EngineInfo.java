package dev.barge.docker;

/** The engine barge talks to: where, its version, and the API version both sides agreed on. */
public record EngineInfo(String host, String serverVersion, String engineApiVersion, String negotiatedApiVersion) {
}
