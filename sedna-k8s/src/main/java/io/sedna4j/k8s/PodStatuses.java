package io.sedna4j.k8s;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.sedna4j.api.link.WorkerPhase;
import io.sedna4j.api.link.WorkerStatus;
import java.util.List;

/**
 * A worker's status from its Pod, as the kubelet reports it: the Pod's phase, the containers' restarts and exit
 * codes, and the kubelet's reason (ImagePullBackOff, OOMKilled, Evicted, …) as the message. A Pod Failed while the
 * platform will restart it is Pending; one crash-looping beyond its backoffLimit is Failed.
 */
final class PodStatuses {
    private PodStatuses() {
    }

    /**
     * The worker status of one of its Pods.
     *
     * @param restarts the restarts the platform made (new Pods), on top of the kubelet's container restarts
     */
    static WorkerStatus status(Pod p, int restarts) {
        String worker = WorkerObjects.label(p, WorkerObjects.WORKER);
        String policy = WorkerObjects.annotation(p, WorkerObjects.RESTART_POLICY);
        int limit = PodWorkerPlatform.parseInt(WorkerObjects.annotation(p, WorkerObjects.BACKOFF_LIMIT), Integer.MAX_VALUE);
        int containerRestarts = 0;
        Integer exitCode = null;
        boolean crashLooping = false;
        var st = p.getStatus();
        List<ContainerStatus> containers = st == null || st.getContainerStatuses() == null ? List.of()
                : st.getContainerStatuses();
        for (ContainerStatus c : containers) {
            containerRestarts += c.getRestartCount() == null ? 0 : c.getRestartCount();
            if (c.getState() != null && c.getState().getTerminated() != null) {
                exitCode = c.getState().getTerminated().getExitCode();
            } else if (exitCode == null && c.getLastState() != null && c.getLastState().getTerminated() != null) {
                exitCode = c.getLastState().getTerminated().getExitCode();
            }
            crashLooping |= c.getState() != null && c.getState().getWaiting() != null
                    && "CrashLoopBackOff".equals(c.getState().getWaiting().getReason());
        }
        int total = containerRestarts + restarts;
        WorkerPhase phase = switch (String.valueOf(phase(p))) {
            case "Running" -> WorkerPhase.Running;
            case "Succeeded" -> WorkerPhase.Succeeded;
            case "Failed" -> WorkerPhase.Failed;
            default -> WorkerPhase.Pending;
        };
        String message = message(p);
        if (phase == WorkerPhase.Failed && !"Never".equals(policy) && restarts < limit) {
            phase = WorkerPhase.Pending; // the platform restarts it (ensurePod)
            message = "failed" + (message == null ? "" : " (" + message + ")") + "; restarting";
        } else if (crashLooping && containerRestarts > limit) {
            phase = WorkerPhase.Failed;
            message = "restarted " + containerRestarts + " times, more than its backoffLimit " + limit
                    + (message == null ? "" : "; " + message);
        }
        String time = st != null && st.getStartTime() != null ? st.getStartTime()
                : p.getMetadata().getCreationTimestamp();
        return new WorkerStatus(worker, PodWorkerPlatform.owner(p), p.getSpec() == null ? null
                : p.getSpec().getNodeName(), phase, total, exitCode, message, time);
    }

    static String phase(Pod p) {
        return p.getStatus() == null ? null : p.getStatus().getPhase();
    }

    /** Why the Pod is where it is: the kubelet's reason (ImagePullBackOff, OOMKilled, Evicted, …) and message. */
    static String message(Pod p) {
        var st = p.getStatus();
        if (st == null) {
            return null;
        }
        for (ContainerStatus c : st.getContainerStatuses() == null ? List.<ContainerStatus>of()
                : st.getContainerStatuses()) {
            var state = c.getState();
            if (state != null && state.getWaiting() != null && state.getWaiting().getReason() != null) {
                return join(c.getName() + ": " + state.getWaiting().getReason(), state.getWaiting().getMessage());
            }
            if (state != null && state.getTerminated() != null && state.getTerminated().getReason() != null) {
                return join(c.getName() + ": " + state.getTerminated().getReason() + ", exit code "
                        + state.getTerminated().getExitCode(), state.getTerminated().getMessage());
            }
        }
        if (st.getReason() != null || st.getMessage() != null) {
            return join(st.getReason(), st.getMessage());
        }
        return null;
    }

    private static String join(String a, String b) {
        return a == null ? b : b == null || b.isEmpty() ? a : a + ": " + b;
    }

    /** A Running Pod of a Deployment's worker wins over one that is starting or going. */
    static WorkerStatus better(WorkerStatus a, WorkerStatus b) {
        return rank(b.phase()) > rank(a.phase()) ? b : a;
    }

    private static int rank(WorkerPhase p) {
        return p == WorkerPhase.Running ? 3 : p == WorkerPhase.Pending ? 2 : 1;
    }
}
