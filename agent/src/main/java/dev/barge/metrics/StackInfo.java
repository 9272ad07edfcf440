package dev.barge.metrics;

/**
 * One stack as {@code barge_stack_info} labels it, in the style of Argo CD's {@code argocd_app_info}.
 *
 * @param syncStatus    Synced, OutOfSync or Unknown
 * @param healthStatus  Healthy, Progressing, Degraded, Missing or Unknown
 * @param desiredCommit the branch head (or the pin), empty when not known
 */
public record StackInfo(String stack, String deployment, String syncStatus, String healthStatus, String appliedCommit,
                        String desiredCommit) {
}
