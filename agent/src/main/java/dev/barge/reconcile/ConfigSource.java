package dev.barge.reconcile;

/**
 * Where the Reconciler gets the config to plan: the agent config's git remote ({@link GitConfigSource}),
 * or a local directory ({@link DirectorySource}). One instance per process, so that a git cache is reused.
 */
public interface ConfigSource {

    /**
     * @param commit      a sha (full or unambiguous prefix), or null for the source's current config:
     *                    the branch head, or a directory as it is
     * @param lastApplied the commit barge last applied on this node, null when none: what the source
     *                    may compare a fetched head with
     */
    Checkout checkout(String commit, String lastApplied);

    /**
     * True when the current config ({@code commit} null) is a branch head, which a rollback's pin
     * overrides; false for a directory read as it is.
     */
    boolean followsBranch();

    /** For messages, e.g. "branch main of https://host/repo.git" or "directory /srv/config". */
    String describe();
}
