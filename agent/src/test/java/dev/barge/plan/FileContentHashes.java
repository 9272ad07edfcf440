package dev.barge.plan;

/** SHA-256 of the fixture file contents, computed independently (sha256sum). */
final class FileContentHashes {
    /** {@code printf 'worker_processes 1;' | sha256sum} */
    static final String NGINX_CONF = "78a724ad2b83b33f01d0725496d72e159deec2a6808b0e3ccb08ee44a6aa6ad6";

    private FileContentHashes() {
    }
}
