package dev.barge.config.compose;

/** Reads one key of a compose service into the draft, reporting problems on the node. */
@FunctionalInterface
interface ServiceKey {
    void read(Node value, ServiceDraft draft, Scope scope);
}
